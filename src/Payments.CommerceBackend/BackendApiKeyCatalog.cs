using System.Net;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;

namespace Payments.CommerceBackend;

/// <summary>
/// API keys as the backend judges them, by a cheap call made with the key itself: a publishable key reads
/// <c>GET /store/regions?limit=1&amp;fields=id</c> (400 <c>not_allowed</c>: unknown or revoked), a secret key
/// <c>GET /admin/api-keys?limit=1&amp;fields=id</c> as Basic auth (401: unknown or revoked). The verdicts are cached a
/// few seconds by the caller (ApiKeyVerdicts), so a revocation at the backend shows within that.
/// </summary>
internal sealed class BackendApiKeyCatalog(MedusaBackendClient backend) : IApiKeyCatalog
{
    private const string StoreRoute = "GET /store/regions";
    private const string AdminRoute = "GET /admin/api-keys";

    public async Task<ApiKey?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (token.StartsWith("pk_", StringComparison.Ordinal))
        {
            var answer = await backend.GetAsync(StoreRoute, "/store/regions?limit=1&fields=id", new BackendCredentials(PublishableKey: token), cancellationToken);
            return answer.IsKeyRefused(out _) ? null : Accepted(StoreRoute, answer, token, ApiKeyType.Publishable);
        }

        if (token.StartsWith("sk_", StringComparison.Ordinal))
        {
            var answer = await backend.GetAsync(AdminRoute, "/admin/api-keys?limit=1&fields=id", new BackendCredentials(SecretKey: token), cancellationToken);
            return answer.Status == HttpStatusCode.Unauthorized ? null : Accepted(AdminRoute, answer, token, ApiKeyType.Secret);
        }

        return null;
    }

    /// <summary>
    /// The backend does not say which of its keys this is, so the key is named by a digest of its token: a stable
    /// actor id for <c>created_by</c> and idempotency scopes, from which the token cannot be recovered.
    /// </summary>
    private static ApiKey Accepted(string route, BackendAnswer answer, string token, ApiKeyType type) =>
        answer.IsFound
            ? new ApiKey($"apikey_{TokenDigest.HexOf(token)[..24]}", type, Title: "", RevokedAt: null, SalesChannelIds: [])
            : throw MedusaBackendClient.Unexpected(route, answer);
}
