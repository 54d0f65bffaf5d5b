using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Payments.Benchmarks.Http;

/// <summary>
/// End to end, needs Azurite: <c>POST /store/payment-collections/{id}/payment-sessions</c> over real HTTP on
/// loopback, through the local host and Table Storage. Each scenario is bounded in requests and in time;
/// every caller works on a collection of its own, so concurrency measures throughput, not write conflicts.
/// </summary>
internal static class SessionInitLoadTest
{
    private const int MaxRequestsPerScenario = 3_000;
    private const int WarmUpRequestsPerCaller = 50;
    private const int ConcurrentCallers = 16;
    private static readonly TimeSpan MaxDurationPerScenario = TimeSpan.FromSeconds(15);

    private static readonly Scenario[] Scenarios =
    [
        new("reused session (no write)", Callers: 1, NewSessionEachCall: false),
        new("reused session (no write)", ConcurrentCallers, NewSessionEachCall: false),
        new("new session each call", Callers: 1, NewSessionEachCall: true),
        new("new session each call", ConcurrentCallers, NewSessionEachCall: true),
    ];

    private static int dataCounter;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var tablesConnection])
        {
            Console.Error.WriteLine("usage: http <Azurite table connection string>   (scripts/azurite.sh start prints one)");
            return 2;
        }

        await using var api = await LocalApi.StartAsync(tablesConnection);
        Console.WriteLine($"Session initialisation over HTTP; at most {MaxRequestsPerScenario} requests or {MaxDurationPerScenario.TotalSeconds:F0} s per scenario, after {WarmUpRequestsPerCaller} warm-up requests per caller.");
        Console.WriteLine();
        Console.WriteLine("| Scenario | Callers | Requests | Requests/s | p50 (ms) | p95 (ms) | p99 (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in Scenarios)
        {
            Console.WriteLine((await MeasureAsync(api, scenario)).TableRow(scenario));
        }

        return 0;
    }

    private static async Task<Measurement> MeasureAsync(LocalApi api, Scenario scenario)
    {
        var collections = new List<string>();
        for (var caller = 0; caller < scenario.Callers; caller++)
        {
            collections.Add(await api.NewCollectionAsync());
        }

        var sessionsBefore = await Task.WhenAll(collections.Select(id => WarmUpAsync(api, scenario, id)));

        var issued = 0;
        var started = Stopwatch.GetTimestamp();
        var perCaller = await Task.WhenAll(collections.Select(async id =>
        {
            var latencies = new List<double>();
            while (Interlocked.Increment(ref issued) <= MaxRequestsPerScenario && Stopwatch.GetElapsedTime(started) < MaxDurationPerScenario)
            {
                var body = scenario.Body();
                var sent = Stopwatch.GetTimestamp();
                var (status, response) = await api.InitializeSessionAsync(id, body);
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                LocalApi.EnsureOk(status, response);
            }

            return latencies;
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);

        await EnsureScenarioHeldAsync(api, scenario, collections[0], sessionsBefore[0]);
        return new Measurement([.. perCaller.SelectMany(latencies => latencies).Order()], elapsed);
    }

    /// <summary>Creates each caller's first session (the one a reuse scenario keeps) and warms the path.</summary>
    private static async Task<string> WarmUpAsync(LocalApi api, Scenario scenario, string collectionId)
    {
        var sessionId = "";
        for (var request = 0; request < WarmUpRequestsPerCaller; request++)
        {
            var (status, body) = await api.InitializeSessionAsync(collectionId, scenario.Body());
            LocalApi.EnsureOk(status, body);
            sessionId = LocalApi.SessionIdOf(body);
        }

        return sessionId;
    }

    /// <summary>A reuse scenario must have kept its session throughout, and the other must have replaced it.</summary>
    private static async Task EnsureScenarioHeldAsync(LocalApi api, Scenario scenario, string collectionId, string sessionBefore)
    {
        var (status, body) = await api.InitializeSessionAsync(collectionId, scenario.Body());
        LocalApi.EnsureOk(status, body);
        if ((LocalApi.SessionIdOf(body) == sessionBefore) == scenario.NewSessionEachCall)
        {
            throw new InvalidOperationException($"Scenario '{scenario.Name}' did not behave as intended: session {sessionBefore} → {LocalApi.SessionIdOf(body)}.");
        }
    }

    private sealed record Scenario(string Name, int Callers, bool NewSessionEachCall)
    {
        private static readonly byte[] ReusableBody = Encoding.UTF8.GetBytes("""{"provider_id":"pp_system_default","data":{"note":"x"}}""");

        /// <summary>The same body every time, or data the session has not seen, which forces a new session.</summary>
        public byte[] Body() => NewSessionEachCall
            ? Encoding.UTF8.GetBytes($$$"""{"provider_id":"pp_system_default","data":{"note":"{{{Interlocked.Increment(ref dataCounter)}}}"}}""")
            : ReusableBody;
    }

    /// <param name="Latencies">In milliseconds, sorted.</param>
    private sealed record Measurement(double[] Latencies, TimeSpan Elapsed)
    {
        public string TableRow(Scenario scenario) => string.Create(
            CultureInfo.InvariantCulture,
            $"| {scenario.Name} | {scenario.Callers} | {Latencies.Length} | {Latencies.Length / Elapsed.TotalSeconds:F0} | {Percentile(0.50):F2} | {Percentile(0.95):F2} | {Percentile(0.99):F2} |");

        /// <summary>Nearest-rank percentile.</summary>
        private double Percentile(double rank) => Latencies[Math.Max(0, (int)Math.Ceiling(rank * Latencies.Length) - 1)];
    }
}
