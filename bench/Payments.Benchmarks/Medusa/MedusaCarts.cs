using System.Text;
using System.Text.Json;
using Payments.Benchmarks.Load;

namespace Payments.Benchmarks.Medusa;

/// <summary>Carts as a storefront fills them at Medusa: one with the seeded variant (25 USD), in the seeded region and sales channel.</summary>
internal static class MedusaCarts
{
    /// <summary>How many requests setting up a routing sends at a time.</summary>
    public const int AtATime = 8;

    /// <param name="medusa">A client of Medusa's store API with the catalog's publishable key.</param>
    public static async Task<IReadOnlyList<string>> CreateAsync(HttpClient medusa, MedusaCatalog catalog, int count)
    {
        var carts = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = AtATime }, async (index, _) =>
        {
            var cart = new
            {
                region_id = catalog.RegionId,
                sales_channel_id = catalog.SalesChannelId,
                email = $"bench{index}@payments-functions.test",
                items = new[] { new { variant_id = catalog.VariantId, quantity = 1 } },
            };
            var created = SessionRoute.EnsureOk(await SessionRoute.PostAsync(medusa, "/store/carts", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(cart))), "creating a cart");
            carts[index] = JsonElement.Parse(created).GetProperty("cart").GetProperty("id").GetString()!;
        });
        return carts;
    }
}
