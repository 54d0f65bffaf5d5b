using System.Globalization;
using System.Text;

namespace Payments.Benchmarks.Load;

/// <summary>
/// One row: session initialisation with <see cref="Concurrency"/> callers, each request for the next of the first
/// <see cref="Collections"/> collections in turn, with the same body every time (the stored session is reused: no
/// write) or with <c>data</c> the session has not seen (a new session replaces it: a write).
/// </summary>
internal sealed record Scenario(string Name, int Collections, bool NewData, int Concurrency)
{
    private static readonly byte[] SameBodyWithData = Encoding.UTF8.GetBytes("""{"provider_id":"pp_system_default","data":{"note":"x"}}""");
    private static int dataCounter;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        .. Rows("same body, 64 collections", 64, newData: false),
        .. Rows("new data, 64 collections", 64, newData: true),
        .. Rows("one collection, new data", 1, newData: true),
    ];

    /// <summary>The body of every request when the data is not new.</summary>
    public byte[] SameBody { get; init; } = SameBodyWithData;

    /// <summary>The raw loop of a hot collection runs one request's operations one after another: one entity cannot take concurrent conditional writes.</summary>
    public int RawConcurrency => Collections == 1 ? 1 : Concurrency;

    public byte[] Body() => NewData
        ? Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$$"""{"provider_id":"pp_system_default","data":{"note":"{{{Interlocked.Increment(ref dataCounter)}}}"}}"""))
        : SameBody;

    /// <summary>The scenario's requests to <paramref name="client"/> for <paramref name="duration"/> or <paramref name="maxRequests"/>.</summary>
    public Task<Latencies> RunAsync(HttpClient client, IReadOnlyList<BenchCollection> targets, TimeSpan duration, int maxRequests) =>
        Latencies.MeasureAsync(Concurrency, duration, maxRequests, (_, sequence) => InitializeAsync(client, targets, sequence));

    /// <summary>The sessions each collection lists in answer to one more request of the scenario.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> SessionsAsync(HttpClient client, IReadOnlyList<BenchCollection> targets)
    {
        var sessions = new List<IReadOnlyList<string>>();
        foreach (var collection in targets)
        {
            var body = SessionRoute.EnsureOk(await SessionRoute.PostAsync(client, SessionRoute.SessionsPath(collection.Id), Body()), Name);
            sessions.Add(SessionRoute.SessionIdsOf(body));
        }

        return sessions;
    }

    /// <summary>Every collection lists exactly one session: the same as before the row for the same body, a new one for new data.</summary>
    public void EnsureHeld(IReadOnlyList<IReadOnlyList<string>> before, IReadOnlyList<IReadOnlyList<string>> after)
    {
        for (var index = 0; index < before.Count; index++)
        {
            if (after[index] is not [var session] || (session == before[index].Single()) == NewData)
            {
                throw new InvalidOperationException(
                    $"Row '{Name}', c={Concurrency} did not hold: sessions [{string.Join(", ", before[index])}] became [{string.Join(", ", after[index])}].");
            }
        }
    }

    /// <summary>Request number <paramref name="sequence"/>: for the next of the collections in turn.</summary>
    private async Task<int> InitializeAsync(HttpClient client, IReadOnlyList<BenchCollection> targets, int sequence) =>
        (await SessionRoute.PostAsync(client, SessionRoute.SessionsPath(targets[sequence % targets.Count].Id), Body())).Status;

    private static IEnumerable<Scenario> Rows(string name, int collections, bool newData) =>
        new[] { 1, 8, 32 }.Select(concurrency => new Scenario(name, collections, newData, concurrency));
}
