using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Payments.Api.Errors;
using Payments.Domain.Ports;

namespace Payments.Api.Authentication;

/// <summary>
/// Admin credentials (spec §2.2): a Bearer HS256 JWT issued by the commerce backend, or HTTP Basic with a
/// secret API key, as Medusa's JS SDK sends them. Returns the actor id recorded as <c>created_by</c>.
/// </summary>
public sealed class AdminAuthenticator
{
    private const string SecretKeyAsBearerMessage =
        "A secret API key was passed as a Bearer token. Secret API keys must be sent using HTTP Basic authentication instead (Authorization: Basic <secret-api-key>).";

    private readonly IApiKeyCatalog apiKeys;
    private readonly TimeProvider clock;
    private readonly JsonWebTokenHandler tokens = new();
    private readonly TokenValidationParameters? jwtValidation;

    public AdminAuthenticator(IApiKeyCatalog apiKeys, IOptions<AdminAuthOptions> options, TimeProvider clock)
    {
        this.apiKeys = apiKeys;
        this.clock = clock;
        if (options.Value.JwtSecret is { Length: > 0 } secret)
        {
            jwtValidation = new TokenValidationParameters
            {
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ValidateIssuer = false,
                ValidateAudience = false,
                RequireExpirationTime = true,
                LifetimeValidator = (_, expires, _, _) => expires is { } expiry && expiry > clock.GetUtcNow().UtcDateTime,
            };
        }
    }

    /// <summary>The actor id; throws <see cref="AdminUnauthorizedException"/> for anything else.</summary>
    public async Task<string> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) || header.Parameter is not { } credentials)
        {
            throw new AdminUnauthorizedException();
        }

        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return credentials.StartsWith("sk_", StringComparison.Ordinal)
                ? throw new AdminUnauthorizedException(SecretKeyAsBearerMessage)
                : await ActorOfJwtAsync(credentials) ?? throw new AdminUnauthorizedException();
        }

        return header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            ? await ActorOfSecretKeyAsync(credentials, cancellationToken) ?? throw new AdminUnauthorizedException()
            : throw new AdminUnauthorizedException();
    }

    private async Task<string?> ActorOfJwtAsync(string token)
    {
        if (jwtValidation is null)
        {
            return null;
        }

        var result = await tokens.ValidateTokenAsync(token, jwtValidation);
        return result.IsValid
            && result.Claims.TryGetValue("actor_type", out var actorType) && actorType as string == "user"
            && result.Claims.TryGetValue("actor_id", out var actorId) && actorId is string { Length: > 0 } actor
                ? actor
                : null;
    }

    /// <summary>Basic credentials are <c>base64("&lt;token&gt;:")</c>: the secret key is the user name.</summary>
    private async Task<string?> ActorOfSecretKeyAsync(string credentials, CancellationToken cancellationToken)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials));
        }
        catch (FormatException)
        {
            return null;
        }

        var token = decoded.Split(':', 2)[0];
        if (token.Length == 0)
        {
            return null;
        }

        var key = await apiKeys.FindByTokenAsync(token, cancellationToken);
        return key is { Type: ApiKeyType.Secret } && key.IsActiveAt(clock.GetUtcNow()) ? key.Id : null;
    }
}
