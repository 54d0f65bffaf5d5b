using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Payments.LocalHost;
using Payments.Storage.Seed;

namespace Payments.Benchmarks.Http;

/// <summary>
/// Payments.LocalHost on a free loopback port, on tables of its own in the given Azurite, loaded with the demo
/// seed, and a client for the two store routes that session initialisation needs.
/// </summary>
internal sealed class LocalApi : IAsyncDisposable
{
    /// <summary>The demo seed's storefront key and US region (seed/demo.json).</summary>
    private const string PublishableKey = "pk_5966fcf7a1912f89713aa15794e3eacdb13151e9b63e082d1c3f40197259c3f7";
    private const string UsRegion = "reg_01M86MS8BED8EMEBD97SXGGNCP";

    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json");

    private readonly WebApplication app;
    private readonly HttpClient client;
    private int carts;

    private LocalApi(WebApplication app, HttpClient client)
    {
        this.app = app;
        this.client = client;
    }

    public static async Task<LocalApi> StartAsync(string tablesConnection)
    {
        var app = LocalFunctionsHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--PaymentsStorage:ConnectionString", tablesConnection,
            "--PaymentsStorage:TablePrefix", "bench" + Guid.NewGuid().ToString("N")[..12],
            "--AdminAuth:JwtSecret", "benchmark-jwt-secret-of-at-least-32-bytes",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.Services.GetRequiredService<SeedFileLoader>()
            .LoadFileAsync(Path.Combine(RepositoryRoot(), "seed", "demo.json"), CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("x-publishable-api-key", PublishableKey);
        return new LocalApi(app, client);
    }

    /// <summary>The payment collection of a fresh open cart (usd 50).</summary>
    public async Task<string> NewCollectionAsync()
    {
        var cartId = $"cart_bench{Interlocked.Increment(ref carts):D6}";
        var seed = new { carts = new[] { new { id = cartId, region_id = UsRegion, currency_code = "usd", total = 50, completed_at = (string?)null } } };
        await app.Services.GetRequiredService<SeedFileLoader>()
            .LoadAsync(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(seed)), CancellationToken.None);
        var (status, body) = await PostAsync("/store/payment-collections", Encoding.UTF8.GetBytes($$"""{"cart_id":"{{cartId}}"}"""));
        EnsureOk(status, body);
        return JsonElement.Parse(body).GetProperty("payment_collection").GetProperty("id").GetString()!;
    }

    public Task<(int Status, byte[] Body)> InitializeSessionAsync(string collectionId, byte[] json) =>
        PostAsync($"/store/payment-collections/{collectionId}/payment-sessions", json);

    /// <summary>The id of the one session in a session-initialisation response.</summary>
    public static string SessionIdOf(byte[] body) =>
        JsonElement.Parse(body).GetProperty("payment_collection").GetProperty("payment_sessions")[0].GetProperty("id").GetString()!;

    public static void EnsureOk(int status, byte[] body)
    {
        if (status != 200)
        {
            throw new InvalidOperationException($"The API answered {status}: {Encoding.UTF8.GetString(body)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<(int Status, byte[] Body)> PostAsync(string path, byte[] json)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = Json;
        using var response = await client.PostAsync(path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Payments.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Payments.Functions.sln above {AppContext.BaseDirectory}.");
    }
}
