using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Payments.Tests.Unit.Authentication;

/// <summary>
/// HS256 tokens as Medusa's <c>jsonwebtoken</c> signs them, built by hand so tests can sign with secrets of any
/// length (Microsoft.IdentityModel refuses short ones) and shape claims the way a forger would.
/// </summary>
public static class TestJwts
{
    public static string Sign(JsonObject payload, string secret, JsonObject? header = null)
    {
        var head = Encode(JsonSerializer.SerializeToUtf8Bytes(header ?? new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" }));
        var body = Encode(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{head}.{body}"));
        return $"{head}.{body}.{Encode(signature)}";
    }

    /// <summary>Medusa's claims (spec §2.2, example customer-jwt-claims.json) for an actor, valid for a day from <paramref name="issuedAt"/>.</summary>
    public static JsonObject Claims(string actorId, string actorType, DateTimeOffset issuedAt) => new()
    {
        ["actor_id"] = actorId,
        ["actor_type"] = actorType,
        ["auth_identity_id"] = "authid_01M8R74BWEW3EK2QYR5T3J3SW3",
        ["auth_provider"] = "emailpass",
        ["app_metadata"] = new JsonObject { [actorType == "customer" ? "customer_id" : "user_id"] = actorId },
        ["iat"] = issuedAt.ToUnixTimeSeconds(),
        ["exp"] = issuedAt.AddHours(24).ToUnixTimeSeconds(),
    };

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
