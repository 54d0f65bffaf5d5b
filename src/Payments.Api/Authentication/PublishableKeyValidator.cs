using Microsoft.AspNetCore.Http;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

namespace Payments.Api.Authentication;

/// <summary>
/// The <c>x-publishable-api-key</c> check of every store route (spec §2.1), with Medusa's exact messages. A token
/// that cannot be a publishable key is refused before any lookup; the others are looked up through
/// <see cref="ApiKeyVerdicts"/> (the tables, or the commerce backend in backend mode).
/// </summary>
public sealed class PublishableKeyValidator(ApiKeyVerdicts verdicts, TimeProvider clock)
{
    public const string HeaderName = "x-publishable-api-key";

    private const string MissingKeyMessage =
        "Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard.";

    private const string InvalidKeyMessage = "A valid publishable key is required to proceed with the request";

    /// <summary>Returns the caller's key token, or throws the Medusa error for a missing, unknown or revoked key.</summary>
    public async Task<string> ValidateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // A header sent twice arrives joined as "a, b", which is no key's token: Medusa answers it as unknown.
        var token = request.Headers[HeaderName].ToString();
        if (token.Length == 0)
        {
            throw MedusaException.NotAllowed(MissingKeyMessage);
        }

        if (!CredentialPlausibility.IsPlausibleApiKey(token, CredentialPlausibility.PublishableKeyPrefix)
            || await verdicts.FindAsync(token, cancellationToken) is not { Type: ApiKeyType.Publishable } key
            || !key.IsActiveAt(clock.GetUtcNow()))
        {
            throw MedusaException.NotAllowed(InvalidKeyMessage);
        }

        return token;
    }
}
