using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;
using Xunit.Abstractions;

namespace Payments.Tests.Integration.Hostile;

/// <summary>
/// Property tests over real HTTP, on every route: whatever a client puts in the body, the query string, the headers
/// or the path, the service never answers 5xx; every 4xx is an error body of Medusa's shape; and a refused request
/// writes nothing (counted per request at the table client's pipeline; an <c>Idempotency-Key</c>'s own record
/// excepted, since remembering a refusal for its replay is the point of the key).
/// </summary>
/// <remarks>
/// The inputs come from <see cref="HostileRequests"/> with a fixed seed, so a run is the same every time; set
/// <c>PAYMENTS_HOSTILE_SEED</c> to explore other inputs. A failure prints the seed of the input that failed and the
/// request itself; <c>PAYMENTS_HOSTILE_CASE=&lt;surface&gt;:&lt;seed&gt;</c> replays that one input alone.
/// </remarks>
[Collection(ApiCollection.Name)]
public sealed class HostileInputPropertyTests(ApiFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const ulong DefaultSeed = 0x5EED_0010_B0D1_E5UL;

    private const int Parallelism = 8;

    /// <summary>Inputs per surface: 12,800 in all, each a request.</summary>
    private static readonly IReadOnlyDictionary<AttackSurface, int> InputsPerSurface = new Dictionary<AttackSurface, int>
    {
        [AttackSurface.Body] = 5_000,
        [AttackSurface.Query] = 3_200,
        [AttackSurface.Header] = 2_600,
        [AttackSurface.Path] = 2_000,
    };

    private const int LengthLies = 120;

    private readonly TableWriteLedger ledger = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private FakeStripeServer stripe = null!;
    private ApiHost api = null!;
    private HostileRequests attacks = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        api = await ApiHost.StartAsync(
            fixture.TablesConnection,
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                ledger.AddTo(services);
            },
            ["--Stripe:ApiKey", "sk_test_hostile", "--Stripe:WebhookSecret", StripeWebhooks.Secret, "--Stripe:ApiBase", stripe.Url.ToString()]);
        attacks = new HostileRequests(await HostileTargets.CreateAsync(api), AdminTokens.Valid());
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await stripe.DisposeAsync();
    }

    [Fact]
    public async Task No_hostile_input_gets_a_5xx_every_refusal_is_medusa_shaped_and_stores_nothing()
    {
        var seed = Environment.GetEnvironmentVariable("PAYMENTS_HOSTILE_SEED") is { Length: > 0 } given
            ? ulong.Parse(given, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : DefaultSeed;
        var cases = Cases(seed).ToList();
        output.WriteLine($"seed {seed:X} (PAYMENTS_HOSTILE_SEED), {cases.Count} hostile requests over {HostileRoute.All.Count} routes");

        var started = Stopwatch.StartNew();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Parallelism }) { BaseAddress = api.Client.BaseAddress };
        var outcomes = new ConcurrentBag<Outcome>();
        await Parallel.ForEachAsync(cases.Where(@case => @case.Request.DeclaredLength is null), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (@case, _) =>
            outcomes.Add(await RunAsync(client, @case)));

        // Stalled bodies move the server's clock; one at a time, so that no other request's read timeout is moved too.
        foreach (var @case in cases.Where(@case => @case.Request.DeclaredLength is not null))
        {
            outcomes.Add(await RunAsync(client, @case));
        }

        Report(outcomes, started.Elapsed);

        // The checks could pass vacuously: the ledger must see the writes of requests that succeeded.
        Assert.Contains(outcomes, outcome => outcome.Response.Status == 200 && ledger.WritesOf(outcome.Case.Id).Count > 0);
        Assert.Equal(HostileRoute.All.Count, outcomes.Select(outcome => outcome.Case.Request.Route).Distinct().Count());
        var failures = outcomes.Where(outcome => outcome.Failure is not null).ToList();
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {outcomes.Count} hostile requests broke the contract (seed {seed:X}); one of each kind:\n\n"
            + string.Join("\n\n", failures
                .GroupBy(failure => (failure.Failure!.Split(':')[0], failure.Case.Request.Surface, failure.Case.Request.Attack, failure.Response.Status))
                .Take(12)
                .Select(kind => $"{kind.Count()} x case {kind.First().Case.Id}: {kind.First().Failure}\n{kind.First().Case.Request}\n  answered {kind.First().Response}")));
    }

    private IEnumerable<HostileCase> Cases(ulong seed)
    {
        if (Environment.GetEnvironmentVariable("PAYMENTS_HOSTILE_CASE") is { Length: > 0 } single)
        {
            var (surface, caseSeed) = (single[..single.IndexOf(':', StringComparison.Ordinal)], single[(single.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            yield return Generate(surface == "Lie" ? attacks.LengthLies : GeneratorOf(Enum.Parse<AttackSurface>(surface)), surface, PCG.Parse(caseSeed));
            yield break;
        }

        foreach (var (surface, count) in InputsPerSurface)
        {
            for (var i = 0; i < count; i++)
            {
                yield return Generate(GeneratorOf(surface), surface.ToString(), new PCG((uint)surface, seed + (ulong)i));
            }
        }

        for (var i = 0; i < LengthLies; i++)
        {
            yield return Generate(attacks.LengthLies, "Lie", new PCG(99, seed + (ulong)i));
        }
    }

    private Gen<HostileRequest> GeneratorOf(AttackSurface surface) => surface switch
    {
        AttackSurface.Body => attacks.Bodies,
        AttackSurface.Query => attacks.Queries,
        AttackSurface.Header => attacks.Headers,
        _ => attacks.Paths,
    };

    private static HostileCase Generate(Gen<HostileRequest> generator, string surface, PCG pcg)
    {
        var id = $"{surface}:{pcg}";
        return new HostileCase(id, generator.Generate(pcg, null, out _));
    }

    private async Task<Outcome> RunAsync(HttpClient client, HostileCase @case)
    {
        var timer = Stopwatch.StartNew();
        HostileResponse response;
        try
        {
            response = await @case.Request.SendAsync(client, @case.Id, () => clock.Advance(TimeSpan.FromSeconds(1)));
        }
        catch (Exception error) when (error is HttpRequestException or IOException or TaskCanceledException or TimeoutException)
        {
            return new Outcome(@case, new HostileResponse(0, null, error.Message), $"no answer: {error.GetType().Name}", timer.Elapsed);
        }

        return new Outcome(@case, response, Judge(@case, response), timer.Elapsed);
    }

    /// <summary>Null when the answer keeps the contract, else what is wrong with it.</summary>
    private string? Judge(HostileCase @case, HostileResponse response)
    {
        if (response.Status >= 500)
        {
            return "a 5xx";
        }

        if (response.Status < 400)
        {
            return IsWellFormedSuccess(@case.Request, response) ? null : "a success whose body is not what the route writes";
        }

        if (!IsMedusaError(@case.Request, response) && !IsUnmatchedRoute(@case.Request, response) && !IsRefusedByTheServer(response))
        {
            return "a refusal that is not a Medusa error body";
        }

        var writes = ledger.WritesOf(@case.Id)
            .Where(write => !(@case.Request.CarriesIdempotencyKey && write.Contains("idempotencykeys", StringComparison.Ordinal)))
            .ToList();
        return writes.Count == 0 ? null : $"a refusal that wrote: {string.Join(", ", writes)}";
    }

    /// <summary>
    /// <c>{type, message}</c> with an optional leading <c>code</c>, body-parser's <c>{message, type}</c>, the admin 401's
    /// <c>{message}</c>; on the webhook route, <c>text/plain</c> <c>Webhook Error: …</c>.
    /// </summary>
    private static bool IsMedusaError(HostileRequest request, HostileResponse response)
    {
        if (request.IsWebhook)
        {
            return response.ContentType == "text/plain; charset=utf-8" && response.Body.StartsWith("Webhook Error: ", StringComparison.Ordinal);
        }

        if (response.ContentType != "application/json; charset=utf-8")
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var properties = document.RootElement.EnumerateObject().ToList();
            var keys = string.Join(',', properties.Select(property => property.Name));
            return keys is "type,message" or "code,type,message" or "message,type" or "message"
                && properties.All(property => property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > 0);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// A path the attack turned into another route, or into none (a dot segment): the router's own 404 or 405,
    /// without a body, which spec §1.1 leaves out of the contract.
    /// </summary>
    private static bool IsUnmatchedRoute(HostileRequest request, HostileResponse response) =>
        request.Surface == AttackSurface.Path && response.Status is 404 or 405 && response.ContentType is null && response.Body.Length == 0;

    /// <summary>
    /// A request the HTTP server itself refuses before any route sees it, as Node's HTTP parser would in front of Medusa:
    /// a NUL or another byte a request target may not hold (400), a request line over 8 kB (414), headers over 32 kB (431).
    /// </summary>
    private static bool IsRefusedByTheServer(HostileResponse response) =>
        response.Status is 400 or 414 or 431 && response.ContentType is null && response.Body.Length == 0;

    private static bool IsWellFormedSuccess(HostileRequest request, HostileResponse response)
    {
        if (request.IsWebhook)
        {
            return response.Body == "OK";
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return response.ContentType == "application/json; charset=utf-8" && document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void Report(IReadOnlyCollection<Outcome> outcomes, TimeSpan elapsed)
    {
        output.WriteLine($"{outcomes.Count} requests in {elapsed.TotalSeconds:F1} s ({outcomes.Count / elapsed.TotalSeconds:F0}/s, {Parallelism} at a time)");
        output.WriteLine("by surface:  " + Tally(outcomes, outcome => outcome.Case.Request.Surface + (outcome.Case.Request.DeclaredLength is null ? "" : " (length lie)")));
        output.WriteLine("by status:   " + Tally(outcomes, outcome => outcome.Response.Status.ToString(CultureInfo.InvariantCulture)));
        output.WriteLine("by route:\n  " + Tally(outcomes, outcome => outcome.Case.Request.Route, "\n  "));
        output.WriteLine("by attack:\n  " + Tally(outcomes, outcome => outcome.Case.Request.Surface + "/" + outcome.Case.Request.Attack, "\n  "));
        output.WriteLine("failures:    " + Tally(outcomes.Where(outcome => outcome.Failure is not null), outcome => outcome.Failure!.Split(':')[0]));
        output.WriteLine("most time spent (requests overlap, so this includes waiting):\n  " + string.Join("\n  ", outcomes
            .GroupBy(outcome => outcome.Case.Request.Surface + "/" + outcome.Case.Request.Attack)
            .OrderByDescending(group => group.Sum(outcome => outcome.Elapsed.TotalMilliseconds))
            .Take(8)
            .Select(group => $"{group.Key}: {group.Count()} in {group.Sum(outcome => outcome.Elapsed.TotalSeconds):F1} s")));
    }

    private static string Tally(IEnumerable<Outcome> outcomes, Func<Outcome, string> key, string separator = ", ") =>
        string.Join(separator, outcomes.GroupBy(key).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => $"{group.Key}: {group.Count()}"));

    private sealed record HostileCase(string Id, HostileRequest Request);

    private sealed record Outcome(HostileCase Case, HostileResponse Response, string? Failure, TimeSpan Elapsed);
}
