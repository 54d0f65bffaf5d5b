namespace Payments.Benchmarks.Load;

/// <summary>
/// Two sides of a comparison measured in turns, <see cref="Count"/> slices each, so that a drift of the shared machine
/// (another job, a collection in Azurite or Medusa) weighs on both sides of their ratio alike. Each side's CPU meters are
/// read around its own slices only.
/// </summary>
internal static class Slices
{
    public const int Count = 5;

    /// <summary>Runs <paramref name="first"/> and <paramref name="second"/> in turns for <paramref name="duration"/> or <paramref name="maxRequests"/> each.</summary>
    public static async Task<(SlicedRun First, SlicedRun Second)> AlternateAsync(SlicedSide first, SlicedSide second, TimeSpan duration, int maxRequests)
    {
        var (slice, sliceRequests) = (duration / Count, Math.Max(1, maxRequests / Count));
        var sides = new[] { first, second };
        var latencies = sides.Select(_ => new List<Latencies>()).ToArray();
        var cpu = sides.Select(side => new TimeSpan[side.Meters.Count]).ToArray();
        for (var turn = 0; turn < Count; turn++)
        {
            for (var index = 0; index < sides.Length; index++)
            {
                var before = sides[index].Meters.Select(meter => meter.Read()).ToList();
                latencies[index].Add(await sides[index].RunAsync(slice, sliceRequests));
                for (var meter = 0; meter < before.Count; meter++)
                {
                    cpu[index][meter] += sides[index].Meters[meter].Since(before[meter]);
                }
            }
        }

        return (new SlicedRun(Latencies.Combine(latencies[0]), cpu[0]), new SlicedRun(Latencies.Combine(latencies[1]), cpu[1]));
    }
}

/// <summary>One side of a comparison: a run of at most the given time and requests, and the processes whose CPU it costs.</summary>
internal sealed record SlicedSide(Func<TimeSpan, int, Task<Latencies>> RunAsync, IReadOnlyList<CpuMeter> Meters);

/// <summary>A side's slices as one run, and the CPU time of each of its meters over them.</summary>
internal sealed record SlicedRun(Latencies Latencies, IReadOnlyList<TimeSpan> Cpu)
{
    /// <summary>Meter <paramref name="meter"/>'s CPU time per completed request, in ms.</summary>
    public double CpuPerRequest(int meter) => Cpu[meter].TotalMilliseconds / Math.Max(1, Latencies.Count);
}
