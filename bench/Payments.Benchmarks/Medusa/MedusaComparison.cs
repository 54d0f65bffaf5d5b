using System.Diagnostics;
using System.Globalization;
using System.Text;
using Payments.Benchmarks.Load;

namespace Payments.Benchmarks.Medusa;

/// <summary>
/// The seed route, <c>POST /store/payment-collections/{id}/payment-sessions</c>, beside a real Medusa 2.21.2 on this
/// machine (issue 15): Medusa's own (<c>@medusajs/payment</c>, <c>pp_system_default</c>) against this service in module
/// mode beside a Medusa with the plugin, on collections of carts Medusa made — through the fast path (this service's
/// route) and through Medusa's route (which calls this service's module routes), as a stock storefront calls it. Each
/// routing alternates in slices with Medusa's own at the same concurrency; a relay between the service and Medusa counts
/// the service's backend requests. Everything it starts is stopped at the end.
/// </summary>
internal static class MedusaComparison
{
    /// <summary>One collection per cart, for each routing, as the load test's spread rows.</summary>
    private const int Carts = 64;

    /// <summary>Roles of the benchmark's own (<c>medusa.sh</c>'s <c>MEDUSA_ROLE</c>), so its databases are not the end-to-end suite's.</summary>
    private const string PluginRole = "bench";
    private const string StockRole = "bench_stock";

    private const string FastPath = "this service (fast path)";
    private const string ThroughMedusa = "Medusa + plugin → this service";
    private const string MedusasOwn = "Medusa's own";

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan JitWarmUp = TimeSpan.FromSeconds(2);

    /// <summary>What a storefront sends: <c>sdk.store.payment.initiatePaymentSession(cart, {provider_id})</c>.</summary>
    private static readonly byte[] SeedBody = Encoding.UTF8.GetBytes("""{"provider_id":"pp_system_default"}""");

