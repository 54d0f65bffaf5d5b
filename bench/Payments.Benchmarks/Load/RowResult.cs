using System.Globalization;

namespace Payments.Benchmarks.Load;

/// <summary>One measured row: the endpoint's run with what it cost the host and Azurite (its CPU meters, in that order), and the raw loop's run.</summary>
internal sealed record RowResult(
    Scenario Scenario,
    SlicedRun EndpointRun,
    double TableOperationsPerRequest,
    long HostPeakResidentBytes,
    Latencies Raw)
{
    private Latencies Endpoint => EndpointRun.Latencies;

    public const string Header =
        "| scenario | c | requests | req/s | p50 ms | p95 ms | p99 ms | errors | table ops/req | host peak RSS MiB | raw req/s (c) | endpoint ÷ raw | host CPU ms/req | Azurite CPU ms/req |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public string TableRow() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Scenario.Name} | {Scenario.Concurrency} | {Endpoint.TableCells()} | {TableOperationsPerRequest:F2} | {HostPeakResidentBytes / 1048576.0:F0} | {Raw.PerSecond:F0} ({Scenario.RawConcurrency}) | {Endpoint.PerSecond / Raw.PerSecond:F2} | {EndpointRun.CpuPerRequest(0):F2} | {EndpointRun.CpuPerRequest(1):F2} |");
}
