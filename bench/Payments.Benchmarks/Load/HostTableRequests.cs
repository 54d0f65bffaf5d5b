using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Payments.Benchmarks.Load;

/// <summary>
/// How many HTTP requests the host process has sent, read from its runtime's <c>System.Net.Http</c> event counter
/// (<c>requests-started</c>) over EventPipe: the host calls nothing but Table Storage here, and the counter counts
/// each try of the SDK's retries, as the table-operation tests count them. Reading it costs the host nothing
/// measurable (one sample every half second).
/// </summary>
internal sealed class HostTableRequests : IAsyncDisposable
{
    private const string CounterName = "requests-started";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly EventPipeSession session;
    private readonly EventPipeEventSource source;
    private readonly Task processing;
    private long latest = -1;
    private long samples;

    private HostTableRequests(int processId)
    {
        session = new DiagnosticsClient(processId).StartEventPipeSession(
            new EventPipeProvider(
                "System.Net.Http",
                EventLevel.Informational,
                keywords: 0,
                arguments: new Dictionary<string, string> { ["EventCounterIntervalSec"] = Interval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            requestRundown: false);
        source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += OnEvent;
        processing = Task.Run(source.Process);
    }

    public static HostTableRequests Attach(int processId) => new(processId);

    /// <summary>The count once the host is idle: the first value that two fresh samples agree on.</summary>
    public async Task<long> SettledAsync()
    {
        var previous = await NextSampleAsync(Interlocked.Read(ref samples));
        while (true)
        {
            var current = await NextSampleAsync(Interlocked.Read(ref samples));
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

    private async Task<long> NextSampleAsync(long after)
    {
        var deadline = DateTime.UtcNow + (Interval * 20);
        while (Interlocked.Read(ref samples) <= after)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The host published no {CounterName} counter for {(Interval * 20).TotalSeconds} s.");
            }

            await Task.Delay(Interval / 5);
        }

        return Interlocked.Read(ref latest);
    }

    private void OnEvent(TraceEvent traceEvent)
    {
        // An EventCounters event carries one field, "Payload", whose own "Payload" holds the counter's name and value.
        if (traceEvent.EventName != "EventCounters"
            || traceEvent.PayloadValue(0) is not IDictionary<string, object> counter
            || !counter.TryGetValue("Payload", out var fields)
            || fields is not IDictionary<string, object> payload
            || !payload.TryGetValue("Name", out var name)
            || name as string != CounterName)
        {
            return;
        }

        Interlocked.Exchange(ref latest, (long)Convert.ToDouble(payload["Mean"], System.Globalization.CultureInfo.InvariantCulture));
        Interlocked.Increment(ref samples);
    }
}
