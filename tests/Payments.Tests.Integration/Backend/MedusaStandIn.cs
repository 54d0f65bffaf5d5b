using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Payments.Tests.Integration.Backend;

/// <summary>
/// A stand-in Medusa backend on a loopback port (WireMock.Net) that answers with what a real Medusa 2.21.2 answered
/// (<c>Recorded/</c>): the recorded cart, regions, order, customer and key checks, for the recorded keys only. Any
/// other publishable key is refused as Medusa refuses it (400 <c>not_allowed</c>), any other secret key with 401.
/// </summary>
public sealed class MedusaStandIn : IDisposable
{
    public const string PublishableKey = "pk_742824d9e9be4de34e60b6ac693dac0bdc3fb8dc717464f3033e8da485ebd9f0";
    public const string SecretKey = "sk_2b2aa39d917296d346eaa8de90e1133af69b777e2bdd435dcd6a8008a6259ce8";
    public const string CartId = "cart_01M8R747R0RKXVRHY6G8PRDFJ8";
    public const string UsRegion = "reg_01M8R6KHN9PKCPSVXG1NAZ5MR8";
    public const string EuRegion = "reg_01M8R6KHR8F6MSSRMVCPNX7J9Y";
    public const string OrderId = "order_01M8R74ACDQNQFKNF4DKMCYQ3K";
    public const string CustomerId = "cus_01M8R74BXXM086F8C8ZX1TBN3Q";

    /// <summary>17 bytes, like the recorded run's JWT_SECRET: shorter than HS256's recommended 32.</summary>
    public const string JwtSecret = "medusa-jwt-secret";

    private const int Fallback = 100;

    // A later answer for the same request wins: each one gets a higher priority (a lower number) than the last.
    private int nextPriority;

    private static readonly string RecordedFolder = Path.Combine(AppContext.BaseDirectory, "Backend", "Recorded");

    public MedusaStandIn()
    {
        Server = WireMockServer.Start();
        AnswerAsRecorded();
    }

    public WireMockServer Server { get; }

    public Uri Url => new(Server.Url!);

    /// <summary>The recorded answer of <paramref name="file"/> (e.g. <c>01-store-cart-get</c>): its status and body.</summary>
    public static (int Status, JsonNode Body) Recorded(string file)
    {
        var recording = JsonNode.Parse(File.ReadAllText(Path.Combine(RecordedFolder, file + ".json")))!;
        return ((int)recording["status"]!, recording["body"]!.DeepClone());
    }

    /// <summary>A cart of the recorded shape with another id and total, so each test has carts of its own.</summary>
    public string NewCart(decimal total = 50m, string region = UsRegion, string? completedAt = null, string key = PublishableKey)
    {
        var id = $"cart_{Guid.NewGuid():N}";
        AnswerCart(id, total, region, completedAt, key);
        return id;
    }

    public void AnswerCart(string id, decimal total, string region = UsRegion, string? completedAt = null, string key = PublishableKey)
    {
        var body = Recorded("01-store-cart-get").Body;
        var cart = body["cart"]!;
        cart["id"] = id;
        cart["total"] = total;
        cart["region_id"] = region;
        cart["completed_at"] = completedAt;
        Answer(Store("/store/carts/" + id, key), 200, body);
    }

    public void Answer(IRequestBuilder request, int status, JsonNode body, TimeSpan? delay = null) =>
        AnswerRaw(request, status, body.ToJsonString(), delay);

    public void AnswerRaw(IRequestBuilder request, int status, string body, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("content-type", "application/json; charset=utf-8").WithBody(body);
        Server.Given(request).AtPriority(Interlocked.Decrement(ref nextPriority)).RespondWith(delay is { } wait ? response.WithDelay(wait) : response);
    }

    /// <summary>A store GET of <paramref name="path"/> made with <paramref name="key"/>.</summary>
    public static IRequestBuilder Store(string path, string key = PublishableKey) =>
        Request.Create().WithPath(path).UsingGet().WithHeader("x-publishable-api-key", key);

    public static IRequestBuilder Admin(string path) =>
        Request.Create().WithPath(path).UsingGet().WithHeader("Authorization", Basic(SecretKey));

    public static string Basic(string secretKey) => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secretKey + ":"));

    /// <summary>The requests the backend received for <paramref name="path"/>.</summary>
    public int Received(string path) => Server.LogEntries.Count(entry => entry.RequestMessage.Path == path);

    public int ReceivedAll() => Server.LogEntries.Count();

    public void Dispose() => Server.Stop();

    private void AnswerAsRecorded()
    {
        Answer(Store("/store/regions"), 200, JsonNode.Parse("""{"regions":[{"id":"reg_01M8R6KHN9PKCPSVXG1NAZ5MR8"}],"count":2,"offset":0,"limit":1}""")!);
        AnswerRecorded(Store("/store/carts/" + CartId), "01-store-cart-get");
        AnswerRecorded(Store("/store/regions/" + UsRegion), "08-store-region-get");
        AnswerRecorded(Store("/store/regions/" + EuRegion), "09-store-region-get-no-providers");
        AnswerRecorded(Store("/store/customers/me").WithHeader("Authorization", "Bearer *"), "19-store-customer-me");
        AnswerRecorded(Admin("/admin/orders/" + OrderId), "13-admin-order-get-secret-key");
        AnswerRecorded(Admin("/admin/api-keys"), "17-admin-secret-key-self-check");

        // What Medusa answers for anything it does not have, or for credentials it does not accept.
        AnswerUnknown("/store/carts/*", "03-store-cart-get-unknown");
        AnswerUnknown("/store/regions/*", "10-store-region-get-unknown");
        AnswerUnknown("/admin/orders/*", "14-admin-order-get-unknown", admin: true);
        AnswerFallback(Request.Create().WithPath("/store/*").UsingGet(), Fallback, "05-store-cart-get-bad-key");
        AnswerFallback(Request.Create().WithPath("/admin/*").UsingGet(), Fallback, "15-admin-order-get-bad-secret");
    }

    private void AnswerRecorded(IRequestBuilder request, string file)
    {
        var (status, body) = Recorded(file);
        Answer(request, status, body);
    }

    private void AnswerUnknown(string pathPattern, string file, bool admin = false) =>
        AnswerFallback(admin ? Admin(pathPattern) : Store(pathPattern), Fallback - 1, file);

    private void AnswerFallback(IRequestBuilder request, int priority, string file)
    {
        var (status, body) = Recorded(file);
        Server.Given(request).AtPriority(priority)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("content-type", "application/json; charset=utf-8").WithBody(body.ToJsonString()));
    }
}
