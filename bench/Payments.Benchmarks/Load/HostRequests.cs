using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Payments.Benchmarks.Load;

/// <summary>
/// How many HTTP requests the host process has sent and served, read from its runtime's event counters over EventPipe:
/// <c>System.Net.Http</c> <c>requests-started</c> (each try of the SDK's retries counts, as the table-operation tests
/// count them) and <c>Microsoft.AspNetCore.Hosting</c> <c>total-requests</c>. Reading them costs the host nothing
/// measurable (one sample each every half second).
/// </summary>
internal sealed class HostRequests : IAsyncDisposable
{
    private const string SentCounter = "requests-started";
    private const string ServedCounter = "total-requests";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly EventPipeSession session;
    private readonly EventPipeEventSource source;
    private readonly Task processing;
    private static readonly string[] Counters = [SentCounter, ServedCounter];

    // By counter, in the order of Counters: its latest value, and how many samples of it arrived.
    private readonly long[] latest = [-1, -1];
    private readonly long[] samples = [0, 0];

    private HostRequests(int processId)
    {
        var arguments = new Dictionary<string, string> { ["EventCounterIntervalSec"] = Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture) };
        session = new DiagnosticsClient(processId).StartEventPipeSession(
            [
                new EventPipeProvider("System.Net.Http", EventLevel.Informational, keywords: 0, arguments),
                new EventPipeProvider("Microsoft.AspNetCore.Hosting", EventLevel.Informational, keywords: 0, arguments),
            ],
            requestRundown: false);
        source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += OnEvent;
        processing = Task.Run(source.Process);
    }

    public static HostRequests Attach(int processId) => new(processId);

    /// <summary>The counts once the host is idle: the first values that two fresh samples agree on.</summary>
    public async Task<HostRequestCount> SettledAsync()
    {
        var previous = await NextSampleAsync();
        while (true)
        {
            var current = await NextSampleAsync();
            if (current == previous)
            {
                return current;
            }

            previous = current;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await session.StopAsync(CancellationToken.None);
        await processing;
        source.Dispose();
        session.Dispose();
    }

    /// <summary>The counts of the next sample of both counters.</summary>
    private async Task<HostRequestCount> NextSampleAsync()
    {
        var (sentAfter, servedAfter) = (Interlocked.Read(ref samples[0]), Interlocked.Read(ref samples[1]));
        var deadline = DateTime.UtcNow + (Interval * 20);
        while (Interlocked.Read(ref samples[0]) <= sentAfter || Interlocked.Read(ref samples[1]) <= servedAfter)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The host published no {SentCounter} and {ServedCounter} counters for {(Interval * 20).TotalSeconds} s.");
            }

            await Task.Delay(Interval / 5);
        }

        return new HostRequestCount(Interlocked.Read(ref latest[0]), Interlocked.Read(ref latest[1]));
    }

    private void OnEvent(TraceEvent traceEvent)
    {
        // An EventCounters event carries one field, "Payload", whose own "Payload" holds the counter's name and value.
        if (traceEvent.EventName != "EventCounters"
            || traceEvent.PayloadValue(0) is not IDictionary<string, object> counter
            || !counter.TryGetValue("Payload", out var fields)
            || fields is not IDictionary<string, object> payload
            || !payload.TryGetValue("Name", out var name)
            || Array.IndexOf(Counters, name as string) is not (>= 0 and var index))
        {
            return;
        }

        Interlocked.Exchange(ref latest[index], (long)Convert.ToDouble(payload["Mean"], CultureInfo.InvariantCulture));
        Interlocked.Increment(ref samples[index]);
    }
}

/// <summary>The HTTP requests a host has sent (to storage, to a commerce backend) and served, so far.</summary>
internal readonly record struct HostRequestCount(long Sent, long Served)
{
    public static HostRequestCount operator -(HostRequestCount after, HostRequestCount before) => new(after.Sent - before.Sent, after.Served - before.Served);
}
