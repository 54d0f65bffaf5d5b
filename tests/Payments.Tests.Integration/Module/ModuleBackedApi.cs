using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Payments.Tests.Integration.Backend;
using Payments.Tests.Integration.Http;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace Payments.Tests.Integration.Module;

/// <summary>
/// The local host in module mode (backend mode with <c>CommerceBackend:ModuleApiKey</c>) beside the stand-in Medusa,
/// which also plays the plugin's event route: it records every event delivered, answers
/// <c>payment_collection.created</c> with the collection the test says the cart has (by default the one created), and
/// fails on demand.
/// </summary>
public sealed class ModuleBackedApi : IAsyncDisposable
{
    public const string ModuleKey = "module-key-of-the-integration-tests-0123456789abcdef";
    public const string EventRoute = "/hooks/payments-functions";

    private string? cartCollectionId;
    private string? cartTotal;
    private int eventStatus = 200;

    private ModuleBackedApi(MedusaStandIn medusa, ApiHost api)
    {
        Medusa = medusa;
        Api = api;
        medusa.Server.Given(Request.Create().WithPath(EventRoute).UsingPost()).AtPriority(1).RespondWith(Response.Create().WithCallback(AnswerEvent));
    }

    public MedusaStandIn Medusa { get; }

    public ApiHost Api { get; }

    /// <summary>The events delivered so far, in order: the raw body and the signature header as they arrived.</summary>
    public IReadOnlyList<(string Body, string Signature)> Events =>
    [
        .. Medusa.Server.LogEntries
            .Where(entry => entry.RequestMessage.Path == EventRoute)
            .OrderBy(entry => entry.RequestMessage.DateTime)
            .Select(entry => (entry.RequestMessage.Body!, entry.RequestMessage.Headers!["x-payments-functions-signature"].Single())),
    ];

    public static async Task<ModuleBackedApi> StartAsync(string tablesConnection, Action<IServiceCollection>? configureServices = null, string moduleKey = ModuleKey)
    {
        var medusa = new MedusaStandIn();
        using (var warmUp = new HttpClient { BaseAddress = medusa.Url })
        {
            await warmUp.GetAsync("/store/regions");
        }

        var api = await ApiHost.StartAsync(
            tablesConnection,
            configureServices,
            [
                "--CommerceBackend:Url", medusa.Url.ToString(),
                "--CommerceBackend:SecretKey", MedusaStandIn.SecretKey,
                "--CommerceBackend:PublishableKey", MedusaStandIn.PublishableKey,
                "--CommerceBackend:ModuleApiKey", moduleKey,
                "--AdminAuth:JwtSecret", MedusaStandIn.JwtSecret,
            ]);
        return new ModuleBackedApi(medusa, api);
    }

    /// <summary>An admin's Bearer token of the stand-in Medusa.</summary>
    public static string Admin => "Bearer " + AdminTokens.Create(ApiHost.AdminUser, "user", DateTime.UtcNow.AddHours(24), MedusaStandIn.JwtSecret);

    /// <summary>A cart of the stand-in, with <paramref name="collectionId"/> as its payment collection in Medusa's link.</summary>
    public string NewCart(decimal total = 25m, string? collectionId = null, string? completedAt = null)
    {
        var id = $"cart_{Guid.NewGuid():N}";
        var body = MedusaStandIn.Recorded("01-store-cart-get").Body;
        var cart = body["cart"]!;
        (cart["id"], cart["total"], cart["completed_at"]) = (id, total, completedAt);
        cart["payment_collection"] = collectionId is null ? null : new JsonObject { ["id"] = collectionId };
        Medusa.Answer(MedusaStandIn.Store("/store/carts/" + id), 200, body);
        return id;
    }

    /// <summary>A collection the module creates for <paramref name="amount"/> (a JSON amount in any of Medusa's forms).</summary>
    public async Task<string> NewCollectionAsync(string amount = "25")
    {
        var created = await ModuleAsync(HttpMethod.Post, "/module/payment-collections", $$"""{"payment_collections":[{"currency_code":"usd","amount":{{amount}}}]}""");
        Assert.Equal(200, created.Status);
        return created.Json.GetProperty("payment_collections")[0].GetProperty("id").GetString()!;
    }

