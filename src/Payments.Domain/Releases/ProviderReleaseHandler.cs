using Microsoft.Extensions.Logging;
using Payments.Domain.Outbox;
using Payments.Domain.Providers;

namespace Payments.Domain.Releases;

/// <summary>
/// Gives a provider payment back (spec §7.5, D5): the provider's cancel of the session's payment, or a refund of what it
/// captured. Releasing twice is harmless at the provider (same idempotency key, and a cancelled payment stays cancelled).
/// A definitive refusal ends the release: asking again would be refused again, so it is logged for an operator.
/// </summary>
public sealed partial class ProviderReleaseHandler(PaymentProviderRegistry providers, ILogger<ProviderReleaseHandler> logger) : OutboxHandler<ProviderRelease>
{
    protected override async Task<OutboxHandled> HandleAsync(string collectionId, ProviderRelease release, CancellationToken cancellationToken)
    {
        var provider = providers.Get(release.ProviderId);
        try
        {
            if (release.Refund is { } refund)
            {
                await provider.RefundAsync(new ProviderAmountOperation(release.Data, refund.Amount, refund.CurrencyCode, release.IdempotencyKey), cancellationToken);
            }
            else
            {
                await provider.DeleteAsync(new ProviderOperation(release.Data, release.IdempotencyKey), cancellationToken);
            }
        }
        catch (ProviderRefusedException refused)
        {
            LogRefused(logger, release.ProviderId, release.SessionId, collectionId, refused.Code, refused.Message);
        }

        return OutboxHandled.Done;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{ProviderId} refused the release of session {SessionId} of collection {CollectionId} ({Code}: {Reason}); the money it holds needs an operator.")]
    private static partial void LogRefused(ILogger logger, string providerId, string sessionId, string collectionId, string? code, string reason);
}
