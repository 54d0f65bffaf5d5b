using System.Collections.Concurrent;
using System.Diagnostics;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Payments.Tests.Integration.Money;

/// <summary>
/// Storage stopped and restarted under load, on an Azurite of this test's own (never the shared one): while it is
/// down every request answers a quick 503 with <c>Retry-After</c>, and once it is back the same host serves again,
/// without a restart, with the money invariants intact. Azurite persists only every 5 s, so durability across the
/// kill is not asserted.
/// </summary>
public sealed class StorageOutageRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task The_host_answers_503_while_storage_is_down_and_serves_again_once_it_is_back()
    {
        var folder = Directory.CreateTempSubdirectory("azurite-outage-");
        var port = AzuriteProcess.FreePort();
        var azurite = await AzuriteProcess.StartAsync(port, folder.FullName, location: folder.FullName);
        try
        {
            await using var api = await ApiHost.StartAsync(azurite.ConnectionString);
            var payments = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PaymentLifecycle.AuthorizedAsync(api, total: 1000m)));
            Assert.Equal(200, (await CaptureAsync(api, payments[0], "warm-up")).Status);

            // Azurite saves to its folder every 5 s: let it save the tables (the idempotency keys' too: the host creates
            // each table once, and Azure never loses one) and the payments before the kill.
            await Task.Delay(TimeSpan.FromSeconds(6));
            var answers = new ConcurrentQueue<Answer>();
            using var stop = new CancellationTokenSource();
            var load = Task.WhenAll(payments[..4].Select(payment => CaptureUntilStoppedAsync(api, payment, answers, stop.Token)));

            await Task.Delay(TimeSpan.FromSeconds(1));
            await azurite.DisposeAsync();
            var downAt = DateTime.UtcNow;

            // A request in flight at the kill may wait out the table client's network timeout, so callers that arrive
            // during the outage are the ones that must get their 503 at once.
            var arrivals = Task.WhenAll(payments[4..].Select(payment => CaptureUntilStoppedAsync(api, payment, answers, stop.Token)));
            await Task.Delay(Outage);
            var restartAt = DateTime.UtcNow;
            azurite = await AzuriteProcess.StartAsync(port, folder.FullName, location: folder.FullName);
            var upAt = DateTime.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(4));
            await stop.CancelAsync();
            await Task.WhenAll(load, arrivals);

            var during = answers.Where(answer => answer.SentAt > downAt && answer.SentAt + answer.Took < restartAt).ToList();
            var after = answers.Where(answer => answer.SentAt > upAt).ToList();
            output.WriteLine($"{answers.Count} answers: {string.Join(", ", answers.GroupBy(answer => answer.Status).Select(group => $"{group.Count()}× {group.Key}"))}; " +
                $"while down {during.Count}, slowest {during.Select(answer => answer.Took.TotalMilliseconds).DefaultIfEmpty().Max():0} ms; " +
                $"first 200 {(after.FirstOrDefault(answer => answer.Status == 200)?.SentAt - upAt)?.TotalMilliseconds:0} ms after the restart");
            Assert.All(answers, answer => Assert.Contains(answer.Status, new[] { 200, 400, 503 }));
            Assert.NotEmpty(during);
            Assert.All(during, answer => Assert.Equal((503, "2"), (answer.Status, answer.RetryAfter)));
            Assert.All(during, answer => Assert.True(answer.Took < TimeSpan.FromSeconds(3), $"a 503 took {answer.Took}"));
            Assert.Contains(after, answer => answer.Status == 200);
            foreach (var payment in payments)
            {
                await MoneyInvariants.AssertHoldAsync(api, payment.CollectionId);
            }
        }
        finally
        {
            await azurite.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Captures 1 at a time with a new key per capture; a 503 is retried with the same key after its Retry-After hint.</summary>
    private static async Task CaptureUntilStoppedAsync(
        ApiHost api,
        PaymentLifecycle payment,
        ConcurrentQueue<Answer> answers,
        CancellationToken stop)
    {
        var key = Guid.NewGuid().ToString("N");
        while (!stop.IsCancellationRequested)
        {
            var sentAt = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            var answer = await CaptureAsync(api, payment, key);
            answers.Enqueue(new Answer(sentAt, answer.Status, clock.Elapsed, answer.Headers.GetValueOrDefault("Retry-After")));
            if (answer.Status == 503)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
            else
            {
                key = Guid.NewGuid().ToString("N");
            }
        }
    }

    private sealed record Answer(DateTime SentAt, int Status, TimeSpan Took, string? RetryAfter);

    private static Task<ApiResponse> CaptureAsync(ApiHost api, PaymentLifecycle payment, string key) =>
        api.AdminAsync(HttpMethod.Post, $"/admin/payments/{payment.PaymentId}/capture", """{"amount":1}""", idempotencyKey: key);
}
