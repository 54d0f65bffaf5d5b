using System.Globalization;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;
using Payments.Tests.Integration.Webhooks;

namespace Payments.Tests.Integration.Ledger;

/// <summary>
/// Issue 14, case 3: money is whole minor units (docs/Service.md, "Amounts"): the coarsest of ISO 4217's unit and what
/// Stripe moves (JPY and KRW 1, USD and EUR 0.01, KWD and BHD 0.01 since Stripe moves them in multiples of 10
/// thousandths). On every route that takes an amount, a finer one is a 400 <c>invalid_data</c> that names the unit,
/// with nothing written to the collections table and nothing sent to Stripe; whole units move exactly. The old main
/// accepted finer amounts and rounded them on the way to Stripe (KWD 0.001 refunds moved 0.010, JPY 0.4 moved 0).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MinorUnitAmountTests(ApiFixture fixture) : StripeBackedTests(fixture)
{
    /// <summary>Per currency: its minor unit as the 400 names it, and an amount finer than it.</summary>
    public static TheoryData<string, string, string> FinerAmounts => new()
    {
        { "usd", "0.01", "10.005" },
        { "eur", "0.01", "0.001" },
        { "jpy", "1", "0.4" },
        { "krw", "1", "1000.5" },
        { "kwd", "0.01", "0.001" },
        { "bhd", "0.01", "1.005" },
    };

    /// <summary>Per currency: its minor unit, and how many of Stripe's units that is.</summary>
    public static TheoryData<string, string, long> MinorUnits => new()
    {
        { "usd", "0.01", 1 },
        { "eur", "0.01", 1 },
        { "jpy", "1", 1 },
        { "krw", "1", 1 },
        { "kwd", "0.01", 10 },
        { "bhd", "0.01", 10 },
    };

    [Theory]
    [MemberData(nameof(FinerAmounts))]
    public async Task A_capture_finer_than_the_minor_unit_is_refused_naming_it_and_nothing_is_stored_or_sent(string currency, string unit, string finer)
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync(5000m, currency);

        await AssertRefusedAsync(session.CollectionId, currency, unit, finer, () => Service.MoveAsync(paymentId, "capture", $$"""{"amount":{{finer}}}"""));
    }

    [Theory]
    [MemberData(nameof(FinerAmounts))]
    public async Task A_refund_finer_than_the_minor_unit_is_refused_naming_it_and_nothing_is_stored_or_sent(string currency, string unit, string finer)
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync(5000m, currency);
        Assert.Equal(200, (await Service.MoveAsync(paymentId, "capture", "{}")).Status);

        await AssertRefusedAsync(session.CollectionId, currency, unit, finer, () => Service.MoveAsync(paymentId, "refund", $$"""{"amount":{{finer}}}"""));
    }

    [Theory]
    [MemberData(nameof(FinerAmounts))]
    public async Task An_order_collection_finer_than_the_minor_unit_is_refused_naming_it_and_nothing_is_stored(string currency, string unit, string finer)
    {
        var writes = CountCollectionWrites();

        var refused = await Service.Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{StripeBackedApi.Order(currency)}}","amount":{{finer}}}""");
        var writesOfTheRefusal = writes();
        var whole = await Service.Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections?fields=amount", $$"""{"order_id":"{{StripeBackedApi.Order(currency)}}","amount":{{unit}}}""");

        Assert.Equal((400, Refusal(currency, unit, finer), 0), (refused.Status, refused.Body, writesOfTheRefusal));
        Assert.Equal((200, decimal.Parse(unit, CultureInfo.InvariantCulture)), (whole.Status, whole.Json.GetProperty("payment_collection").GetProperty("amount").GetDecimal()));
    }

    /// <summary>One minor unit captured, and refunded twice in units of one: exactly those units move, and the document says so.</summary>
    [Theory]
    [MemberData(nameof(MinorUnits))]
    public async Task Whole_minor_units_move_exactly_the_units_asked_for(string currency, string unit, long unitsOfOne)
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync(5000m, currency);
        var oneUnit = decimal.Parse(unit, CultureInfo.InvariantCulture);

        var captured = await Service.MoveAsync(paymentId, "capture", $$"""{"amount":{{(3 * oneUnit).ToString(CultureInfo.InvariantCulture)}}}""");
        var refunds = new[]
        {
            await Service.MoveAsync(paymentId, "refund", $$"""{"amount":{{unit}}}""", PaymentLifecycle.NewKey()),
            await Service.MoveAsync(paymentId, "refund", $$"""{"amount":{{unit}}}""", PaymentLifecycle.NewKey()),
        };

        Assert.Equal([200, 200, 200], new[] { captured, refunds[0], refunds[1] }.Select(response => response.Status));
        Assert.Equal((3 * unitsOfOne).ToString(CultureInfo.InvariantCulture), Assert.Single(Stripe.Calls, call => call.IsCapture).Parameters["amount_to_capture"]);
        Assert.All(Stripe.Calls.Where(call => call.IsRefund), call => Assert.Equal(unitsOfOne.ToString(CultureInfo.InvariantCulture), call.Parameters["amount"]));
        var payment = Assert.Single((await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId)).Payments);
        Assert.Equal((3 * oneUnit, 2 * oneUnit), (payment.Captured(), payment.Refunded()));
        Assert.Equal(2 * unitsOfOne, Stripe.RefundedUnits(session.PaymentIntentId));
    }

    private static string Refusal(string currency, string unit, string finer) =>
        $$"""{"type":"invalid_data","message":"The amount {{finer}} is finer than the smallest unit of {{currency.ToUpperInvariant()}} ({{unit}}): amounts are whole multiples of it."}""";

    /// <summary>The route's 400 names the unit; no write reaches the collections table and no call reaches Stripe.</summary>
    private async Task AssertRefusedAsync(string collectionId, string currency, string unit, string finer, Func<Task<ApiResponse>> send)
    {
        var before = await Service.CollectionAsync(collectionId);
        var stripeCalls = Stripe.Calls.Count;
        var writes = CountCollectionWrites();

        var response = await send();

        Assert.Equal((400, Refusal(currency, unit, finer)), (response.Status, response.Body));
        Assert.Equal((0, stripeCalls), (writes(), Stripe.Calls.Count));
        var after = await Service.CollectionAsync(collectionId);
        Assert.Equal(before.WriteId, after.WriteId);
        Assert.Empty(Assert.Single(after.Payments).PendingMoves);
    }

    /// <summary>Counts the writes the host sends to the collections table (documents, outbox rows) from now on.</summary>
    private Func<int> CountCollectionWrites()
    {
        var writes = 0;
        Service.Api.StorageFaults.Inject(request =>
        {
            if (request is { IsWrite: true, IsOnCollections: true })
            {
                Interlocked.Increment(ref writes);
            }

            return StorageFault.None;
        });
        return () => Volatile.Read(ref writes);
    }
}
