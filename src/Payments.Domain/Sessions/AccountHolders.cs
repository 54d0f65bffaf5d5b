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
public sealed class AccountHolders(IAccountHolderStore store, IEntityIndex index, OptimisticConcurrency concurrency, EntityIdGenerator ids, TimeProvider clock)
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
                    null => await ClaimAsync(customer, provider, now + ClaimLifetime, attemptCancellation),
                    { ClaimedUntil: { } until } when until <= now => await store.TryTakeOverAsync(slot, now + ClaimLifetime, attemptCancellation),
                    _ => null,
                };

                // Another request holds the claim (or just won it): read again after a back-off until its holder is there.
                var holder = claim is null ? null : await CreateAsync(customer, provider, claim, attemptCancellation);
                return holder is null ? throw new VersionConflictException() : new SessionContext(customer, held, holder);
            },
            cancellationToken);

    /// <summary>The customer's holders among <paramref name="holderIds"/>, found through the entity index.</summary>
    public async Task<IReadOnlyList<AccountHolder>> FindAsync(IEnumerable<string> holderIds, CancellationToken cancellationToken)
    {
        var wanted = holderIds.ToHashSet(StringComparer.Ordinal);
        var customers = await Task.WhenAll(wanted.Select(id => index.FindAsync(id, cancellationToken)));
        var slots = await Task.WhenAll(customers.OfType<string>().Distinct(StringComparer.Ordinal).Select(customerId => store.ListAsync(customerId, cancellationToken)));
        return [.. slots.SelectMany(list => list).Select(slot => slot.Holder).OfType<AccountHolder>().Where(holder => wanted.Contains(holder.Id))];
    }

    /// <summary>
    /// Forgets a holder (the compensation of Medusa's holder creation), so that the customer's next session creates one
    /// again; the provider's own customer record is kept. An unknown holder is deleted already.
    /// </summary>
    public async Task DeleteAsync(string holderId, CancellationToken cancellationToken)
    {
        if (await index.FindAsync(holderId, cancellationToken) is { } customerId
            && (await store.ListAsync(customerId, cancellationToken)).FirstOrDefault(slot => slot.HolderId == holderId) is { } slot)
        {
            await store.ReleaseAsync(slot, cancellationToken);
        }
    }

    /// <summary>Claims the (customer, provider) slot; the holder's id is indexed first, so the holder is found by id once it exists.</summary>
    private async Task<AccountHolderSlot?> ClaimAsync(Customer customer, IPaymentProvider provider, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        var holderId = ids.NewId(IdPrefix);
        await index.AddAsync(holderId, customer.Id, cancellationToken);
        return await store.TryClaimAsync(customer.Id, provider.Id, holderId, claimedUntil, cancellationToken);
    }

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
