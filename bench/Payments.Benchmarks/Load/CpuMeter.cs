using System.Globalization;

namespace Payments.Benchmarks.Load;

/// <summary>
/// The CPU time a set of processes used between two readings: one process, a process group (a server and the workers
/// it started), or the PostgreSQL backends of one database. A process that started in between counts with all its time;
/// one that ended in between is missed (a connection pool's idle backends), so a reading spans seconds, not minutes.
/// </summary>
internal sealed class CpuMeter(Func<IReadOnlyDictionary<int, TimeSpan>> read)
{
    public static CpuMeter OfProcess(int processId) => new(() => new Dictionary<int, TimeSpan> { [processId] = ProcessStats.CpuTime(processId) });

    /// <summary>Every process whose process group is <paramref name="groupId"/> (a server started with <c>setsid</c>).</summary>
    public static CpuMeter OfProcessGroup(int groupId) => new(() => Matching(stat => Field(stat, 2) == groupId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// PostgreSQL's backends for <paramref name="database"/>: the processes whose title is
    /// <c>postgres: [CLUSTER: ]USER DATABASE HOST(PORT) ACTIVITY</c> (Debian's clusters name themselves, <c>15/main:</c>).
    /// </summary>
    public static CpuMeter OfPostgresDatabase(string database) => new(() => Matching(_ => true, title => title.Split(' ') switch
    {
        ["postgres:", var cluster, _, var named, ..] when cluster.EndsWith(':') => named == database,
        ["postgres:", _, var named, ..] => named == database,
        _ => false,
    }));

    public IReadOnlyDictionary<int, TimeSpan> Read() => read();

    /// <summary>The CPU time used from <paramref name="before"/> to now.</summary>
    public TimeSpan Since(IReadOnlyDictionary<int, TimeSpan> before) =>
        TimeSpan.FromTicks(Read().Sum(process => (process.Value - before.GetValueOrDefault(process.Key)).Ticks));

    private static Dictionary<int, TimeSpan> Matching(Func<string, bool> statMatches, Func<string, bool>? titleMatches = null)
    {
        var found = new Dictionary<int, TimeSpan>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var processId))
            {
                continue;
            }

            try
            {
                if ((titleMatches is null || titleMatches(File.ReadAllText(Path.Combine(directory, "cmdline")).TrimEnd('\0').Replace('\0', ' ')))
                    && statMatches(File.ReadAllText(Path.Combine(directory, "stat"))))
                {
                    found[processId] = ProcessStats.CpuTime(processId);
                }
            }
            catch (IOException)
            {
                // It ended while being read.
            }
        }

        return found;
    }

    /// <summary>Field <paramref name="index"/> (0: the state) after the command name of a <c>/proc/PID/stat</c>.</summary>
    private static string Field(string stat, int index) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[index];
}
