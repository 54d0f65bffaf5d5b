using System.Text.Json;
using Payments.Domain.Concurrency;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;
using Payments.Domain.Time;

namespace Payments.Domain.RefundReasons;

/// <summary>The changes of a refund reason update; <see cref="DescriptionGiven"/> tells an explicit null from an absent key.</summary>
public sealed record RefundReasonChanges(string? Label, string? Code, bool DescriptionGiven, string? Description)
{
    /// <summary>Whether the update sets the metadata (to <see cref="Metadata"/>, null included).</summary>
    public bool MetadataGiven { get; init; }

    public JsonElement? Metadata { get; init; }
}

/// <summary>Refund reasons (spec §6.13): soft deletion, codes not unique, Medusa's three defaults in a new store.</summary>
public sealed class RefundReasonCatalog(IRefundReasonStore store, OptimisticConcurrency concurrency, EntityIdGenerator ids, TimeProvider clock)
{
    /// <summary>The reasons Medusa ships, in its order.</summary>
    public static readonly IReadOnlyList<(string Label, string Code, string Description)> Defaults =
    [
        ("Shipping Issue", "shipping_issue", "Refund due to lost, delayed, or misdelivered shipment"),
        ("Customer Care Adjustment", "customer_care_adjustment", "Refund given as goodwill or compensation for inconvenience"),
        ("Pricing Error", "pricing_error", "Refund to correct an overcharge, missing discount, or incorrect price"),
    ];

    /// <summary>Creates the defaults when the store has no reason at all (deleted ones count).</summary>
    public async Task EnsureDefaultsAsync(CancellationToken cancellationToken)
    {
        if ((await store.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var now = clock.UtcNowToTheMillisecond();
        for (var index = 0; index < Defaults.Count; index++)
        {
            // A millisecond apart, so the list order (created_at, then id) is Medusa's.
            var (label, code, description) = Defaults[index];
            await store.InsertAsync(New(label, code, description, now.AddMilliseconds(index)), cancellationToken);
        }
    }

    /// <summary>Every reason that is not deleted, or every one with <paramref name="withDeleted"/>.</summary>
    public async Task<IReadOnlyList<RefundReason>> ListAsync(bool withDeleted, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(cancellationToken)).Where(reason => withDeleted || reason.DeletedAt is null)];

    /// <summary>The reasons among <paramref name="reasonIds"/> that are not deleted, by id.</summary>
    public async Task<IReadOnlyDictionary<string, RefundReason>> FindLiveAsync(IEnumerable<string> reasonIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, RefundReason>(StringComparer.Ordinal);
        foreach (var id in reasonIds.Distinct(StringComparer.Ordinal))
        {
            if (await store.FindAsync(id, cancellationToken) is { Reason: { DeletedAt: null } reason })
            {
                found[id] = reason;
            }
        }

        return found;
    }

    public async Task<RefundReason> CreateAsync(string label, string code, string? description, CancellationToken cancellationToken, JsonElement? metadata = null)
    {
        var reason = New(label, code, description, clock.UtcNowToTheMillisecond()) with { Metadata = metadata };
        await store.InsertAsync(reason, cancellationToken);
        return reason;
    }

    public async Task<RefundReason> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { Reason: { DeletedAt: null } reason }
            ? reason
            : throw MedusaException.NotFound($"RefundReason with id: {id} was not found");

    public async Task<RefundReason> UpdateAsync(string id, RefundReasonChanges changes, CancellationToken cancellationToken) =>
        await ChangeLiveAsync(
            id,
            reason => reason with
            {
                Label = changes.Label ?? reason.Label,
                Code = changes.Code ?? reason.Code,
                Description = changes.DescriptionGiven ? changes.Description : reason.Description,
                Metadata = changes.MetadataGiven ? changes.Metadata : reason.Metadata,
                UpdatedAt = clock.UtcNowToTheMillisecond(),
            },
            cancellationToken)
        ?? throw MedusaException.NotFound($"RefundReason with id \"{id}\" not found");

    /// <summary>Soft-deletes; deleting an unknown or deleted reason answers the same, as Medusa does.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        ChangeLiveAsync(
            id,
            reason => reason with { DeletedAt = clock.UtcNowToTheMillisecond(), UpdatedAt = clock.UtcNowToTheMillisecond() },
            cancellationToken);

    /// <summary>Undoes a soft deletion (the compensation of Medusa's deletion workflow); a live reason is returned as it is.</summary>
    public async Task<RefundReason> RestoreAsync(string id, CancellationToken cancellationToken) =>
        await ChangeAsync(id, reason => reason.DeletedAt is null ? reason : reason with { DeletedAt = null, UpdatedAt = clock.UtcNowToTheMillisecond() }, withDeleted: true, cancellationToken)
        ?? throw MedusaException.NotFound($"RefundReason with id: {id} was not found");

    /// <summary>Applies <paramref name="change"/> to a reason that is not deleted; null when there is none.</summary>
    private Task<RefundReason?> ChangeLiveAsync(string id, Func<RefundReason, RefundReason> change, CancellationToken cancellationToken) =>
        ChangeAsync(id, change, withDeleted: false, cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the reason, deleted ones only <paramref name="withDeleted"/>; null when there is none.</summary>
    private Task<RefundReason?> ChangeAsync(string id, Func<RefundReason, RefundReason> change, bool withDeleted, CancellationToken cancellationToken) =>
        concurrency.RunAsync(
            async attemptCancellation =>
            {
                if (await store.FindAsync(id, attemptCancellation) is not { } stored || (stored.Reason.DeletedAt is not null && !withDeleted))
                {
                    return null;
                }

                var changed = change(stored.Reason);
                if (ReferenceEquals(changed, stored.Reason))
                {
                    return changed;
                }

                return await store.TryReplaceAsync(changed, stored.Version, attemptCancellation)
                    ? changed
                    : throw new VersionConflictException();
            },
            cancellationToken);

    private RefundReason New(string label, string code, string? description, DateTimeOffset now) => new()
    {
        Id = ids.NewId(EntityIdPrefix.RefundReason),
        Label = label,
        Code = code,
        Description = description,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
