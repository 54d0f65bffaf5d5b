using System.Globalization;
using Payments.Benchmarks.Load;

namespace Payments.Benchmarks.Medusa;

/// <summary>
/// One routing of the seed route in one scenario: its run, how many times Medusa's own it did in the slices it alternated
/// with, and — through this service — the requests the service sent Medusa (by route: its backend requests) and served,
/// and its table operations (what it sent that was not for Medusa). The run's CPU meters are Medusa's node processes and
/// its PostgreSQL backends, then, through this service, the host and Azurite.
/// </summary>
internal sealed record ComparisonRow(
    string Routing,
    Scenario Scenario,
    SlicedRun Run,
    double? TimesMedusa = null,
    IReadOnlyDictionary<string, long>? Backend = null,
    HostRequestCount? Host = null)
{
    public const string Header =
        "| routing | body | c | requests | req/s | p50 ms | p95 ms | p99 ms | errors | × Medusa's own | cart reads/req | other backend requests | host requests/req | table ops/req | Medusa CPU ms/req | PostgreSQL CPU ms/req | host CPU ms/req | Azurite CPU ms/req |\n" +
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    private const string CartRead = "GET /store/carts/{id}";

    public long? CartReads => Backend?.GetValueOrDefault(CartRead);

    /// <summary>The backend requests that read no cart: the key and region caches' refreshes, events.</summary>
    public long? OtherBackendRequests => Backend?.Where(route => route.Key != CartRead).Sum(route => route.Value);

    private int Count => Math.Max(1, Run.Latencies.Count);

    public string TableRow() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Routing} | {Scenario.Name} | {Scenario.Concurrency} | {Run.Latencies.TableCells()} | {Cell(TimesMedusa, "F1")} | {Cell(CartReads / (double)Count, "F3")} | {OtherCell()} | {Cell(Host?.Served / (double)Count, "F2")} | {Cell((Host?.Sent - Backend?.Values.Sum()) / (double)Count, "F2")} | {string.Join(" | ", Enumerable.Range(0, 4).Select(meter => Cell(meter < Run.Cpu.Count ? Run.CpuPerRequest(meter) : null, "F2")))} |");

    /// <summary>Their count in the row, and per request: they come with time (a cache's lifetime), not with initialisations.</summary>
    private string OtherCell() => OtherBackendRequests is { } requests
        ? string.Create(CultureInfo.InvariantCulture, $"{requests} ({requests / (double)Count:F3}/req)")
        : "–";

    private static string Cell(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";
}
