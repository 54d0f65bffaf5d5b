using Payments.Api.Endpoints;
using Payments.Api.Serialization;
using Payments.Api.Serialization.Projection;
using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.RefundReasons;
using Payments.Domain.Sessions;

namespace Payments.Api.Module;

/// <summary>
/// The candidates of a module query: the entities its filter names by id (or by the id of what holds them), read from the
/// documents that hold them; the filter itself is applied to them afterwards. Sessions, payments, captures and refunds
/// live inside their collection's document, so a query must name them, or their collection, by id; only payments,
/// refund reasons and providers can be listed whole (Medusa's admin lists).
/// </summary>
public sealed class ModuleRows(
    EntityLookup entities,
    IPaymentIndex paymentIndex,
    PaymentLookup payments,
    Responses responses,
    RefundReasonCatalog refundReasons,
    PaymentProviderRegistry providers,
    AccountHolders accountHolders)
{
    internal async Task<IReadOnlyList<ModuleRow>> FindAsync(ModuleEntity entity, MedusaFilter filter, bool withDeleted, CancellationToken cancellationToken)
    {
        var ids = filter.ValuesOf("id");
        switch (entity.Name)
        {
            case ModuleEntity.PaymentCollection:
                var collections = await entities.ReadAsync(ids ?? throw Unbounded(entity, "id"), cancellationToken);
                return await RowsAsync(entity, collections.Where(collection => withDeleted || collection.DeletedAt is null), collection => [collection], cancellationToken);
            case ModuleEntity.PaymentSession:
                // Sessions named by id are answered ended or not: Medusa deletes the sessions it read a moment before.
                return ids is not null
                    ? await RowsAsync(entity, await entities.CollectionsOfAsync(ids, cancellationToken), collection => collection.Sessions.Concat(collection.EndedSessions).Where(session => ids.Contains(session.Id)), cancellationToken)
                    : await RowsAsync(entity, await CollectionsByIdAsync(filter, entity, cancellationToken), collection => withDeleted ? collection.Sessions.Concat(collection.EndedSessions) : collection.Sessions, cancellationToken);
            case ModuleEntity.Payment:
                return await PaymentRowsAsync(entity, filter, ids, cancellationToken);
            case ModuleEntity.Capture or ModuleEntity.Refund:
                var paymentIds = filter.ValuesOf("payment_id");
                var holders = ids is not null
                    ? await entities.CollectionsOfAsync(ids, cancellationToken)
                    : await PaymentCollectionsAsync(paymentIds ?? throw Unbounded(entity, "id or payment_id"), cancellationToken);
                return await RowsAsync(entity, holders, collection => collection.Payments
                    .Where(payment => paymentIds is null || paymentIds.Contains(payment.Id))
                    .SelectMany(payment => entity.Name == ModuleEntity.Capture ? payment.Captures.Cast<object>() : payment.Refunds), cancellationToken);
            case ModuleEntity.RefundReason:
                return [.. (await refundReasons.ListAsync(withDeleted, cancellationToken)).Select(reason => entity.Row(reason, ProjectionScope.Standalone))];
            case ModuleEntity.PaymentProvider:
                return [.. providers.Ids.Select(id => entity.Row(new PaymentProviderListing(id, IsEnabled: true), ProjectionScope.Standalone))];
            case ModuleEntity.AccountHolder:
                var found = await accountHolders.FindAsync(ids ?? throw Unbounded(entity, "id"), cancellationToken);
                return [.. found.Select(holder => entity.Row(holder, ProjectionScope.Standalone))];
            default:
                return [];
        }
    }

    private async Task<IReadOnlyList<ModuleRow>> PaymentRowsAsync(ModuleEntity entity, MedusaFilter filter, IReadOnlyList<string>? ids, CancellationToken cancellationToken)
    {
        IReadOnlyList<PaymentCollection> collections;
        if (ids is not null)
        {
            collections = await PaymentCollectionsAsync(ids, cancellationToken);
        }
        else if (filter.ValuesOf("payment_session_id") is { } sessionIds)
        {
            collections = await entities.CollectionsOfAsync(sessionIds, cancellationToken);
        }
        else if (filter.ValuesOf("payment_collection_id") is { } collectionIds)
        {
            collections = await entities.ReadAsync(collectionIds, cancellationToken);
        }
        else
        {
            // Medusa's admin list of every payment: each document of the index read once.
            var stored = await payments.StoredAsync(await paymentIndex.ListAsync(cancellationToken), cancellationToken);
            collections = [.. stored.Values.Select(found => found.Collection).DistinctBy(collection => collection.Id)];
        }

        return await RowsAsync(entity, collections, collection => collection.Payments, cancellationToken);
    }

    private async Task<IReadOnlyList<PaymentCollection>> PaymentCollectionsAsync(IEnumerable<string> paymentIds, CancellationToken cancellationToken)
    {
        var entries = await Task.WhenAll(paymentIds.Distinct(StringComparer.Ordinal).Select(id => paymentIndex.FindAsync(id, cancellationToken)));
        return await entities.ReadAsync(entries.OfType<PaymentIndexEntry>().Select(entry => entry.CollectionId), cancellationToken);
    }

    private Task<IReadOnlyList<PaymentCollection>> CollectionsByIdAsync(MedusaFilter filter, ModuleEntity entity, CancellationToken cancellationToken) =>
        entities.ReadAsync(filter.ValuesOf("payment_collection_id") ?? throw Unbounded(entity, "id or payment_collection_id"), cancellationToken);

    /// <summary>The rows of what <paramref name="select"/> takes from each collection, written within it.</summary>
    private async Task<IReadOnlyList<ModuleRow>> RowsAsync(
        ModuleEntity entity,
        IEnumerable<PaymentCollection> collections,
        Func<PaymentCollection, IEnumerable<object>> select,
        CancellationToken cancellationToken)
    {
        var list = collections.ToList();
        var reasons = await responses.ReasonsOfAsync(list, cancellationToken);
        return [.. list.SelectMany(collection => select(collection).Select(item => entity.Row(item, new ProjectionScope(collection, reasons, ContextViewer.Admin))))];
    }

    /// <summary>A query that would have to read every collection: it must name what it wants.</summary>
    private static MedusaException Unbounded(ModuleEntity entity, string fields) =>
        MedusaException.InvalidData($"A query of {entity.Name} must filter on {fields}.");
}
