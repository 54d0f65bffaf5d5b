using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.ReferenceData;

/// <summary><c>orders</c>: partition = order id, row key empty.</summary>
internal static class OrderRow
{
    public const string RowKey = "";

    private const string CurrencyCodeProperty = "currency_code";

    public static TableEntity ToEntity(Order order) => new(TableKey.EnsureValid(order.Id, nameof(order)), RowKey)
    {
        [CurrencyCodeProperty] = order.CurrencyCode.ToLowerInvariant(),
    };

    public static Order FromEntity(TableEntity entity) => new(entity.PartitionKey, entity.Required(CurrencyCodeProperty));
}
