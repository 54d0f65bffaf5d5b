using System.Globalization;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Payments;

/// <summary>
/// <c>paymentindex</c>: partition = payment id, row key empty; <c>collection_id</c>, <c>payment_session_id</c>,
/// <c>provider_id</c>, <c>currency_code</c>, <c>amount</c>, <c>created_at</c>. Payments live inside their collection's
/// document; this finds them by id, and the admin list filters, orders and counts them without their documents.
/// Rows written before the index carried the currency and the amount lack both.
/// </summary>
internal sealed class TablePaymentIndex(PaymentsTables tables) : IPaymentIndex
{
    private const string RowKey = "";
    private const string CollectionIdProperty = "collection_id";
    private const string SessionIdProperty = "payment_session_id";
    private const string ProviderIdProperty = "provider_id";
    private const string CurrencyCodeProperty = "currency_code";
    private const string AmountProperty = "amount";
    private const string CreatedAtProperty = "created_at";

    // What an entry holds, and nothing else of the row (its Timestamp).
    private static readonly string[] EntryProperties =
        ["PartitionKey", CollectionIdProperty, SessionIdProperty, ProviderIdProperty, CurrencyCodeProperty, AmountProperty, CreatedAtProperty];

    public async Task AddAsync(PaymentIndexEntry entry, CancellationToken cancellationToken)
    {
        var table = await tables.PaymentIndex.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TableKey.EnsureValid(entry.PaymentId, nameof(entry)), RowKey)
        {
            [CollectionIdProperty] = entry.CollectionId,
            [SessionIdProperty] = entry.PaymentSessionId,
            [ProviderIdProperty] = entry.ProviderId,
            [CurrencyCodeProperty] = entry.CurrencyCode?.ToLowerInvariant(),
            [AmountProperty] = entry.Amount?.ToString(CultureInfo.InvariantCulture),
            [CreatedAtProperty] = entry.CreatedAt,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PaymentIndexEntry?> FindAsync(string paymentId, CancellationToken cancellationToken)
    {
        var entity = await tables.PaymentIndex.FindAsync(paymentId, RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToEntry(entity);
    }

    public async Task<IReadOnlyList<PaymentIndexEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.PaymentIndex.GetAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<PaymentIndexEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(select: EntryProperties, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ToEntry(entity));
        }

        return entries;
    }

    private static PaymentIndexEntry ToEntry(TableEntity entity) => new(
        entity.PartitionKey,
        entity.Required(CollectionIdProperty),
        entity.Required(SessionIdProperty),
        entity.Required(ProviderIdProperty),
        entity.GetString(CurrencyCodeProperty),
        entity.GetString(AmountProperty) is { } amount ? decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture) : null,
        entity.RequiredTime(CreatedAtProperty));
}
