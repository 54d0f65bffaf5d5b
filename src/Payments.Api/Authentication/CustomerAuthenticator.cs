using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Domain.Ports;

namespace Payments.Api.Authentication;

/// <summary>
/// A logged-in shopper on a store route (spec §2.1, D8): <c>Authorization: Bearer &lt;customer JWT&gt;</c>. As in
/// Medusa, a missing, malformed, expired or foreign token makes the caller a guest rather than failing the request
/// (examples 22, 23); why a token was refused is logged, the token never.
/// </summary>
public sealed partial class CustomerAuthenticator(MedusaJwtVerifier jwts, ILogger<CustomerAuthenticator> logger)
{
    public const string ActorType = "customer";

    /// <summary>Customer ids are Medusa's <c>cus_</c> ids; anything else cannot name a customer (or a table key).</summary>
    private const int MaxCustomerIdLength = 64;

    /// <summary>The caller of a store route whose publishable key was validated: a guest, or the customer their token names.</summary>
    public Caller CallerOf(HttpRequest request, string publishableKey) => new(publishableKey, SignedIn(request));

    private SignedInCustomer? SignedIn(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return null;
        }

        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { } token)
        {
            return Guest("the Authorization header is not a Bearer token");
        }

        var verdict = jwts.Verify(token, ActorType);
        return verdict.ActorId switch
        {
            null => Guest(verdict.Refusal!),
            var customerId when !IsCustomerId(customerId) => Guest("actor_id is not a cus_ id"),
            var customerId => new SignedInCustomer(customerId, token),
        };
    }

    private static bool IsCustomerId(string id) =>
        id.Length <= MaxCustomerIdLength
        && id.StartsWith("cus_", StringComparison.Ordinal)
        && id.Length > "cus_".Length
        && id.All(character => char.IsAsciiLetterOrDigit(character) || character == '_');

    private SignedInCustomer? Guest(string reason)
    {
        LogGuest(logger, reason);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer token refused, the caller is a guest: {Reason}")]
    private static partial void LogGuest(ILogger logger, string reason);
}
