using System.Diagnostics;
using Payments.Tests.Integration.Http;
using Xunit.Abstractions;

namespace Payments.Tests.Integration.Infrastructure;

/// <summary>A POST of a round: <paramref name="Key"/> names it (its Idempotency-Key, or a webhook's event id).</summary>
public sealed record AbortableRequest(string Key, string Path, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>How one request of a round was sent, and what its Idempotency-Key finally answered.</summary>
/// <param name="Abort">Where the first send hung up, or null when it was sent normally and its answer read.</param>
/// <param name="ResolvedAfter">From the end of the first send until the key answered something other than 409.</param>
public sealed record KeyOutcome(string Key, AbortPoint? Abort, ApiResponse Final, TimeSpan ResolvedAfter)
{
    public bool Replayed => Final.Headers.ContainsKey("idempotent-replayed");
}

/// <summary>
/// A round of concurrent requests over real HTTP with random client aborts: each request is, at random, sent normally,
/// reset during its body, or reset 1–<c>maxAbortDelay</c> ms after its body was sent. Every aborted request is then
/// sent again (the same Idempotency-Key, or the provider's redelivery of a webhook) until it answers something other
/// than 409; the round fails when a key stays in flight longer than <see cref="KeyResolvesWithin"/>. The seed is
/// printed with every failure.
/// </summary>
public sealed class AbortRound(ApiHost api, int seed, TimeSpan maxAbortDelay)
{
    /// <summary>How soon a key whose first request was aborted must replay or be free.</summary>
    public static readonly TimeSpan KeyResolvesWithin = TimeSpan.FromSeconds(10);

    private readonly Random random = new(seed);
    private readonly AbortingClient aborting = new(api.BaseAddress);

    public int Seed => seed;

    /// <summary>A round seeded from <c>PAYMENTS_TEST_SEED</c> when set (to replay a failure), else at random; the seed is printed.</summary>
    public static AbortRound Seeded(ApiHost api, TimeSpan maxAbortDelay, ITestOutputHelper output)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PAYMENTS_TEST_SEED"), out var given) ? given : Random.Shared.Next();
        output.WriteLine($"PAYMENTS_TEST_SEED={seed}");
        return new AbortRound(api, seed, maxAbortDelay);
    }

    /// <summary>
    /// Runs one round of <paramref name="count"/> admin POSTs at once, each with its own Idempotency-Key;
    /// <paramref name="body"/> gives the body of each by index.
    /// </summary>
    public Task<IReadOnlyList<KeyOutcome>> RunAsync(int count, string path, Func<int, string> body, string? authorization = null) =>
        RunAsync(count, index =>
        {
            var key = $"{seed}-{Guid.NewGuid():N}";
            return new AbortableRequest(key, path, body(index), new Dictionary<string, string>
            {
                ["Idempotency-Key"] = key,
                ["Authorization"] = authorization ?? "Bearer " + AdminTokens.Valid(),
            });
        });

    /// <summary>Runs one round of <paramref name="count"/> POSTs at once, each built by <paramref name="request"/> from its index.</summary>
    public async Task<IReadOnlyList<KeyOutcome>> RunAsync(int count, Func<int, AbortableRequest> request)
    {
        var plans = Enumerable.Range(0, count)
            .Select(index => new Plan(
                request(index),
                random.Next(3) switch { 0 => null, 1 => AbortPoint.DuringBody, _ => AbortPoint.AfterBody },
                TimeSpan.FromMilliseconds(1 + random.Next((int)maxAbortDelay.TotalMilliseconds))))
            .ToList();

        var first = await Task.WhenAll(plans.Select(async plan =>
        {
            if (plan.Abort is { } point)
            {
                await aborting.SendAndResetAsync(HttpMethod.Post, plan.Request.Path, plan.Request.Body, plan.Request.Headers, point, plan.Delay);
                return null;
            }

            return await SendAsync(plan.Request);
        }));

        return await Task.WhenAll(plans.Select(async (plan, index) =>
            first[index] is { } answered
                ? new KeyOutcome(plan.Request.Key, Abort: null, answered, TimeSpan.Zero)
                : await ResolveAsync(plan)));
    }

    /// <summary>Counts for the test output: how the requests were sent, and how their keys answered.</summary>
    public static string Summarize(IReadOnlyList<KeyOutcome> outcomes) =>
        string.Join(", ", outcomes
            .GroupBy(outcome => $"{outcome.Abort?.ToString() ?? "sent"}→{outcome.Final.Status}{(outcome.Replayed ? " replayed" : "")}")
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => $"{group.Count()}× {group.Key}"))
        + $"; slowest key resolved after {outcomes.Max(outcome => outcome.ResolvedAfter).TotalMilliseconds:0} ms";

    /// <summary>A message for assertions: the seed reproduces the round.</summary>
    public string Describe(IReadOnlyList<KeyOutcome> outcomes) =>
        $"seed {seed}: " + string.Join("; ", outcomes.Select(outcome =>
            $"{outcome.Abort?.ToString() ?? "sent"}→{outcome.Final.Status}{(outcome.Replayed ? " replayed" : "")}"));

    private async Task<KeyOutcome> ResolveAsync(Plan plan)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var retry = await SendAsync(plan.Request);
            if (retry.Status != 409 || clock.Elapsed > KeyResolvesWithin)
            {
                Assert.True(retry.Status != 409, $"seed {seed}: key {plan.Request.Key} ({plan.Abort}) still answered 409 after {clock.Elapsed}.");
                return new KeyOutcome(plan.Request.Key, plan.Abort, retry, clock.Elapsed);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private Task<ApiResponse> SendAsync(AbortableRequest request) =>
        api.SendAsync(HttpMethod.Post, request.Path, request.Body, publishableKey: null, "application/json", message =>
        {
            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        });

    private sealed record Plan(AbortableRequest Request, AbortPoint? Abort, TimeSpan Delay);
}
