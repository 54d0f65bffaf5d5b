using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

namespace Payments.Domain.Commerce;

/// <summary>Finds the collection of a session, a capture or a refund through the entity index, for the module's calls by id.</summary>
public sealed class EntityLookup(IEntityIndex index, IPaymentCollectionStore store)
{
    /// <summary>The id of the collection that holds the session; throws Medusa's not-found when there is none.</summary>
    public async Task<string> CollectionOfSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        await index.FindAsync(sessionId, cancellationToken) ?? throw SessionNotFound(sessionId);

    /// <summary>The collections holding each entity found among <paramref name="entityIds"/>, each read once (tombstones too).</summary>
    public async Task<IReadOnlyList<PaymentCollection>> CollectionsOfAsync(IEnumerable<string> entityIds, CancellationToken cancellationToken)
    {
        var homes = await Task.WhenAll(entityIds.Distinct(StringComparer.Ordinal).Select(id => index.FindAsync(id, cancellationToken)));
        return await ReadAsync(homes.OfType<string>(), cancellationToken);
    }

    /// <summary>The collections among <paramref name="collectionIds"/> that exist, each read once, in no particular order.</summary>
    public async Task<IReadOnlyList<PaymentCollection>> ReadAsync(IEnumerable<string> collectionIds, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(collectionIds.Distinct(StringComparer.Ordinal).Select(id => store.FindAsync(id, cancellationToken)));
        return [.. found.OfType<VersionedCollection>().Select(stored => stored.Collection)];
    }

    public static MedusaException SessionNotFound(string sessionId) =>
        MedusaException.NotFound($"PaymentSession with id: {sessionId} was not found");
}
