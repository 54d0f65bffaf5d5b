using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Payments.LocalHost;
using Payments.Storage.Seed;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Http;

/// <summary>
/// The local Functions host on a free loopback port over real HTTP, on its own tables in Azurite, loaded with
/// the demo seed (the conformance fixture of spec §1.2). Every host captures its logs and, when disposed, fails if
/// a secret reached them; every host's table client carries <see cref="StorageFaults"/> (inactive until a test
/// injects a fault).
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string PublishableKey = "pk_5966fcf7a1912f89713aa15794e3eacdb13151e9b63e082d1c3f40197259c3f7";
    public const string RevokedPublishableKey = "pk_192238368c17f0d1793522fe7141ba25c34dc1259e037126ebc24bbfed690ada";
    public const string UsRegion = "reg_01M86MS8BED8EMEBD97SXGGNCP";
    public const string EuRegion = "reg_01M86MS8CZAH89THJEMK7FZ3WZ";
    public const string JwtSecret = "integration-tests-jwt-secret-of-at-least-32-bytes";
    public const string SecretKey = "sk_demo_3f9a2c7e1b5d4086a9c3e7f1b2d5a8c4";
    public const string SecretKeyId = "apk_01M86MRZV2B9C5X7K4M1P8R6TD";
    public const string AdminUser = "user_01M86MRZEZC0PTTWRW2WHMXJ0E";
    public const string DemoOrder = "order_01M86MSZ3Q5W6N8P9R2T4V6X8Y";

    private readonly WebApplication app;
    private int cartCounter;

    private ApiHost(WebApplication app, HttpClient client, CapturedLogs logs, StorageFaults faults)
    {
        this.app = app;
        Client = client;
        Logs = logs;
        StorageFaults = faults;
    }

    public HttpClient Client { get; }

    /// <summary>Everything the host logged at Information and above.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>Faults to inject into the host's Table Storage requests.</summary>
    public StorageFaults StorageFaults { get; }

    /// <summary>What the logs must never contain: the host's credentials and keys (patterns catch tokens, Stripe keys and e-mail addresses).</summary>
    public static IReadOnlyList<string> Secrets { get; } = [SecretKey, JwtSecret, PublishableKey, RevokedPublishableKey];

    public IServiceProvider Services => app.Services;

    /// <param name="extraArgs">More command-line configuration, e.g. <c>--Cors:StoreOrigins</c>.</param>
    public static async Task<ApiHost> StartAsync(string tablesConnection, Action<IServiceCollection>? configureServices = null, string[]? extraArgs = null)
    {
        var logs = new CapturedLogs();
        var faults = new StorageFaults();
        var app = LocalFunctionsHost.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--PaymentsStorage:ConnectionString", tablesConnection,
                "--PaymentsStorage:TablePrefix", AzuriteFixture.NewTablePrefix(),
                "--AdminAuth:JwtSecret", JwtSecret,
                "--Logging:LogLevel:Default", "Warning",
                .. extraArgs ?? [],
            ],
            services =>
            {
                logs.AddTo(services);
                faults.AddTo(services);
                configureServices?.Invoke(services);
            });
        await app.Services.GetRequiredService<SeedFileLoader>()
            .LoadFileAsync(Path.Combine(AzuriteFixture.RepositoryRoot(), "seed", "demo.json"), CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiHost(app, new HttpClient { BaseAddress = new Uri(address) }, logs, faults);
    }

    /// <summary>
    /// The host in backend mode (spec §1.2): <c>CommerceBackend:Url</c> points at <paramref name="backend"/>, so carts,
    /// regions, orders, customers and keys come from there. <paramref name="totalTimeout"/> bounds a backend read with
    /// its retries (a third of it per attempt), so a failure test need not wait the production 6 s.
    /// </summary>
    public static Task<ApiHost> StartBackedAsync(
        string tablesConnection,
        Uri backend,
        string secretKey,
        string jwtSecret,
        Action<IServiceCollection>? configureServices = null,
        TimeSpan? totalTimeout = null) =>
        StartAsync(
            tablesConnection,
            configureServices,
            [
                "--CommerceBackend:Url", backend.ToString(),
                "--CommerceBackend:SecretKey", secretKey,
                "--CommerceBackend:AttemptTimeout", ((totalTimeout ?? TimeSpan.FromSeconds(6)) / 3).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                "--CommerceBackend:TotalTimeout", (totalTimeout ?? TimeSpan.FromSeconds(6)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                "--AdminAuth:JwtSecret", jwtSecret,
            ]);

    /// <summary>Seeds records (seed-file JSON with arrays <c>carts</c>, <c>regions</c>, …) into this host's tables.</summary>
    public Task SeedAsync(object seed) =>
        app.Services.GetRequiredService<SeedFileLoader>()
            .LoadAsync(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(seed)), CancellationToken.None);

    /// <summary>A fresh open cart, so each test has a collection of its own.</summary>
    public async Task<string> NewCartAsync(decimal total = 50m, string currency = "usd", string region = UsRegion, string? completedAt = null)
    {
        var id = $"cart_test{Interlocked.Increment(ref cartCounter)}_{Guid.NewGuid():N}";
        await SeedAsync(new { carts = new[] { new { id, region_id = region, currency_code = currency, total, completed_at = completedAt } } });
        return id;
    }

    public Task<ApiResponse> PostAsync(string path, string? json, string? publishableKey = PublishableKey, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, json, publishableKey, contentType);

    public Task<ApiResponse> GetAsync(string path, string? publishableKey = PublishableKey) =>
        SendAsync(HttpMethod.Get, path, json: null, publishableKey, contentType: null);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? json, string? publishableKey, string? contentType, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        if (publishableKey is not null)
        {
            request.Headers.Add("x-publishable-api-key", publishableKey);
        }

        configure?.Invoke(request);
        using var response = await Client.SendAsync(request);
        return new ApiResponse(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsStringAsync(),
            response.Headers.ToDictionary(header => header.Key, header => string.Join(",", header.Value), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A request to an admin route, authenticated with <paramref name="authorization"/> (default: a valid admin JWT).</summary>
    /// <param name="idempotencyKey">Sent as <c>Idempotency-Key</c> when given.</param>
    public Task<ApiResponse> AdminAsync(HttpMethod method, string path, string? json = null, string? authorization = null, string? idempotencyKey = null) =>
        SendAsync(method, path, json, publishableKey: null, json is null ? null : "application/json", request =>
        {
            if ((authorization ?? "Bearer " + AdminTokens.Valid()) is { Length: > 0 } header)
            {
                request.Headers.TryAddWithoutValidation("Authorization", header);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }
        });

    /// <summary>Creates an admin collection for the demo order (spec §6.9) and returns its id.</summary>
    public async Task<string> NewOrderCollectionAsync(decimal amount)
    {
        var response = await AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{DemoOrder}}","amount":{{amount}}}""");
        Assert.Equal(200, response.Status);
        return response.Json.GetProperty("payment_collection").GetProperty("id").GetString()!;
    }

    /// <summary>Creates the payment collection of a fresh cart and returns its id.</summary>
    public async Task<string> NewCollectionAsync(decimal total = 50m, string currency = "usd", string region = UsRegion)
    {
        var cart = await NewCartAsync(total, currency, region);
        var response = await PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");
        Assert.Equal(200, response.Status);
        return response.Json.GetProperty("payment_collection").GetProperty("id").GetString()!;
    }

    /// <summary>The base address, for clients other than <see cref="Client"/>.</summary>
    public Uri BaseAddress => Client.BaseAddress!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        var leaks = Logs.Leaks(Secrets);
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException($"{leaks.Count} log entries hold a secret, for example:\n{leaks[0]}");
        }
    }
}

/// <summary>An HTTP response as the tests read it.</summary>
public sealed record ApiResponse(int Status, string? ContentType, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The keys of a JSON object in the order they were sent.</summary>
    public static IReadOnlyList<string> KeysOf(JsonElement element) => [.. element.EnumerateObject().Select(property => property.Name)];
}
