using System.Globalization;

namespace Payments.Benchmarks.Load;

/// <summary>What Linux reports of a process in <c>/proc</c>: resident memory now and at its peak, and CPU time used.</summary>
internal static class ProcessStats
{
    // /proc reports CPU times in USER_HZ ticks, which is 100 on Linux.
    private const double TicksPerSecond = 100;

    /// <summary>VmRSS, in bytes.</summary>
    public static long ResidentBytes(int processId) => StatusKilobytes(processId, "VmRSS:") * 1024;

    /// <summary>VmHWM, the peak resident set since the process started, in bytes.</summary>
    public static long PeakResidentBytes(int processId) => StatusKilobytes(processId, "VmHWM:") * 1024;

    /// <summary>User and system CPU time used so far.</summary>
    public static TimeSpan CpuTime(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name (which may hold spaces) in parentheses; utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The 1-minute load average of the machine.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>The machine's CPU, as <c>/proc/cpuinfo</c> names it.</summary>
    public static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    private static long StatusKilobytes(int processId, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no {field}");
    }
}

/// <summary>The highest resident set of a process, sampled every 50 ms until disposed.</summary>
internal sealed class PeakResidentSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peak;

    public PeakResidentSampler(int processId) => sampling = SampleAsync(processId);

    public long PeakBytes => Interlocked.Read(ref peak);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }

    private async Task SampleAsync(int processId)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            var resident = ProcessStats.ResidentBytes(processId);
            if (resident > Interlocked.Read(ref peak))
            {
                Interlocked.Exchange(ref peak, resident);
            }
        }
        while (await NextTickAsync(timer));
    }

    private async Task<bool> NextTickAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
