namespace Payments.Domain.Ports;

/// <summary>
/// Finds where an entity that lives inside another one is kept, by the entity's id: the collection document of a session,
/// a capture or a refund, the customer of an account holder. The commerce backend's module names them by id alone
/// (docs/module-api.md §4.1). An entry is written before its entity is stored, so an entity is never stored unfound; an
/// entry whose entity never was stored (its write lost a race) leads to a document without it, which reads as not found.
/// </summary>
public interface IEntityIndex
{
    /// <summary>Records that <paramref name="entityId"/> lives in <paramref name="homeId"/>; recording it again is harmless.</summary>
    Task AddAsync(string entityId, string homeId, CancellationToken cancellationToken);

    /// <summary>Where <paramref name="entityId"/> lives, or null when it was never recorded.</summary>
    Task<string?> FindAsync(string entityId, CancellationToken cancellationToken);
}
