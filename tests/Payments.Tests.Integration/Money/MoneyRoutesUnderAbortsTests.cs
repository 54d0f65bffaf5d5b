using Payments.Domain.Collections;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Payments.Tests.Integration.Money;

/// <summary>
/// The money invariants on every admin route that moves money, under many requests at once over real HTTP, clients
/// that reset the connection at random points (during the body, or 1–150 ms after it while the server works), and
/// retries with the same Idempotency-Key; each round asserts from the stored documents. Storage gets 10 ms of latency
/// per request, so that aborts land inside storage calls as they would against a real account. Set
/// <c>PAYMENTS_TEST_SEED</c> to replay a printed seed.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MoneyRoutesUnderAbortsTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const string NotPaidMessage = "Can only mark 'not_paid' payment collection as paid";
    private const int Rounds = 3;
    private static readonly TimeSpan MaxAbortDelay = TimeSpan.FromMilliseconds(150);

    private ApiHost api = null!;

    public async Task InitializeAsync()
    {
        api = await ApiHost.StartAsync(azurite.ConnectionString);
        api.StorageFaults.Latency = TimeSpan.FromMilliseconds(10);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Theory]
    [InlineData("capture")]
    [InlineData("refund")]
    public async Task Partial_captures_and_refunds_record_exactly_one_per_key_that_answered_200(string operation)
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(api, total: 50m);
        if (operation == "refund")
        {
            Assert.Equal(200, (await payment.CaptureAsync("{}")).Status);
        }

        var round = NewRound();
        var answered = 0;
        for (var index = 0; index < Rounds; index++)
        {
            var outcomes = await round.RunAsync(16, $"/admin/payments/{payment.PaymentId}/{operation}", _ => """{"amount":1}""");
            output.WriteLine(AbortRound.Summarize(outcomes));

            Assert.True(outcomes.All(outcome => outcome.Final.Status == 200), round.Describe(outcomes));
            answered += outcomes.Count;
            var stored = await MoneyInvariants.AssertHoldAsync(api, payment.CollectionId);
            var (recorded, total) = operation == "capture"
                ? (Single(stored).Captures.Count, stored.CapturedAmount)
                : (Single(stored).Refunds.Count, stored.RefundedAmount);
            Assert.True(recorded == answered, $"{recorded} {operation}s for {answered} keys; {round.Describe(outcomes)}");
            Assert.Equal(answered, total);
        }
    }

    [Fact]
    public async Task Concurrent_mark_as_paid_pays_once_and_refuses_the_others_with_the_not_paid_error()
    {
        var round = NewRound();
        for (var index = 0; index < Rounds; index++)
        {
            var collectionId = await api.NewOrderCollectionAsync(40m);

            var outcomes = await round.RunAsync(8, $"/admin/payment-collections/{collectionId}/mark-as-paid", _ => $$"""{"order_id":"{{ApiHost.DemoOrder}}"}""");
            output.WriteLine(AbortRound.Summarize(outcomes));

            var stored = await MoneyInvariants.AssertHoldAsync(api, collectionId);
            var payment = Assert.Single(stored.Payments);
            Assert.Equal((40m, 40m, PaymentCollectionStatus.Completed), (payment.Captured(), stored.CapturedAmount, stored.Status));
            Assert.True(outcomes.Count(outcome => outcome.Final.Status == 200) == 1, round.Describe(outcomes));
            Assert.True(
                outcomes.Where(outcome => outcome.Final.Status != 200).All(outcome => outcome.Final.Status == 400 && outcome.Final.Body.Contains(NotPaidMessage, StringComparison.Ordinal)),
                round.Describe(outcomes));
        }
    }

    [Fact]
    public async Task Concurrent_authorizations_of_a_session_create_one_payment()
    {
        var round = NewRound();
        for (var index = 0; index < Rounds; index++)
        {
            var (collectionId, sessionId) = await CartSessionAsync();

            var outcomes = await round.RunAsync(8, PaymentLifecycle.AuthorizePath(collectionId, sessionId), _ => "{}");
            output.WriteLine(AbortRound.Summarize(outcomes));

            Assert.True(outcomes.All(outcome => outcome.Final.Status == 200), round.Describe(outcomes));
            var stored = await MoneyInvariants.AssertHoldAsync(api, collectionId);
            Assert.Equal(sessionId, Assert.Single(stored.Payments).PaymentSessionId);
            Assert.Equal(PaymentCollectionStatus.Authorized, stored.Status);
        }
    }

    [Fact]
    public async Task A_new_session_of_a_paid_collection_cannot_be_authorized_even_under_concurrency()
    {
        var round = NewRound();
        for (var index = 0; index < Rounds; index++)
        {
            var payment = await PaymentLifecycle.AuthorizedAsync(api, total: 50m);
            Assert.Equal(200, (await payment.CaptureAsync("{}")).Status);
            var second = PaymentSessionTests.SessionOf(await api.PostAsync(PaymentSessionTests.SessionsOf(payment.CollectionId), """{"provider_id":"pp_system_default"}"""))
                .GetProperty("id").GetString()!;

            var outcomes = await round.RunAsync(8, PaymentLifecycle.AuthorizePath(payment.CollectionId, second), _ => "{}");
            output.WriteLine(AbortRound.Summarize(outcomes));

            Assert.True(outcomes.All(outcome => outcome.Final.Status == 400 && outcome.Final.Body.StartsWith("""{"type":"not_allowed","message":""", StringComparison.Ordinal)), round.Describe(outcomes));
            var stored = await MoneyInvariants.AssertHoldAsync(api, payment.CollectionId);
            Assert.Equal(payment.PaymentId, Assert.Single(stored.Payments).Id);
            Assert.Equal(50m, stored.CapturedAmount);
        }
    }

    private AbortRound NewRound() => AbortRound.Seeded(api, MaxAbortDelay, output);

    private static Payment Single(PaymentCollection collection) => Assert.Single(collection.Payments);

    private async Task<(string CollectionId, string SessionId)> CartSessionAsync()
    {
        var collectionId = await api.NewCollectionAsync();
        var session = PaymentSessionTests.SessionOf(await api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), """{"provider_id":"pp_system_default"}"""));
        return (collectionId, session.GetProperty("id").GetString()!);
    }
}
