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
    private static readonly byte[] SameBody = Encoding.UTF8.GetBytes("""{"provider_id":"pp_system_default","data":{"note":"x"}}""");
    private static int dataCounter;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        .. Rows("same body, 64 collections", 64, newData: false),
        .. Rows("new data, 64 collections", 64, newData: true),
        .. Rows("one collection, new data", 1, newData: true),
    ];

    /// <summary>The raw loop of a hot collection runs one request's operations one after another: one entity cannot take concurrent conditional writes.</summary>
    public int RawConcurrency => Collections == 1 ? 1 : Concurrency;

    public byte[] Body() => NewData
        ? Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$$"""{"provider_id":"pp_system_default","data":{"note":"{{{Interlocked.Increment(ref dataCounter)}}}"}}"""))
        : SameBody;

    private static IEnumerable<Scenario> Rows(string name, int collections, bool newData) =>
        new[] { 1, 8, 32 }.Select(concurrency => new Scenario(name, collections, newData, concurrency));
}