    /// <summary>The same body every time (this service reuses the session; Medusa replaces it anyway), then data the session has not seen.</summary>
    private static readonly Scenario[] Scenarios =
    [
        .. new[] { 8, 32 }.Select(concurrency => new Scenario("same body", Carts, NewData: false, concurrency) { SameBody = SeedBody }),
        .. new[] { 8, 32 }.Select(concurrency => new Scenario("new data", Carts, NewData: true, concurrency)),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (LoadOptions.Parse(args) is not { } options)
        {
            Console.Error.WriteLine(LoadOptions.Usage("medusa"));
            return 2;
        }

        var repository = RepositoryRoot.OfBenchmark();
        var work = Directory.CreateTempSubdirectory("payments-medusa-").FullName;
        var log = Path.Combine(work, "host.log");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Console.Error.WriteLine($"Host build: {options.HostAssembly} (host log: {log}). Installing Medusa 2.21.2, with the plugin and with its own Payment Module (the first time takes minutes)...");
        await MedusaInstance.InstallAsync(repository, PaymentModule.Plugin, PluginRole);
        await MedusaInstance.InstallAsync(repository, PaymentModule.Stock, StockRole);

        var loadAtStart = ProcessStats.LoadAverage();
        var ports = DistinctFreePorts(3);
        var serviceAddress = new Uri($"http://127.0.0.1:{ports[0]}");
        await using var azurite = await AzuriteInstance.StartAsync(repository, $"medusa-{Environment.ProcessId}");
        await using var relay = await BackendRelay.StartAsync(new Uri($"http://127.0.0.1:{ports[1]}"));
        await using var withPlugin = await MedusaInstance.StartAsync(repository, PaymentModule.Plugin, PluginRole, ports[1], serviceAddress);
        var settings = (await withPlugin.ServiceSettingsAsync())
            .Select(setting => setting.Key == "CommerceBackend__Url" ? KeyValuePair.Create(setting.Key, relay.BaseAddress.ToString().TrimEnd('/')) : setting)
            .ToList();
        await using var host = await HostProcess.StartAsync(
            new HostLaunch(options.HostAssembly, azurite.ConnectionString, "bench" + Guid.NewGuid().ToString("N")[..12], log) { Port = ports[0], Settings = settings, ProbePath = "/health" });
        var pluginCatalog = await withPlugin.SeedAsync();
        await using var stock = await MedusaInstance.StartAsync(repository, PaymentModule.Stock, StockRole, ports[2], service: null);
        var stockCatalog = await stock.SeedAsync();
        Console.Error.WriteLine($"Started in {clock.Elapsed.TotalSeconds:F0} s: Medusa with the plugin on {withPlugin.BaseAddress}, Medusa's own on {stock.BaseAddress}, this service on {host.BaseAddress} (its backend through {relay.BaseAddress}). Filling carts...");

        using var stockClient = SessionRoute.NewClient(stock.BaseAddress, stockCatalog.PublishableKey);
        using var medusaClient = SessionRoute.NewClient(withPlugin.BaseAddress, pluginCatalog.PublishableKey);
        using var serviceClient = SessionRoute.NewClient(host.BaseAddress, pluginCatalog.PublishableKey);
        var medusaMeters = (CpuMeter.OfProcessGroup(withPlugin.ProcessGroupId), CpuMeter.OfPostgresDatabase(withPlugin.Database));
        var serviceMeters = (CpuMeter.OfProcess(host.ProcessId), CpuMeter.OfProcess(azurite.ProcessId));
        var medusasOwn = new Routing(
            MedusasOwn,
            stockClient,
            await Timed("Medusa's own: carts and collections", async () => await BenchData.CreateCollectionsAsync(stockClient, await MedusaCarts.CreateAsync(stockClient, stockCatalog, Carts), MedusaCarts.AtATime)),
            [CpuMeter.OfProcessGroup(stock.ProcessGroupId), CpuMeter.OfPostgresDatabase(stock.Database)]);
        var throughMedusa = new Routing(
            ThroughMedusa,
            medusaClient,
            await Timed("Medusa with the plugin: carts and collections", async () => await BenchData.CreateCollectionsAsync(medusaClient, await MedusaCarts.CreateAsync(medusaClient, pluginCatalog, Carts), MedusaCarts.AtATime)),
            [medusaMeters.Item1, medusaMeters.Item2, serviceMeters.Item1, serviceMeters.Item2]);
        var fastPathCarts = await Timed("Medusa with the plugin: carts for the fast path", () => MedusaCarts.CreateAsync(medusaClient, pluginCatalog, Carts));
        var beforeCollections = relay.Requests;
        var fastPathCollections = await Timed("this service: their collections", () => BenchData.CreateCollectionsAsync(serviceClient, fastPathCarts, MedusaCarts.AtATime));
        var collectionRequests = relay.Since(beforeCollections);
        var beforeFirstSessions = relay.Requests;
        foreach (var collection in fastPathCollections)
        {
            SessionRoute.EnsureOk(await SessionRoute.PostAsync(serviceClient, SessionRoute.SessionsPath(collection.Id), SeedBody), "a first session");
        }

        var firstSessionRequests = relay.Since(beforeFirstSessions);
        var fastPath = new Routing(FastPath, serviceClient, fastPathCollections, [medusaMeters.Item1, medusaMeters.Item2, serviceMeters.Item1, serviceMeters.Item2]);
        var setUp = clock.Elapsed;
        Console.Error.WriteLine($"Set up in {setUp.TotalSeconds:F0} s: {3 * Carts} carts, {3 * Carts} collections, {Carts} first sessions on the fast path. Measuring...");

        // Node's and .NET's JITs settle on every routing and body before the first row.
        foreach (var scenario in Scenarios.Where(scenario => scenario.Concurrency == 8))
        {
            foreach (var routing in (Routing[])[medusasOwn, fastPath, throughMedusa])
            {
                await routing.RunAsync(scenario, JitWarmUp, int.MaxValue);
            }
        }

        await using var hostRequests = HostRequests.Attach(host.ProcessId);
        var rows = new List<(ComparisonRow Row, SlicedRun Baseline)>();
        foreach (var scenario in Scenarios)
        {
            foreach (var routing in (Routing[])[fastPath, throughMedusa])
            {
                var measured = await CompareAsync(scenario, routing, medusasOwn, relay, hostRequests, options);
                Console.Error.WriteLine(measured.Row.TableRow());
                rows.Add(measured);
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            The seed route beside Medusa 2.21.2: {options.Label}; {started:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores ({ProcessStats.CpuModel()}); load average {loadAtStart:F2} at the start, {ProcessStats.LoadAverage():F2} at the end; set up in {setUp.TotalSeconds:F0} s, {clock.Elapsed.TotalSeconds:F0} s in all.
            {Carts} carts (one 25 USD item) per routing, one collection each; Medusa's own and the plugin's Medusa on databases {stock.Database} and {withPlugin.Database}, this service (Payments.LocalHost, Release) in module mode on Azurite.
            After {JitWarmUp.TotalSeconds:F0} s on each routing and body at c=8, each row: {WarmUp.TotalSeconds:F0} s of warm-up, then at most {options.MaxRequests} requests or {options.Duration.TotalSeconds:F0} s, in {Slices.Count} slices that alternate with as many of Medusa's own at the same concurrency. Bodies: same, {Encoding.UTF8.GetString(SeedBody)}; new data, a "data" the session has not seen.
            Creating the {Carts} fast-path collections sent Medusa {Listed(collectionRequests, Carts)}; their first sessions {Listed(firstSessionRequests, Carts)}.

            """));
        Console.WriteLine(ComparisonRow.Header);
        foreach (var scenario in Scenarios)
        {
            var ofScenario = rows.Where(row => row.Row.Scenario == scenario).ToList();
            var baseline = new SlicedRun(
                Latencies.Combine([.. ofScenario.Select(row => row.Baseline.Latencies)]),
                [.. Enumerable.Range(0, 2).Select(meter => TimeSpan.FromTicks(ofScenario.Sum(row => row.Baseline.Cpu[meter].Ticks)))]);
            Console.WriteLine(new ComparisonRow(MedusasOwn, scenario, baseline, TimesMedusa: 1).TableRow());
            ofScenario.ForEach(row => Console.WriteLine(row.Row.TableRow()));
        }

        Console.WriteLine();
        foreach (var row in rows.Select(row => row.Row).Where(row => row.Routing == FastPath && row.Scenario.Concurrency == 8))
        {
            var met = row.TimesMedusa >= 10 && row.CartReads == 0 && row.Run.Latencies.Errors == 0;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Target (issue 15: the fast path at least 10× Medusa's own at c=8, no backend read per warm initialisation), {row.Scenario.Name}: {row.TimesMedusa:F1}×, {row.CartReads} cart reads, {row.OtherBackendRequests} other backend requests in {row.Run.Latencies.Count} — {(met ? "met" : "not met")}."));
        }

        foreach (var row in rows.Select(row => row.Row).Where(row => row.Backend is { Count: > 0 }))
        {
            Console.WriteLine($"Backend requests, {row.Routing}, {row.Scenario.Name}, c={row.Scenario.Concurrency}: {Listed(row.Backend!, perRequests: 0)}.");
        }

        return 0;
    }

    /// <summary>
    /// A routing against Medusa's own in slices, with what the service sent (backend requests through the relay, table
    /// operations the rest) and served meanwhile; through the fast path, every collection keeps its one session.
    /// </summary>
    private static async Task<(ComparisonRow Row, SlicedRun Baseline)> CompareAsync(
        Scenario scenario,
        Routing routing,
        Routing medusasOwn,
        BackendRelay relay,
        HostRequests hostRequests,
        LoadOptions options)
    {
        await routing.RunAsync(scenario, WarmUp, int.MaxValue);
        await medusasOwn.RunAsync(scenario, WarmUp, int.MaxValue);
        var sessionsBefore = routing.Name == FastPath ? await scenario.SessionsAsync(routing.Client, routing.Collections) : null;
        var (hostBefore, backendBefore) = (await hostRequests.SettledAsync(), relay.Requests);
        var (run, baseline) = await Slices.AlternateAsync(routing.Side(scenario), medusasOwn.Side(scenario), options.Duration, options.MaxRequests);
        var (host, backend) = ((await hostRequests.SettledAsync()) - hostBefore, relay.Since(backendBefore));
        if (sessionsBefore is not null)
        {
            scenario.EnsureHeld(sessionsBefore, await scenario.SessionsAsync(routing.Client, routing.Collections));
        }

        var row = new ComparisonRow(routing.Name, scenario, run, run.Latencies.PerSecond / baseline.Latencies.PerSecond, backend, host);
        return (row, baseline);
    }

    private static async Task<T> Timed<T>(string what, Func<Task<T>> step)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await step();
        Console.Error.WriteLine($"  {what}: {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return result;
    }

    /// <summary>Requests by route, e.g. <c>GET /store/carts/{id} ×64</c>, and per <paramref name="perRequests"/> requests unless 0.</summary>
    private static string Listed(IReadOnlyDictionary<string, long> requests, int perRequests) =>
        requests.Count == 0
            ? "nothing"
            : string.Join(", ", requests.OrderBy(route => route.Key, StringComparer.Ordinal).Select(route => string.Create(
                CultureInfo.InvariantCulture,
                $"{route.Key} ×{route.Value}{(perRequests > 0 ? $" ({route.Value / (double)perRequests:0.##} each)" : "")}")));

    private static int[] DistinctFreePorts(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
        {
            ports.Add(LoopbackPort.Free());
        }

        return [.. ports];
    }

    /// <summary>One way to the seed route: where its requests go, the collections they name, the processes they cost.</summary>
    private sealed record Routing(string Name, HttpClient Client, IReadOnlyList<BenchCollection> Collections, IReadOnlyList<CpuMeter> Meters)
    {
        public Task<Latencies> RunAsync(Scenario scenario, TimeSpan duration, int maxRequests) => scenario.RunAsync(Client, Collections, duration, maxRequests);

        public SlicedSide Side(Scenario scenario) => new((slice, requests) => RunAsync(scenario, slice, requests), Meters);
    }
}
