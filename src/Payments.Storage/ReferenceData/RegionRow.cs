using System.Text.Json;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Json;
using Payments.Storage.Tables;

namespace Payments.Storage.ReferenceData;

/// <summary><c>regions</c>: partition = region id, row key empty; the providers as a JSON array, in their order.</summary>
internal static class RegionRow
{
    public const string RowKey = "";

    private const string NameProperty = "name";
    private const string CurrencyCodeProperty = "currency_code";
    private const string PaymentProvidersProperty = "payment_providers";

    public static TableEntity ToEntity(Region region) => new(TableKey.EnsureValid(region.Id, nameof(region)), RowKey)
    {
        [NameProperty] = region.Name,
        [CurrencyCodeProperty] = region.CurrencyCode.ToLowerInvariant(),
        [PaymentProvidersProperty] = JsonSerializer.Serialize(region.PaymentProviders, StorageJsonContext.Default.IReadOnlyListString),
    };

    public static Region FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.Required(NameProperty),
        entity.Required(CurrencyCodeProperty),
        entity.RequiredStringList(PaymentProvidersProperty));
}
