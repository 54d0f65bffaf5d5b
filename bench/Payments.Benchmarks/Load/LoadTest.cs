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

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan JitWarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        if (LoadOptions.Parse(args) is not { } options)
        {
            Console.Error.WriteLine(LoadOptions.Usage("load"));
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
        var launch = new HostLaunch(options.HostAssembly, azurite.ConnectionString, tablePrefix, log);
        await (await HostProcess.StartAsync(launch with { SeedFile = seedFile })).DisposeAsync();

        await using var host = await HostProcess.StartAsync(launch);
        using var client = SessionRoute.NewClient(host.BaseAddress);
        var firstCollection = Stopwatch.GetTimestamp();
        var collections = await BenchData.CreateCollectionsAsync(client, cartIds);
        var firstCollectionTime = Stopwatch.GetElapsedTime(firstCollection) / collections.Count;
        await using var hostRequests = HostRequests.Attach(host.ProcessId);
        var raw = new RawTableLoop(new TableServiceClient(azurite.ConnectionString), tablePrefix);

        IReadOnlyList<BenchCollection> TargetsOf(Scenario scenario) => scenario.Collections == 1 ? [collections[^1]] : [.. collections.Take(scenario.Collections)];

        // The JIT's tiers settle on every path before the first row.
        foreach (var kind in Scenario.All.Where(scenario => scenario.Concurrency == 8))
        {
            await kind.RunAsync(client, TargetsOf(kind), JitWarmUp, int.MaxValue);
        }

        var rows = new List<RowResult>();
        foreach (var scenario in Scenario.All)
        {
            var row = await MeasureRowAsync(scenario, TargetsOf(scenario), client, host, azurite, hostRequests, raw, options);
            Console.Error.WriteLine(row.TableRow());
            rows.Add(row);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Session initialisation over loopback: {options.Label}; {started:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores ({ProcessStats.CpuModel()}); load average {loadAtStart:F2} at the start, {ProcessStats.LoadAverage():F2} at the end.
            Host (Payments.LocalHost, Release, its own process): start to first 200 (GET /store/payment-providers, tables created) {host.StartToFirstOk.TotalMilliseconds:F0} ms; creating the {collections.Count} collections took {firstCollectionTime.TotalMilliseconds:F1} ms each; peak RSS over the run {ProcessStats.PeakResidentBytes(host.ProcessId) / 1048576.0:F0} MiB.
            After {JitWarmUp.TotalSeconds:F0} s on each path at c=8, each row: {WarmUp.TotalSeconds:F0} s of warm-up, then at most {options.MaxRequests} requests or {options.Duration.TotalSeconds:F0} s, in {Slices.Count} slices that alternate with as many of the raw loop.

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
        HostRequests hostRequests,
        RawTableLoop raw,
        LoadOptions options)
    {
        await scenario.RunAsync(client, targets, WarmUp, int.MaxValue);
        var copies = await raw.CopyAsync(targets);
        await raw.RunAsync(scenario, copies, WarmUp / 2, int.MaxValue);
        var sessionsBefore = await scenario.SessionsAsync(client, targets);
        var requestsBefore = await hostRequests.SettledAsync();

        // Azurite's CPU is counted in the endpoint's slices only.
        var endpointSide = new SlicedSide(
            (slice, requests) => scenario.RunAsync(client, targets, slice, requests),
            [CpuMeter.OfProcess(host.ProcessId), CpuMeter.OfProcess(azurite.ProcessId)]);
        var rawSide = new SlicedSide((slice, requests) => raw.RunAsync(scenario, copies, slice, requests), []);
        SlicedRun endpoint, rawRun;
        long peakResident;
        await using (var sampler = new PeakResidentSampler(host.ProcessId))
        {
            (endpoint, rawRun) = await Slices.AlternateAsync(endpointSide, rawSide, options.Duration, options.MaxRequests);
            peakResident = sampler.PeakBytes;
        }

        var tableOperations = ((await hostRequests.SettledAsync()) - requestsBefore).Sent;
        scenario.EnsureHeld(sessionsBefore, await scenario.SessionsAsync(client, targets));
        return new RowResult(scenario, endpoint, (double)tableOperations / endpoint.Latencies.Count, peakResident, rawRun.Latencies);
    }
}
