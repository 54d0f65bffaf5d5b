using System.Net.Http.Headers;
using System.Text.Json;

namespace Payments.Benchmarks.Load;

/// <summary>The store routes the load tests call, by default with the demo seed's storefront key (seed/demo.json).</summary>
internal static class SessionRoute
{
    public const string ProvidersPath = "/store/payment-providers?region_id=" + UsRegion;

    private const string PublishableKey = "pk_5966fcf7a1912f89713aa15794e3eacdb13151e9b63e082d1c3f40197259c3f7";
    private const string UsRegion = "reg_01M86MS8BED8EMEBD97SXGGNCP";

    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json");

    /// <summary>A client with a connection per concurrent caller, kept for the whole run, sending <paramref name="publishableKey"/> (by default the demo seed's).</summary>
    public static HttpClient NewClient(Uri baseAddress, string publishableKey = PublishableKey)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
            UseProxy = false,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("x-publishable-api-key", publishableKey);
        return client;
    }

    public static string SessionsPath(string collectionId) => $"/store/payment-collections/{collectionId}/payment-sessions";

    public static async Task<(int Status, byte[] Body)> PostAsync(HttpClient client, string path, byte[] json)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = Json;
        using var response = await client.PostAsync(path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The ids of the sessions a collection response lists.</summary>
    public static IReadOnlyList<string> SessionIdsOf(byte[] body) =>
        [.. JsonElement.Parse(body).GetProperty("payment_collection").GetProperty("payment_sessions").EnumerateArray()
            .Select(session => session.GetProperty("id").GetString()!)];

    public static byte[] EnsureOk((int Status, byte[] Body) response, string what) =>
        response.Status == 200
            ? response.Body
            : throw new InvalidOperationException($"{what}: the API answered {response.Status}: {System.Text.Encoding.UTF8.GetString(response.Body)}");
}
