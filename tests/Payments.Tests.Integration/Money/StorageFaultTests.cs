using System.Diagnostics;
using Payments.Api.Endpoints;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Payments.Tests.Integration.Money;

/// <summary>
/// Storage that is throttled, stalls, loses the answers to writes that landed, or answers 412 to every other write,
/// injected at the table client's HTTP pipeline, beneath the SDK's own retries and timeouts. Each case asserts the
/// answer (503 <c>unexpected_state</c> with <c>Retry-After</c>, before the request's deadline), then heals storage and
/// asserts the invariants from the stored document and that a retry with the same Idempotency-Key converges to one
/// effect.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageFaultTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Unavailable = """{"type":"unexpected_state","message":"The payment service is temporarily unavailable, try again"}""";
    private ApiHost api = null!;

    private StorageFaults Faults => api.StorageFaults;

    public async Task InitializeAsync() => api = await ApiHost.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task A_throttled_storage_is_a_quick_503_with_retry_after_and_the_key_is_free_for_the_retry()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(api);
        Faults.Inject(_ => StorageFault.ServerBusy);

        var clock = Stopwatch.StartNew();
        var throttled = await CaptureAsync(payment, "throttled");
        var elapsed = clock.Elapsed;
        Faults.Heal();
        var retried = await CaptureAsync(payment, "throttled");

        output.WriteLine($"503 after {elapsed.TotalMilliseconds:0} ms; {Faults.Injected} requests answered ServerBusy");
        Assert.Equal((503, Unavailable, "2"), (throttled.Status, throttled.Body, throttled.Headers["Retry-After"]));
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"answered after {elapsed}");
        Assert.Equal(200, retried.Status);
        Assert.Equal(1m, Assert.Single((await MoneyInvariants.AssertHoldAsync(api, payment.CollectionId)).Payments).Captured());
    }

    [Fact]
    public async Task A_stalled_storage_is_a_503_before_the_deadline_and_changes_nothing()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(api);
        Faults.Inject(request => request.IsOnCollections ? StorageFault.Stall : StorageFault.None);

        var clock = Stopwatch.StartNew();
        var stalled = await CaptureAsync(payment, "stalled");
        var elapsed = clock.Elapsed;
        Faults.Heal();

        output.WriteLine($"503 after {elapsed.TotalMilliseconds:0} ms; {Faults.Injected} requests stalled");
        Assert.Equal((503, Unavailable), (stalled.Status, stalled.Body));
        Assert.True(elapsed < RequestDeadline.Duration + TimeSpan.FromSeconds(2), $"answered after {elapsed}");
        Assert.Empty(Assert.Single((await MoneyInvariants.AssertHoldAsync(api, payment.CollectionId)).Payments).Captures);
        Assert.Equal(200, (await CaptureAsync(payment, "stalled")).Status);
        Assert.Single(Assert.Single((await MoneyInvariants.AssertHoldAsync(api, payment.CollectionId)).Payments).Captures);
    }

    [Fact]
    public async Task A_stall_shorter_than_the_retries_is_ridden_out()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(api);
        var stalls = 1;
        Faults.Inject(request => request.IsOnCollections && request.IsWrite && Interlocked.Decrement(ref stalls) >= 0 ? StorageFault.Stall : StorageFault.None);

        var answered = await CaptureAsync(payment, "one-stall");

        Assert.Equal(200, answered.Status);
        Assert.Single(Assert.Single((await MoneyInvariants.AssertHoldAsync(api, payment.CollectionId)).Payments).Captures);
    }

    [Theory]
    [InlineData("capture")]
    [InlineData("refund")]
    [InlineData("authorize")]
    [InlineData("mark-as-paid")]
    public async Task Every_write_landing_with_its_first_answer_lost_still_moves_the_money_once(string operation)
    {
        var (collectionId, path) = await OperationAsync(operation);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        Faults.Inject(request => request.IsWrite && answered.Add(request.ClientRequestId) ? StorageFault.LoseResponse : StorageFault.None);

        var body = operation switch { "mark-as-paid" => $$"""{"order_id":"{{ApiHost.DemoOrder}}"}""", "authorize" => "{}", _ => """{"amount":5}""" };
        var response = await api.AdminAsync(HttpMethod.Post, path, body);
        Faults.Heal();

        output.WriteLine($"{operation}: {Faults.Injected} answers lost");
        Assert.Equal(200, response.Status);
        var payment = Assert.Single((await MoneyInvariants.AssertHoldAsync(api, collectionId)).Payments);
        Assert.Equal(
            operation switch { "capture" => (2, 0), "refund" => (1, 1), "authorize" => (0, 0), _ => (1, 0) },
            (payment.Captures.Count, payment.Refunds.Count));
    }

    [Fact]
    public async Task A_lost_answer_followed_by_a_short_outage_is_read_again_until_known()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(api);
        var lost = 0;
        var outageUntil = DateTime.MaxValue;
        Faults.Inject(request =>
        {
            if (request.IsOnCollections && request.IsConditional && Interlocked.Exchange(ref lost, 1) == 0)
            {
                outageUntil = DateTime.UtcNow.AddSeconds(2);
                return StorageFault.LoseResponse;
            }

            return DateTime.UtcNow < outageUntil && lost == 1 ? StorageFault.ServerBusy : StorageFault.None;
        });

        var answered = await CaptureAsync(payment, "lost-then-down");
        Faults.Heal();

        Assert.Equal(200, answered.Status);
        Assert.Single(Assert.Single((await MoneyInvariants.AssertHoldAsync(api, payment.CollectionId)).Payments).Captures);
        Assert.Equal(answered.Body, (await CaptureAsync(payment, "lost-then-down")).Body);
    }

    [Fact]
    public async Task A_storm_of_412s_ends_in_200s_and_409s_with_one_capture_per_200()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(api);
        var random = new Random(42);
        Faults.Inject(request => request.IsOnCollections && request.IsConditional && random.Next(10) < 7 ? StorageFault.PreconditionFailed : StorageFault.None);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(index => CaptureAsync(payment, $"storm-{index}")));
        Faults.Heal();

        output.WriteLine($"{Faults.Injected} writes answered 412; answers: {string.Join(",", answers.Select(answer => answer.Status))}");
        Assert.All(answers, answer => Assert.Contains(answer.Status, new[] { 200, 409 }));
        var stored = Assert.Single((await MoneyInvariants.AssertHoldAsync(api, payment.CollectionId)).Payments);
        Assert.Equal(answers.Count(answer => answer.Status == 200), stored.Captures.Count);
    }

    [Fact]
    public async Task A_lost_answer_to_the_idempotency_record_does_not_block_the_key()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(api);
        var lost = 0;
        Faults.Inject(request => request.IsOnIdempotencyKeys && request.Method == "POST" && Interlocked.Exchange(ref lost, 1) == 0 ? StorageFault.LoseResponse : StorageFault.None);

        var answered = await CaptureAsync(payment, "lost-claim");
        var replayed = await CaptureAsync(payment, "lost-claim");

        Assert.Equal(200, answered.Status);
        Assert.Equal(("true", answered.Body), (replayed.Headers["idempotent-replayed"], replayed.Body));
        Assert.Single(Assert.Single((await MoneyInvariants.AssertHoldAsync(api, payment.CollectionId)).Payments).Captures);
    }

    /// <summary>The collection and the path of an operation that moves money, its preconditions made over healthy storage.</summary>
    private async Task<(string CollectionId, string Path)> OperationAsync(string operation)
    {
        switch (operation)
        {
            case "authorize":
                var collectionId = await api.NewCollectionAsync();
                var session = PaymentSessionTests.SessionOf(await api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), """{"provider_id":"pp_system_default"}"""));
                return (collectionId, PaymentLifecycle.AuthorizePath(collectionId, session.GetProperty("id").GetString()!));
            case "mark-as-paid":
                var orderCollectionId = await api.NewOrderCollectionAsync(40m);
                return (orderCollectionId, $"/admin/payment-collections/{orderCollectionId}/mark-as-paid");
            default:
                var payment = await PaymentLifecycle.AuthorizedAsync(api);
                Assert.Equal(200, (await payment.CaptureAsync("""{"amount":10}""")).Status);
                return (payment.CollectionId, $"/admin/payments/{payment.PaymentId}/{operation}");
        }
    }

    private Task<ApiResponse> CaptureAsync(PaymentLifecycle payment, string key) =>
        api.AdminAsync(HttpMethod.Post, $"/admin/payments/{payment.PaymentId}/capture", """{"amount":1}""", idempotencyKey: key);
}
