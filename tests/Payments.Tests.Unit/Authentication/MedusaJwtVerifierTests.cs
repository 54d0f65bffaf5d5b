using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Payments.Api.Authentication;

namespace Payments.Tests.Unit.Authentication;

/// <summary>Issue 10, item 8 and issue 6: Medusa's tokens verified as its <c>jsonwebtoken</c> verifies them.</summary>
public sealed class MedusaJwtVerifierTests
{
    /// <summary>Medusa's starter <c>JWT_SECRET</c>: 11 bytes, which Microsoft.IdentityModel would refuse (IDX10720).</summary>
    private const string StarterSecret = "supersecret";

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 7, 12, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Now);

    [Fact]
    public void A_token_signed_with_medusas_eleven_byte_starter_secret_is_accepted()
    {
        var verdict = Verifier().Verify(TestJwts.Sign(Claims(), StarterSecret), "user");

        Assert.Equal(("user_01M86MRZEZC0PTTWRW2WHMXJ0E", null), (verdict.ActorId, verdict.Refusal));
    }

    [Fact]
    public void A_customer_token_names_the_customer()
    {
        var claims = TestJwts.Claims("cus_01M8R74BXXM086F8C8ZX1TBN3Q", "customer", Now.AddHours(-1));

        Assert.Equal("cus_01M8R74BXXM086F8C8ZX1TBN3Q", Verifier().Verify(TestJwts.Sign(claims, StarterSecret), "customer").ActorId);
    }

    public static TheoryData<string, Func<JsonObject, JsonObject>> ForgedClaims() => new()
    {
        { "nbf in the future", claims => With(claims, "nbf", Now.AddMinutes(5).ToUnixTimeSeconds()) },
        { "nbf as a string", claims => With(claims, "nbf", "0") },
        { "exp as a string", claims => With(claims, "exp", Now.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        { "exp missing", claims => Without(claims, "exp") },
        { "exp now", claims => With(claims, "exp", Now.ToUnixTimeSeconds()) },
        { "actor_type as an array", claims => With(claims, "actor_type", new JsonArray("user")) },
        { "actor_id as an array", claims => With(claims, "actor_id", new JsonArray("user_01M86MRZEZC0PTTWRW2WHMXJ0E")) },
        { "actor_id empty", claims => With(claims, "actor_id", "") },
        { "another actor type", claims => With(claims, "actor_type", "customer") },
    };

    [Theory]
    [MemberData(nameof(ForgedClaims))]
    public void A_token_with_claims_jsonwebtoken_refuses_is_refused(string forgery, Func<JsonObject, JsonObject> forge)
    {
        var verdict = Verifier().Verify(TestJwts.Sign(forge(Claims()), StarterSecret), "user");

        Assert.True(verdict.ActorId is null, forgery);
        Assert.False(string.IsNullOrEmpty(verdict.Refusal));
    }

    public static TheoryData<string, string> ForgedHeaders() => new()
    {
        { "an unknown critical header", """{"alg":"HS256","typ":"JWT","crit":["exp"],"exp":1}""" },
        { "alg none", """{"alg":"none","typ":"JWT"}""" },
        { "HS512", """{"alg":"HS512","typ":"JWT"}""" },
        { "alg as an array", """{"alg":["HS256"],"typ":"JWT"}""" },
    };

    [Theory]
    [MemberData(nameof(ForgedHeaders))]
    public void A_token_with_a_header_jsonwebtoken_refuses_is_refused(string forgery, string header)
    {
        var verdict = Verifier().Verify(TestJwts.Sign(Claims(), StarterSecret, (JsonObject)JsonNode.Parse(header)!), "user");

        Assert.True(verdict.ActorId is null, forgery);
    }

    [Theory]
    [InlineData("not.a.token")]
    [InlineData("a.b")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJ9.")]
    [InlineData("")]
    public void Malformed_tokens_are_refused_with_a_reason(string token)
    {
        var verdict = Verifier().Verify(token, "user");

        Assert.Null(verdict.ActorId);
        Assert.NotNull(verdict.Refusal);
    }

    [Fact]
    public void A_token_signed_with_another_secret_is_refused()
    {
        var verdict = Verifier().Verify(TestJwts.Sign(Claims(), "another-secret"), "user");

        Assert.Equal("the signature does not match", verdict.Refusal);
    }

    [Fact]
    public void A_refusal_never_holds_the_token()
    {
        var token = TestJwts.Sign(With(Claims(), "exp", Now.AddHours(-1).ToUnixTimeSeconds()), StarterSecret);

        var verdict = Verifier().Verify(token, "user");

        Assert.DoesNotContain(token.Split('.')[1], verdict.Refusal!, StringComparison.Ordinal);
        Assert.StartsWith("the token expired at 2026-12-01T06:12:00", verdict.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_secret_every_token_is_refused()
    {
        var verifier = new MedusaJwtVerifier(Options.Create(new AdminAuthOptions()), clock);

        Assert.Null(verifier.Verify(TestJwts.Sign(Claims(), StarterSecret), "user").ActorId);
    }

    private MedusaJwtVerifier Verifier() => new(Options.Create(new AdminAuthOptions { JwtSecret = StarterSecret }), clock);

    private static JsonObject Claims() => TestJwts.Claims("user_01M86MRZEZC0PTTWRW2WHMXJ0E", "user", Now.AddHours(-1));

    private static JsonObject With(JsonObject claims, string name, JsonNode value)
    {
        claims[name] = value;
        return claims;
    }

    private static JsonObject Without(JsonObject claims, string name)
    {
        claims.Remove(name);
        return claims;
    }
}
