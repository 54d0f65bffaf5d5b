using System.Text.Json.Nodes;
using Payments.Tests.Unit.Authentication;

namespace Payments.Tests.Integration.Http;

/// <summary>
/// Issue 10, item 8, over HTTP: admin JWTs that Medusa's <c>jsonwebtoken</c> refuses are refused here too (each was
/// admitted before), and a token signed with a backend secret shorter than 32 bytes is admitted (it was refused
/// silently).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ForgedAdminTokenTests(ApiFixture fixture)
{
    private const string Probe = "/admin/payments/pay_does_not_exist";

    public static TheoryData<string, string> ForgedTokens()
    {
        var now = DateTimeOffset.UtcNow;
        JsonObject Claims() => TestJwts.Claims(ApiHost.AdminUser, "user", now.AddMinutes(-1));
        JsonObject With(string name, JsonNode value)
        {
            var claims = Claims();
            claims[name] = value;
            return claims;
        }

        return new()
        {
            { "nbf in the future", TestJwts.Sign(With("nbf", now.AddHours(1).ToUnixTimeSeconds()), ApiHost.JwtSecret) },
            { "exp as a string", TestJwts.Sign(With("exp", now.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), ApiHost.JwtSecret) },
            { "actor_type as an array", TestJwts.Sign(With("actor_type", new JsonArray("user")), ApiHost.JwtSecret) },
            { "actor_id as an array", TestJwts.Sign(With("actor_id", new JsonArray(ApiHost.AdminUser)), ApiHost.JwtSecret) },
            { "an unknown crit header", TestJwts.Sign(Claims(), ApiHost.JwtSecret, new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["crit"] = new JsonArray("x-unknown"), ["x-unknown"] = 1 }) },
        };
    }

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task A_token_jsonwebtoken_refuses_is_unauthorized(string forgery, string token)
    {
        var response = await fixture.Host.AdminAsync(HttpMethod.Get, Probe, authorization: "Bearer " + token);

        Assert.True(response.Status == 401, $"{forgery}: {response.Status}");
        Assert.Equal("""{"message":"Unauthorized"}""", response.Body);
    }

    [Fact]
    public async Task A_token_signed_with_medusas_eleven_byte_starter_secret_is_admitted()
    {
        await using var api = await ApiHost.StartAsync(fixture.TablesConnection, extraArgs: ["--AdminAuth:JwtSecret", "supersecret"]);
        var token = TestJwts.Sign(TestJwts.Claims(ApiHost.AdminUser, "user", DateTimeOffset.UtcNow.AddMinutes(-1)), "supersecret");

        var response = await api.AdminAsync(HttpMethod.Get, Probe, authorization: "Bearer " + token);

        Assert.Equal(404, response.Status);
    }
}
