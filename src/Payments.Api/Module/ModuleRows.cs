using System.Collections.Frozen;
using System.Text.Json;
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
    /// <summary>The page of the entities the query matches, in its order, and how many match.</summary>
    internal async Task<(IReadOnlyList<ModuleRow> Page, int Count)> QueryAsync(ModuleEntity entity, ModuleQuery query, CancellationToken cancellationToken)
    {
        if (entity.Name == ModuleEntity.Payment && query.Filter.IsEmpty && CreatedAtOrder(query.Order) is { } descending)
        {
            return await EveryPaymentPageAsync(entity, query, descending, cancellationToken);
        }

        var found = await FindAsync(entity, query.Filter, query.WithDeleted, query.ShowsRefundReasons, cancellationToken);
        var matching = Ordered(found.Where(row => query.Filter.Matches(row.Fields)), query.Order, entity).ToList();
        return ([.. matching.Skip(query.Skip).Take(query.Take ?? int.MaxValue)], matching.Count);
    }

    /// <summary>
    /// Medusa's admin list of every payment, ordered by when they were made: ordered, counted and paged on the payment
    /// index, so that only the page's documents are read (as <c>GET /admin/payments</c> does). An entry whose document
    /// does not hold its payment drops out, and the page is taken again without it.
    /// </summary>
    private async Task<(IReadOnlyList<ModuleRow> Page, int Count)> EveryPaymentPageAsync(ModuleEntity entity, ModuleQuery query, bool descending, CancellationToken cancellationToken)
    {
        var listed = await paymentIndex.ListAsync(cancellationToken);
        var entries = (descending ? listed.OrderByDescending(entry => entry.CreatedAt) : listed.OrderBy(entry => entry.CreatedAt))
            .ThenBy(entry => entry.PaymentId, StringComparer.Ordinal)
            .ToList();
        while (true)
        {
            var page = entries.Skip(query.Skip).Take(query.Take ?? int.MaxValue).ToList();
            var stored = await payments.StoredAsync(page, cancellationToken);
            if (page.All(entry => stored.ContainsKey(entry.PaymentId)))
            {
                var found = page.Select(entry => stored[entry.PaymentId]).ToList();
                var reasons = await ReasonsAsync(query.ShowsRefundReasons, found.Select(payment => payment.Collection), cancellationToken);
                return ([.. found.Select(payment => entity.Row(payment.Payment, new ProjectionScope(payment.Collection, reasons, ContextViewer.Admin)))], entries.Count);
            }

            entries.RemoveAll(entry => page.Contains(entry) && !stored.ContainsKey(entry.PaymentId));
        }
    }

    /// <summary>Whether an order asks for nothing but when the entity was made: descending or not; null when it asks for more.</summary>
    private static bool? CreatedAtOrder(JsonElement? order) =>
        order is not { } asked || !asked.EnumerateObject().Any() ? false
        : asked.EnumerateObject().ToList() is [{ Name: "created_at", Value.ValueKind: JsonValueKind.String } only] ? only.Value.GetString()!.Equals("DESC", StringComparison.OrdinalIgnoreCase)
        : null;

    private async Task<IReadOnlyList<ModuleRow>> FindAsync(ModuleEntity entity, MedusaFilter filter, bool withDeleted, bool showsRefundReasons, CancellationToken cancellationToken)
    {
        var ids = filter.ValuesOf("id");
        switch (entity.Name)
        {
            case ModuleEntity.PaymentCollection:
                var collections = await entities.ReadAsync(ids ?? throw Unbounded(entity, "id"), cancellationToken);
                return await RowsAsync(entity, showsRefundReasons, collections.Where(collection => withDeleted || collection.DeletedAt is null), collection => [collection], cancellationToken);
            case ModuleEntity.PaymentSession:
                // Sessions named by id are answered ended or not: Medusa deletes the sessions it read a moment before.
                return ids is not null
                    ? await RowsAsync(entity, showsRefundReasons, await entities.CollectionsOfAsync(ids, cancellationToken), collection => collection.Sessions.Concat(collection.EndedSessions).Where(session => ids.Contains(session.Id)), cancellationToken)
                    : await RowsAsync(entity, showsRefundReasons, await CollectionsByIdAsync(filter, entity, cancellationToken), collection => withDeleted ? collection.Sessions.Concat(collection.EndedSessions) : collection.Sessions, cancellationToken);
            case ModuleEntity.Payment:
                return await PaymentRowsAsync(entity, filter, ids, showsRefundReasons, cancellationToken);
            case ModuleEntity.Capture or ModuleEntity.Refund:
                var paymentIds = filter.ValuesOf("payment_id");
                var holders = ids is not null
                    ? await entities.CollectionsOfAsync(ids, cancellationToken)
                    : await PaymentCollectionsAsync(paymentIds ?? throw Unbounded(entity, "id or payment_id"), cancellationToken);
                return await RowsAsync(entity, showsRefundReasons, holders, collection => collection.Payments
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

    private async Task<IReadOnlyList<ModuleRow>> PaymentRowsAsync(ModuleEntity entity, MedusaFilter filter, IReadOnlyList<string>? ids, bool showsRefundReasons, CancellationToken cancellationToken)
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

        return await RowsAsync(entity, showsRefundReasons, collections, collection => collection.Payments, cancellationToken);
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
        bool showsRefundReasons,
        IEnumerable<PaymentCollection> collections,
        Func<PaymentCollection, IEnumerable<object>> select,
        CancellationToken cancellationToken)
    {
        var list = collections.ToList();
        var reasons = await ReasonsAsync(showsRefundReasons, list, cancellationToken);
        return [.. list.SelectMany(collection => select(collection).Select(item => entity.Row(item, new ProjectionScope(collection, reasons, ContextViewer.Admin))))];
    }

    /// <summary>The refund reasons of the collections' refunds when the query shows them; no lookup otherwise.</summary>
    private async Task<IReadOnlyDictionary<string, RefundReason>> ReasonsAsync(bool shown, IEnumerable<PaymentCollection> collections, CancellationToken cancellationToken) =>
        shown ? await responses.ReasonsOfAsync(collections, cancellationToken) : FrozenDictionary<string, RefundReason>.Empty;

    /// <summary>
    /// Medusa's <c>order</c> (<c>{"created_at": "DESC"}</c>) on the entity's own keys, then <c>created_at</c> and <c>id</c>, the
    /// default; orders of relations (nested objects) are left to Medusa, which sorts what it reads.
    /// </summary>
    private static IEnumerable<ModuleRow> Ordered(IEnumerable<ModuleRow> rows, JsonElement? order, ModuleEntity entity)
    {
        List<JsonProperty> given = order is { } asked ? [.. asked.EnumerateObject()] : [];
        var keys = given
            .Where(key => key.Value.ValueKind == JsonValueKind.String)
            .Select(key => entity.Fields.Contains(key.Name)
                ? (Field: key.Name, Descending: key.Value.GetString()!.Equals("DESC", StringComparison.OrdinalIgnoreCase))
                : throw MedusaException.InvalidData($"A {entity.Name} has no field {key.Name} to order by."))
            .Concat([(Field: "created_at", Descending: false), (Field: "id", Descending: false)])
            .Where(key => entity.Fields.Contains(key.Field))
            .ToList();
        return rows.Order(Comparer<ModuleRow>.Create((left, right) =>
        {
            foreach (var (field, descending) in keys)
            {
                var compared = MedusaFilter.Compare(left.Fields.GetProperty(field), right.Fields.GetProperty(field));
                if (compared != 0)
                {
                    return descending ? -compared : compared;
                }
            }

            return 0;
        }));
    }

    /// <summary>A query that would have to read every collection: it must name what it wants.</summary>
    private static MedusaException Unbounded(ModuleEntity entity, string fields) =>
        MedusaException.InvalidData($"A query of {entity.Name} must filter on {fields}.");
}

/// <summary>What a module query asks: Medusa's filter and order, its page, and whether deleted entities and refund reasons are shown.</summary>
internal sealed record ModuleQuery(MedusaFilter Filter, JsonElement? Order, int Skip, int? Take, bool WithDeleted, bool ShowsRefundReasons);
