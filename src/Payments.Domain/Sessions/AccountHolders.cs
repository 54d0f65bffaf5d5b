using Payments.Domain.Concurrency;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Time;

namespace Payments.Domain.Sessions;

/// <summary>
/// Exactly one account holder per customer and provider (spec D8; Medusa issue #15593 is the duplicate we must not
/// have). The first session claims the (customer, provider) slot with an insert-if-absent, creates the account at
/// the provider and completes the slot; concurrent first sessions wait for that and use the same holder, so the
/// provider is asked once. A claim whose creator died is taken over once it expires; the provider's idempotency key
/// is derived from the customer id, so the takeover finds the account the dead request may have created.
/// </summary>
public sealed class AccountHolders(IAccountHolderStore store, OptimisticConcurrency concurrency, EntityIdGenerator ids, TimeProvider clock)
{
    public const string IdPrefix = "acchld";

    /// <summary>Longer than any provider call takes; a takeover before it ends would only repeat an idempotent call.</summary>
    internal static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(30);

    public static string IdempotencyKeyOf(string customerId) => $"account-holder-{customerId}";

    /// <summary>The context of a session of <paramref name="customer"/> with <paramref name="provider"/>, creating the holder on first use.</summary>
    public Task<SessionContext> ContextForAsync(Customer customer, IPaymentProvider provider, CancellationToken cancellationToken) =>
        concurrency.RunAsync(
            async attemptCancellation =>
            {
                var slots = await store.ListAsync(customer.Id, attemptCancellation);
                var held = slots.Select(slot => slot.Holder).OfType<AccountHolder>().ToList();
                var slot = slots.FirstOrDefault(candidate => candidate.ProviderId == provider.Id);
                if (slot?.Holder is { } existing)
                {
                    return new SessionContext(customer, held, existing);
                }

                var now = clock.GetUtcNow();
                var claim = slot switch
                {
                    null => await store.TryClaimAsync(customer.Id, provider.Id, ids.NewId(IdPrefix), now + ClaimLifetime, attemptCancellation),
                    { ClaimedUntil: { } until } when until <= now => await store.TryTakeOverAsync(slot, now + ClaimLifetime, attemptCancellation),
                    _ => null,
                };

                // Another request holds the claim (or just won it): read again after a back-off until its holder is there.
                var holder = claim is null ? null : await CreateAsync(customer, provider, claim, attemptCancellation);
                return holder is null ? throw new VersionConflictException() : new SessionContext(customer, held, holder);
            },
            cancellationToken);

    private async Task<AccountHolder?> CreateAsync(Customer customer, IPaymentProvider provider, AccountHolderSlot claim, CancellationToken cancellationToken)
    {
        ProviderAccountHolder created;
        try
        {
            created = await provider.CreateAccountHolderAsync(new ProviderAccountHolderRequest(customer, IdempotencyKeyOf(customer.Id)), cancellationToken);
        }
        catch
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }

        var now = clock.UtcNowToTheMillisecond();
        var holder = new AccountHolder(claim.HolderId, provider.Id, created.ExternalId, customer.Email, created.Data, Metadata: null, now, now);
        return await store.TryCompleteAsync(claim, holder, cancellationToken) ? holder : null;
    }
}
