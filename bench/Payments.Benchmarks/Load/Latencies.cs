using System.Diagnostics;
using System.Globalization;

namespace Payments.Benchmarks.Load;

/// <summary>How many requests a run completed in how long, with their latencies and the failures among them.</summary>
/// <param name="Milliseconds">Every completed request's latency, sorted.</param>
/// <param name="Failures">Non-200 answers and requests that failed, by status (0: no answer).</param>
internal sealed record Latencies(double[] Milliseconds, TimeSpan Elapsed, IReadOnlyDictionary<int, int> Failures)
{
    public int Count => Milliseconds.Length;

    public double PerSecond => Count / Elapsed.TotalSeconds;

    public int Errors => Failures.Values.Sum();

    /// <summary>The cells of a row of the benchmarks' tables: requests, req/s, p50, p95 and p99 in ms, errors (by status).</summary>
    public string TableCells() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Count} | {PerSecond:F0} | {Percentile(0.50):F1} | {Percentile(0.95):F1} | {Percentile(0.99):F1} | {ErrorsByStatus()}");

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double rank) => Count == 0 ? double.NaN : Milliseconds[Math.Max(0, (int)Math.Ceiling(rank * Count) - 1)];

    public string ErrorsByStatus() => Errors == 0
        ? "0"
        : string.Create(CultureInfo.InvariantCulture, $"{Errors} ({string.Join(", ", Failures.OrderBy(failure => failure.Key).Select(failure => $"{(failure.Key == 0 ? "no answer" : failure.Key.ToString(CultureInfo.InvariantCulture))}: {failure.Value}"))})");

    /// <summary>The runs as one: their requests, the sum of their times, and their failures.</summary>
    public static Latencies Combine(IReadOnlyCollection<Latencies> runs)
    {
        var failures = new Dictionary<int, int>();
        foreach (var (status, count) in runs.SelectMany(run => run.Failures))
        {
            failures[status] = failures.GetValueOrDefault(status) + count;
        }

        return new Latencies([.. runs.SelectMany(run => run.Milliseconds).Order()], TimeSpan.FromTicks(runs.Sum(run => run.Elapsed.Ticks)), failures);
    }

    /// <summary>
    /// Runs <paramref name="callers"/> loops of <paramref name="request"/> (given the caller's index and the request's
    /// sequence number over all callers; it returns the status, 200 for success) until <paramref name="maxRequests"/>
    /// were sent or <paramref name="duration"/> passed.
    /// </summary>
    public static async Task<Latencies> MeasureAsync(int callers, TimeSpan duration, int maxRequests, Func<int, int, Task<int>> request)
    {
        var issued = -1;
        var failures = new Dictionary<int, int>();
        var started = Stopwatch.GetTimestamp();
        var perCaller = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var latencies = new List<double>();
            int sequence;
            while ((sequence = Interlocked.Increment(ref issued)) < maxRequests && Stopwatch.GetElapsedTime(started) < duration)
            {
                var sent = Stopwatch.GetTimestamp();
                var status = await CompleteAsync(() => request(caller, sequence));
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (status != 200)
                {
                    lock (failures)
                    {
                        failures[status] = failures.GetValueOrDefault(status) + 1;
                    }
                }
            }

            return latencies;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new Latencies([.. perCaller.SelectMany(latencies => latencies).Order()], elapsed, failures);
    }

    private static async Task<int> CompleteAsync(Func<Task<int>> request)
    {
        try
        {
            return await request();
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or Azure.RequestFailedException)
        {
            return failure is Azure.RequestFailedException { Status: > 0 } refused ? refused.Status : 0;
        }
    }
}
