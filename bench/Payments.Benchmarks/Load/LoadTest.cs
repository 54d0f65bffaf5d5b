using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace Payments.Benchmarks.Load;

/// <summary>
/// Session initialisation under load (issue 7): seeds its own carts, runs a Release build of <c>Payments.LocalHost</c>
/// as a process of its own against an Azurite of its own, and drives
/// <c>POST /store/payment-collections/{id}/payment-sessions</c> over loopback at 1, 8 and 32 concurrent callers for each
/// <see cref="Scenario"/>; then, in the same run, the raw loop of the same table operations. Bounded in requests and
/// time per row; prints one table.
/// </summary>
internal static class LoadTest
{
    /// <summary>64 collections for the spread rows and one more for the hot rows.</summary>
    private const int SpreadCollections = 64;

    /// <summary>How many turns the endpoint and the raw loop take in each row.</summary>
    private const int Slices = 5;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan JitWarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        if (LoadOptions.Parse(args) is not { } options)
        {
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("payments-load-").FullName;
        var log = Path.Combine(work, "host.log");
        var tablePrefix = "load" + Guid.NewGuid().ToString("N")[..12];
        var loadAtStart = ProcessStats.LoadAverage();
        var started = DateTimeOffset.UtcNow;
        Console.WriteLine($"Host build: {options.HostAssembly} (host log: {log})");

        await using var azurite = await AzuriteInstance.StartAsync(RepositoryRoot.OfBenchmark(), $"load-{Environment.ProcessId}");
        var (seedFile, cartIds) = await BenchData.WriteSeedAsync(RepositoryRoot.Above(options.HostAssembly), work, SpreadCollections + 1);
        await (await HostProcess.StartAsync(options.HostAssembly, azurite.ConnectionString, tablePrefix, log, seedFile)).DisposeAsync();

        await using var host = await HostProcess.StartAsync(options.HostAssembly, azurite.ConnectionString, tablePrefix, log);
        using var client = SessionRoute.NewClient(host.BaseAddress);
        var firstCollection = Stopwatch.GetTimestamp();
        var collections = await BenchData.CreateCollectionsAsync(client, cartIds);
        var firstCollectionTime = Stopwatch.GetElapsedTime(firstCollection) / collections.Count;
        await using var tableRequests = HostTableRequests.Attach(host.ProcessId);
        var raw = new RawTableLoop(new TableServiceClient(azurite.ConnectionString), tablePrefix);

        IReadOnlyList<BenchCollection> TargetsOf(Scenario scenario) => scenario.Collections == 1 ? [collections[^1]] : [.. collections.Take(scenario.Collections)];

        // The JIT's tiers settle on every path before the first row.
        foreach (var kind in Scenario.All.Where(scenario => scenario.Concurrency == 8))
        {
            await Latencies.MeasureAsync(kind.Concurrency, JitWarmUp, int.MaxValue, (_, sequence) => InitializeAsync(client, kind, TargetsOf(kind), sequence));
        }

        var rows = new List<RowResult>();
        foreach (var scenario in Scenario.All)
        {
            var row = await MeasureRowAsync(scenario, TargetsOf(scenario), client, host, azurite, tableRequests, raw, options);
            Console.Error.WriteLine(row.TableRow());
            rows.Add(row);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Session initialisation over loopback: {options.Label}; {started:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores ({CpuModel()}); load average {loadAtStart:F2} at the start, {ProcessStats.LoadAverage():F2} at the end.
            Host (Payments.LocalHost, Release, its own process): start to first 200 (GET /store/payment-providers, tables created) {host.StartToFirstOk.TotalMilliseconds:F0} ms; creating the {collections.Count} collections took {firstCollectionTime.TotalMilliseconds:F1} ms each; peak RSS over the run {ProcessStats.PeakResidentBytes(host.ProcessId) / 1048576.0:F0} MiB.
            After {JitWarmUp.TotalSeconds:F0} s on each path at c=8, each row: {WarmUp.TotalSeconds:F0} s of warm-up, then at most {options.MaxRequests} requests or {options.Duration.TotalSeconds:F0} s, in {Slices} slices that alternate with as many of the raw loop.

            """));
        Console.WriteLine(RowResult.Header);
        rows.ForEach(row => Console.WriteLine(row.TableRow()));
        return 0;
    }

    private static async Task<RowResult> MeasureRowAsync(
        Scenario scenario,
        IReadOnlyList<BenchCollection> targets,
        HttpClient client,
        HostProcess host,
        AzuriteInstance azurite,
        HostTableRequests tableRequests,
        RawTableLoop raw,
        LoadOptions options)
    {
        await Latencies.MeasureAsync(scenario.Concurrency, WarmUp, int.MaxValue, (_, sequence) => InitializeAsync(client, scenario, targets, sequence));
        var copies = await raw.CopyAsync(targets);
        await raw.RunAsync(scenario, copies, WarmUp / 2, int.MaxValue);
        var sessionsBefore = await SessionsAsync(client, targets, scenario);
        var requestsBefore = await tableRequests.SettledAsync();

        // The endpoint and the raw loop take turns in slices, so a drift of the shared machine (Azurite's collections,
        // another process) weighs on both sides of the ratio alike. Azurite's CPU is counted in the endpoint's slices only.
        var (endpointSlices, rawSlices) = (new List<Latencies>(), new List<Latencies>());
        var (hostCpu, azuriteCpu) = (TimeSpan.Zero, TimeSpan.Zero);
        var (slice, sliceRequests) = (options.Duration / Slices, Math.Max(1, options.MaxRequests / Slices));
        long peakResident;
        await using (var sampler = new PeakResidentSampler(host.ProcessId))
        {
            for (var turn = 0; turn < Slices; turn++)
            {
                var (hostBefore, azuriteBefore) = (ProcessStats.CpuTime(host.ProcessId), ProcessStats.CpuTime(azurite.ProcessId));
                endpointSlices.Add(await Latencies.MeasureAsync(scenario.Concurrency, slice, sliceRequests, (_, sequence) => InitializeAsync(client, scenario, targets, sequence)));
                hostCpu += ProcessStats.CpuTime(host.ProcessId) - hostBefore;
                azuriteCpu += ProcessStats.CpuTime(azurite.ProcessId) - azuriteBefore;
                rawSlices.Add(await raw.RunAsync(scenario, copies, slice, sliceRequests));
            }

            peakResident = sampler.PeakBytes;
        }

        var endpoint = Latencies.Combine(endpointSlices);
        var tableOperations = (await tableRequests.SettledAsync()) - requestsBefore;
        EnsureScenarioHeld(scenario, sessionsBefore, await SessionsAsync(client, targets, scenario));
        return new RowResult(scenario, endpoint, (double)tableOperations / endpoint.Count, peakResident, hostCpu, azuriteCpu, Latencies.Combine(rawSlices));
    }

    /// <summary>The scenario's request number <paramref name="sequence"/>: for the next of its collections in turn.</summary>
    private static async Task<int> InitializeAsync(HttpClient client, Scenario scenario, IReadOnlyList<BenchCollection> targets, int sequence) =>
        (await SessionRoute.PostAsync(client, SessionRoute.SessionsPath(targets[sequence % targets.Count].Id), scenario.Body())).Status;

    /// <summary>The sessions each collection lists in answer to one more request of the scenario.</summary>
    private static async Task<IReadOnlyList<IReadOnlyList<string>>> SessionsAsync(HttpClient client, IReadOnlyList<BenchCollection> targets, Scenario scenario)
    {
        var sessions = new List<IReadOnlyList<string>>();
        foreach (var collection in targets)
        {
            var body = SessionRoute.EnsureOk(await SessionRoute.PostAsync(client, SessionRoute.SessionsPath(collection.Id), scenario.Body()), scenario.Name);
            sessions.Add(SessionRoute.SessionIdsOf(body));
        }

        return sessions;
    }

    /// <summary>Every collection lists exactly one session: the same as before the row for the same body, a new one for new data.</summary>
    private static void EnsureScenarioHeld(Scenario scenario, IReadOnlyList<IReadOnlyList<string>> before, IReadOnlyList<IReadOnlyList<string>> after)
    {
        for (var index = 0; index < before.Count; index++)
        {
            if (after[index] is not [var session] || (session == before[index].Single()) == scenario.NewData)
            {
                throw new InvalidOperationException(
                    $"Row '{scenario.Name}', c={scenario.Concurrency} did not hold: sessions [{string.Join(", ", before[index])}] became [{string.Join(", ", after[index])}].");
            }
        }
    }

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
}