    /// <summary>A session the module creates for the collection, as Medusa's createPaymentSessionsWorkflow asks.</summary>
    public async Task<string> NewSessionAsync(string collectionId, string context = "{}")
    {
        var created = await ModuleAsync(
            HttpMethod.Post,
            $"/module/payment-collections/{collectionId}/payment-sessions",
            $$$"""{"provider_id":"pp_system_default","currency_code":"usd","amount":25,"data":{},"context":{{{context}}},"metadata":{}}""");
        Assert.True(created.Status == 200, created.Body);
        return created.Json.GetProperty("payment_session").GetProperty("id").GetString()!;
    }

    /// <summary>Authorizes a session as Medusa's cart completion does; the payment id.</summary>
    public async Task<string> AuthorizeAsync(string sessionId)
    {
        var authorized = await ModuleAsync(HttpMethod.Post, $"/module/payment-sessions/{sessionId}/authorize", """{"context":{}}""");
        Assert.True(authorized.Status == 200, authorized.Body);
        return authorized.Json.GetProperty("payment").GetProperty("id").GetString()!;
    }

    /// <summary><c>POST /module/query/{entity}</c>; the rows answered.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string entity, string filters, string relations = "[]", string more = "")
    {
        var answer = await ModuleAsync(HttpMethod.Post, $"/module/query/{entity}", $$$"""{"filters":{{{filters}}},"relations":{{{relations}}},"count":true{{{more}}}}""");
        Assert.True(answer.Status == 200, answer.Body);
        return [.. answer.Json.GetProperty("data").EnumerateArray().Select(row => row.Clone())];
    }

    /// <summary>The events of <paramref name="type"/> delivered so far, their envelopes parsed.</summary>
    public IReadOnlyList<JsonNode> EventsOf(string type) =>
        [.. Events.Select(delivered => JsonNode.Parse(delivered.Body)!).Where(envelope => (string)envelope["type"]! == type)];

    /// <summary>From now on the cart's collection in Medusa is <paramref name="collectionId"/> (null: the one the event names).</summary>
    public void CartHasCollection(string? collectionId) => cartCollectionId = collectionId;

    /// <summary>From now on the plugin answers <paramref name="rawTotal"/> as the cart's exact total (its raw_total value).</summary>
    public void CartTotalIs(string rawTotal) => cartTotal = rawTotal;

    /// <summary>From now on the event route answers <paramref name="status"/>.</summary>
    public void EventsAnswer(int status) => eventStatus = status;

    /// <summary>A call of the module: the module key as a Bearer token unless told otherwise, and its Idempotency-Key.</summary>
    public Task<ApiResponse> ModuleAsync(HttpMethod method, string path, string? json = null, string? authorization = "Bearer " + ModuleKey, string? idempotencyKey = null) =>
        Api.SendAsync(method, path, json, publishableKey: null, json is null ? null : "application/json", request =>
        {
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }
        });

    /// <summary>Whether <paramref name="signature"/> signs <paramref name="body"/> as the plugin checks it: HMAC-SHA256 of "t.body", within 300 s.</summary>
    public static bool IsSignedWith(string key, string signature, string body)
    {
        var parts = signature.Split(',').Select(part => part.Split('=', 2)).ToDictionary(part => part[0], part => part[1]);
        var timestamp = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        return Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) <= 300
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["v1"]));
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Medusa.Dispose();
    }

    private ResponseMessage AnswerEvent(IRequestMessage request)
    {
        var envelope = JsonNode.Parse(request.Body!)!;
        var answer = (string)envelope["type"]! == "payment_collection.created"
            ? new JsonObject
            {
                ["payment_collection_id"] = cartCollectionId ?? (string)envelope["data"]!["payment_collection_id"]!,
                ["cart_total"] = cartTotal is null ? null : new JsonObject { ["value"] = cartTotal, ["precision"] = 20 },
            }
            : new JsonObject { ["handled"] = true };
        var body = eventStatus == 200 ? answer.ToJsonString() : """{"type":"unexpected_state","message":"down"}""";
        return new ResponseMessage
        {
            StatusCode = eventStatus,
            Headers = new Dictionary<string, WireMockList<string>> { ["content-type"] = new("application/json") },
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
        };
    }
}
