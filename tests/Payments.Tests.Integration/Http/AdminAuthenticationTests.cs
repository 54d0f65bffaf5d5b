namespace Payments.Tests.Integration.Http;

/// <summary>Spec §2.2, checklist items 15–20: admin credentials.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminAuthenticationTests(ApiFixture fixture)
{
    private const string Unauthorized = """{"message":"Unauthorized"}""";
    private const string Probe = "/admin/payments/pay_does_not_exist";

    private ApiHost Api => fixture.Host;

    public static TheoryData<string> RefusedCredentials() => new()
    {
        "",
        "Bearer " + AdminTokens.Create(ApiHost.AdminUser, "user", DateTime.UtcNow.AddHours(1), "another-secret-that-is-at-least-32-bytes-long"),
        "Bearer " + AdminTokens.Create(ApiHost.AdminUser, "user", DateTime.UtcNow.AddMinutes(-1), ApiHost.JwtSecret),
        "Bearer " + AdminTokens.Create(ApiHost.AdminUser, "customer", DateTime.UtcNow.AddHours(1), ApiHost.JwtSecret),
        "Bearer " + AdminTokens.Create("", "user", DateTime.UtcNow.AddHours(1), ApiHost.JwtSecret),
        "Bearer not-a-jwt",
        AdminTokens.Basic("sk_unknown_key"),
        AdminTokens.Basic(ApiHost.PublishableKey),
        "Basic !!!not-base64",
        "Digest abc",
    };

    [Theory]
    [MemberData(nameof(RefusedCredentials))]
    public async Task Anything_but_valid_admin_credentials_is_unauthorized(string authorization)
    {
        var response = await Api.AdminAsync(HttpMethod.Get, Probe, authorization: authorization);

        Assert.Equal((401, "application/json; charset=utf-8", Unauthorized), (response.Status, response.ContentType, response.Body));
    }

    [Fact]
    public async Task A_secret_key_sent_as_a_bearer_token_gets_medusas_hint()
    {
        var response = await Api.AdminAsync(HttpMethod.Get, Probe, authorization: "Bearer " + ApiHost.SecretKey);

        Assert.Equal(401, response.Status);
        Assert.Equal(
            """{"message":"A secret API key was passed as a Bearer token. Secret API keys must be sent using HTTP Basic authentication instead (Authorization: Basic <secret-api-key>)."}""",
            response.Body);
    }

    [Fact]
    public async Task A_valid_jwt_is_admitted()
    {
        var response = await Api.AdminAsync(HttpMethod.Get, Probe);

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task A_secret_key_over_basic_is_admitted()
    {
        var response = await Api.AdminAsync(HttpMethod.Get, Probe, authorization: AdminTokens.Basic(ApiHost.SecretKey));

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task A_revoked_secret_key_is_unauthorized()
    {
        const string revoked = "sk_revoked_0123456789abcdef0123456789abcdef";
        await Api.SeedAsync(new
        {
            api_keys = new[] { new { id = "apk_revoked", token = revoked, type = "secret", title = "Revoked", revoked_at = "2025-01-01T00:00:00.000Z" } },
        });

        var response = await Api.AdminAsync(HttpMethod.Get, Probe, authorization: AdminTokens.Basic(revoked));

        Assert.Equal((401, Unauthorized), (response.Status, response.Body));
    }

    [Fact]
    public async Task A_publishable_key_never_authorizes_admin_routes()
    {
        var response = await Api.SendAsync(HttpMethod.Get, Probe, json: null, ApiHost.PublishableKey, contentType: null);

        Assert.Equal((401, Unauthorized), (response.Status, response.Body));
    }
}
