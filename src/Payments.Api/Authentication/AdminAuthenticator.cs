using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Api.Errors;
using Payments.Domain.Ports;

namespace Payments.Api.Authentication;

/// <summary>
/// Admin credentials (spec §2.2): a Bearer HS256 JWT issued by the commerce backend, or HTTP Basic with a
/// secret API key, as Medusa's JS SDK sends them. Returns the actor id recorded as <c>created_by</c>. Every refusal
/// is logged with its reason, never with the credential.
/// </summary>
public sealed partial class AdminAuthenticator(
    MedusaJwtVerifier jwts,
    ApiKeyVerdicts verdicts,
    TimeProvider clock,
    ILogger<AdminAuthenticator> logger)
{
    public const string ActorType = "user";

    private const string SecretKeyAsBearerMessage =
        "A secret API key was passed as a Bearer token. Secret API keys must be sent using HTTP Basic authentication instead (Authorization: Basic <secret-api-key>).";

    /// <summary>The actor id; throws <see cref="AdminUnauthorizedException"/> for anything else.</summary>
    public async Task<string> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) || header.Parameter is not { } credentials)
        {
            throw Refused("no Bearer or Basic credentials");
        }

        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            if (credentials.StartsWith(CredentialPlausibility.SecretKeyPrefix, StringComparison.Ordinal))
            {
                throw Refused("a secret API key sent as a Bearer token", SecretKeyAsBearerMessage);
            }

            var verdict = jwts.Verify(credentials, ActorType);
            return verdict.ActorId ?? throw Refused("JWT: " + verdict.Refusal);
        }

        return header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            ? await ActorOfSecretKeyAsync(credentials, cancellationToken)
            : throw Refused($"the scheme {header.Scheme} is not Bearer or Basic");
    }

    /// <summary>Basic credentials are <c>base64("&lt;token&gt;:")</c>: the secret key is the user name.</summary>
    private async Task<string> ActorOfSecretKeyAsync(string credentials, CancellationToken cancellationToken)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials));
        }
        catch (FormatException)
        {
            throw Refused("Basic credentials that are not base64");
        }

        var token = decoded.Split(':', 2)[0];
        if (!CredentialPlausibility.IsPlausibleApiKey(token, CredentialPlausibility.SecretKeyPrefix))
        {
            throw Refused("Basic credentials that cannot be a secret API key (prefix, length or characters)");
        }

        var key = await verdicts.FindAsync(token, cancellationToken);
        return key switch
        {
            null => throw Refused("an unknown secret API key"),
            { Type: not ApiKeyType.Secret } => throw Refused("an API key that is not a secret key"),
            _ when !key.IsActiveAt(clock.GetUtcNow()) => throw Refused($"the revoked secret API key {key.Id}"),
            _ => key.Id,
        };
    }

    private AdminUnauthorizedException Refused(string reason, string message = AdminUnauthorizedException.DefaultMessage)
    {
        LogRefused(logger, reason);
        return new AdminUnauthorizedException(message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin credentials refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
