using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Payments.Domain.Configuration;

namespace Payments.Api.Authentication;

/// <summary>The actor a verified token names, or why the token was refused (safe to log: it never holds the token).</summary>
public readonly record struct JwtVerdict(string? ActorId, string? Refusal)
{
    public static JwtVerdict Refused(string reason) => new(null, reason);
}

/// <summary>
/// Verifies the commerce backend's HS256 tokens (admin users and customers) as Medusa's <c>jsonwebtoken</c> does,
/// with the secret the backend has whatever its length: Microsoft.IdentityModel refuses HMAC keys under 256 bits
/// (IDX10720), and Medusa's starter secret is 11 bytes, so the HMAC is computed here and compared in constant time.
/// Rules: three base64url parts; header <c>alg</c> HS256 and no <c>crit</c> (no extension is understood); a
/// valid signature; a JSON object payload whose <c>nbf</c>, when present, is a number not in the future and whose
/// <c>exp</c> is a number in the future (required here, as spec §2.2 says); <c>actor_type</c> the expected string
/// and <c>actor_id</c> a non-empty string (arrays and other types are refused, never flattened).
/// </summary>
public sealed class MedusaJwtVerifier
{
    private readonly string? configured;
    private readonly byte[]? secret;
    private readonly TimeProvider clock;

    public MedusaJwtVerifier(IOptions<AdminAuthOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        configured = options.Value.JwtSecret;
        secret = SecretSettings.StateOf(configured) == SecretState.Usable ? Encoding.UTF8.GetBytes(configured!) : null;
    }

    /// <exception cref="SecretSettingUnusableException">The JWT secret is an unresolved Key Vault reference: no token can be verified.</exception>
    public JwtVerdict Verify(string token, string actorType)
    {
        if (SecretSettings.UsableOrAbsent(configured, AdminAuthOptions.JwtSecretKey) is null)
        {
            return JwtVerdict.Refused("no JWT secret is configured (AdminAuth:JwtSecret)");
        }

        if (!CredentialPlausibility.IsPlausibleJwt(token) || token.Split('.') is not [var header, var payload, var signature] || signature.Length == 0)
        {
            return JwtVerdict.Refused("not a JWT: three base64url parts are expected");
        }

        if (Decode(header) is not { } headerJson || Decode(payload) is not { } payloadJson || !TryDecode(signature, out var signatureBytes))
        {
            return JwtVerdict.Refused("a part is not base64url-encoded JSON");
        }

        using (headerJson)
        using (payloadJson)
        {
            return HeaderRefusal(headerJson.RootElement)
                ?? (IsSigned(token[..(header.Length + 1 + payload.Length)], signatureBytes) ? (JwtVerdict?)null : JwtVerdict.Refused("the signature does not match"))
                ?? ClaimsVerdict(payloadJson.RootElement, actorType);
        }
    }

    private static JwtVerdict? HeaderRefusal(JsonElement header)
    {
        if (header.ValueKind != JsonValueKind.Object)
        {
            return JwtVerdict.Refused("the header is not a JSON object");
        }

        if (!header.TryGetProperty("alg", out var algorithm) || algorithm.ValueKind != JsonValueKind.String || algorithm.GetString() != "HS256")
        {
            return JwtVerdict.Refused("the algorithm is not HS256");
        }

        return header.TryGetProperty("crit", out _) ? JwtVerdict.Refused("critical header parameters are not supported") : null;
    }

    private bool IsSigned(string signedPart, byte[] signature) =>
        CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret!, Encoding.ASCII.GetBytes(signedPart)), signature);

    private JwtVerdict ClaimsVerdict(JsonElement claims, string actorType)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return JwtVerdict.Refused("the payload is not a JSON object");
        }

        // jsonwebtoken compares whole seconds: expired once now >= exp, not yet active while nbf > now.
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (claims.TryGetProperty("nbf", out var notBefore))
        {
            if (notBefore.ValueKind != JsonValueKind.Number)
            {
                return JwtVerdict.Refused("nbf is not a number");
            }

            if (notBefore.GetDouble() > now)
            {
                return JwtVerdict.Refused("the token is not active yet (nbf)");
            }
        }

        if (!claims.TryGetProperty("exp", out var expires) || expires.ValueKind != JsonValueKind.Number)
        {
            return JwtVerdict.Refused("exp is missing or not a number");
        }

        if (now >= expires.GetDouble())
        {
            return JwtVerdict.Refused("the token expired at " + DateTimeOffset.FromUnixTimeSeconds((long)expires.GetDouble()).ToString("O", CultureInfo.InvariantCulture));
        }

        if (!claims.TryGetProperty("actor_type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != actorType)
        {
            return JwtVerdict.Refused($"actor_type is not the string '{actorType}'");
        }

        return claims.TryGetProperty("actor_id", out var actor) && actor.ValueKind == JsonValueKind.String && actor.GetString() is { Length: > 0 } actorId
            ? new JwtVerdict(actorId, null)
            : JwtVerdict.Refused("actor_id is not a non-empty string");
    }

    private static JsonDocument? Decode(string part)
    {
        if (!TryDecode(part, out var bytes))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        bytes = [];
        if (!Base64Url.IsValid(part, out var length))
        {
            return false;
        }

        bytes = new byte[length];
        if (Base64Url.TryDecodeFromChars(part, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
