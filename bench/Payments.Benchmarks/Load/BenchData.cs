using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Payments.Benchmarks.Load;

/// <summary>A payment collection the load test created through the API, and the cart it belongs to.</summary>
internal sealed record BenchCollection(string Id, string CartId);

/// <summary>The load test's own data: the host's demo seed plus open carts, and a collection per cart.</summary>
internal static class BenchData
{
    /// <summary>
    /// Writes the demo seed of the host's checkout (so the records match the build being measured) with
    /// <paramref name="carts"/> open carts of usd 50 added; returns the file and the cart ids.
    /// </summary>
    public static async Task<(string SeedFile, IReadOnlyList<string> CartIds)> WriteSeedAsync(string hostRepository, string directory, int carts)
    {
        var seed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(hostRepository, "seed", "demo.json")))!.AsObject();
        var cartIds = Enumerable.Range(0, carts).Select(index => $"cart_load{index:D4}").ToList();
        var seeded = seed["carts"]!.AsArray();
        foreach (var id in cartIds)
        {
            seeded.Add(new JsonObject
            {
                ["id"] = id,
                ["region_id"] = "reg_01M86MS8BED8EMEBD97SXGGNCP",
                ["currency_code"] = "usd",
                ["total"] = 50,
                ["completed_at"] = null,
            });
        }

        var file = Path.Combine(directory, "seed.json");
        await File.WriteAllTextAsync(file, seed.ToJsonString());
        return (file, cartIds);
    }

    /// <summary>A collection for each cart, <paramref name="parallel"/> at a time.</summary>
    public static async Task<IReadOnlyList<BenchCollection>> CreateCollectionsAsync(HttpClient client, IReadOnlyList<string> cartIds, int parallel = 1)
    {
        var collections = new BenchCollection[cartIds.Count];
        await Parallel.ForAsync(0, cartIds.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (index, _) =>
        {
            var body = SessionRoute.EnsureOk(
                await SessionRoute.PostAsync(client, "/store/payment-collections", Encoding.UTF8.GetBytes($$"""{"cart_id":"{{cartIds[index]}}"}""")),
                $"creating the collection of {cartIds[index]}");
            collections[index] = new BenchCollection(JsonElement.Parse(body).GetProperty("payment_collection").GetProperty("id").GetString()!, cartIds[index]);
        });
        return collections;
    }
}
