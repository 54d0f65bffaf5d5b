using System.Text.Json.Nodes;
using Payments.Domain.Collections;
using Payments.Tests.Integration.Storage;
using Xunit.Sdk;

namespace Payments.Tests.Integration.Infrastructure;

/// <summary>The ledger assertion itself: refunds pair one for one, so two Stripe refunds never both stand for one recorded refund.</summary>
public sealed class StripeLedgerTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Refunds_recorded_under_their_move_ids_or_stripes_id_pair_with_stripes()
    {
        var payment = PaymentRefunded(("ref_a", null), ("ref_b", "re_dashboard"));

        StripeLedger.AssertRefundsPairOneToOne(payment, [StripeRefund("re_1", "ref_a"), StripeRefund("re_dashboard", null)], "pi_1", "usd");
    }

    [Fact]
    public void Two_stripe_refunds_of_one_move_id_do_not_both_pair_with_its_recorded_refund()
    {
        var payment = PaymentRefunded(("ref_a", null), ("ref_b", null));

        var failure = Assert.ThrowsAny<XunitException>(() =>
            StripeLedger.AssertRefundsPairOneToOne(payment, [StripeRefund("re_1", "ref_a"), StripeRefund("re_2", "ref_a")], "pi_1", "usd"));

        Assert.Contains("both pair with refund ref_a", failure.Message, StringComparison.Ordinal);
    }

    private static Payment PaymentRefunded(params (string Id, string? ProviderReference)[] refunds) => new()
    {
        Id = "pay_1",
        CurrencyCode = "usd",
        Amount = 50m,
        ProviderId = "pp_stripe_stripe",
        Data = SampleCollections.Json("""{"id":"pi_1"}"""),
        PaymentCollectionId = "pay_col_1",
        PaymentSessionId = "payses_1",
        CreatedAt = At,
        UpdatedAt = At,
        Captures = [new Capture { Id = "capt_1", PaymentId = "pay_1", Amount = 20m, CreatedAt = At, UpdatedAt = At }],
        Refunds =
        [
            .. refunds.Select(refund => new Refund
            {
                Id = refund.Id,
                PaymentId = "pay_1",
                Amount = 5m,
                ProviderReference = refund.ProviderReference,
                CreatedAt = At,
                UpdatedAt = At,
            }),
        ],
    };

    private static JsonObject StripeRefund(string id, string? moveId) => new()
    {
        ["id"] = id,
        ["object"] = "refund",
        ["amount"] = 500,
        ["status"] = "succeeded",
        ["metadata"] = moveId is null ? new JsonObject() : new JsonObject { ["move_id"] = moveId },
    };
}
