using Payments.Domain.Sessions;

namespace Payments.Domain.Ports;

/// <summary>
/// The row of one customer and provider: <see cref="Holder"/> once the provider created the account; until then a
/// claim, held by the one request that creates it until <see cref="ClaimedUntil"/>. <see cref="Version"/> is the
/// row's ETag, for conditional changes.
/// </summary>
public sealed record AccountHolderSlot(
    string CustomerId,
    string ProviderId,
    string HolderId,
    AccountHolder? Holder,
    DateTimeOffset? ClaimedUntil,
    string Version);

/// <summary>
/// Account holders, exactly one per customer and provider across requests and instances (spec D8): the right to
/// create one is claimed with an insert-if-absent on the (customer, provider) key, never a read followed by a write.
/// </summary>
public interface IAccountHolderStore
{
    /// <summary>Every slot of the customer, created or claimed, in provider id order.</summary>
    Task<IReadOnlyList<AccountHolderSlot>> ListAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Claims the creation of the customer's holder at the provider; null when a slot exists already.</summary>
    Task<AccountHolderSlot?> TryClaimAsync(string customerId, string providerId, string holderId, DateTimeOffset claimedUntil, CancellationToken cancellationToken);

    /// <summary>Takes over an expired claim (its creator died); null when the slot changed meanwhile.</summary>
    Task<AccountHolderSlot?> TryTakeOverAsync(AccountHolderSlot expired, DateTimeOffset claimedUntil, CancellationToken cancellationToken);

    /// <summary>Completes a claim with the created holder; false when the claim was taken over meanwhile.</summary>
    Task<bool> TryCompleteAsync(AccountHolderSlot claim, AccountHolder holder, CancellationToken cancellationToken);

    /// <summary>Gives a claim up (the provider failed), so the next request can claim it at once.</summary>
    Task ReleaseAsync(AccountHolderSlot claim, CancellationToken cancellationToken);
}
