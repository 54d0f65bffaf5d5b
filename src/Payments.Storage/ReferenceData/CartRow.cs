using System.Globalization;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.ReferenceData;

/// <summary><c>carts</c>: partition = cart id, row key empty.</summary>
internal static class CartRow
{
    public const string RowKey = "";

    private const string RegionIdProperty = "region_id";
    private const string CurrencyCodeProperty = "currency_code";
    private const string TotalProperty = "total";
    private const string SalesChannelIdProperty = "sales_channel_id";
    private const string CustomerIdProperty = "customer_id";
    private const string EmailProperty = "email";
    private const string CompletedAtProperty = "completed_at";

    public static TableEntity ToEntity(Cart cart) => new(TableKey.EnsureValid(cart.Id, nameof(cart)), RowKey)
    {
        [RegionIdProperty] = cart.RegionId,
        [CurrencyCodeProperty] = cart.CurrencyCode.ToLowerInvariant(),

        // Table Storage has no decimal type; a double would not be exact.
        [TotalProperty] = cart.Total.ToString(CultureInfo.InvariantCulture),
        [SalesChannelIdProperty] = cart.SalesChannelId,
        [CustomerIdProperty] = cart.CustomerId,
        [EmailProperty] = cart.Email,
        [CompletedAtProperty] = cart.CompletedAt,
    };

    public static Cart FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.Required(RegionIdProperty),
        entity.Required(CurrencyCodeProperty),
        decimal.Parse(entity.Required(TotalProperty), NumberStyles.Number, CultureInfo.InvariantCulture),
        entity.GetString(SalesChannelIdProperty),
        entity.GetString(CustomerIdProperty),
        entity.GetString(EmailProperty),
        entity.GetDateTimeOffset(CompletedAtProperty));
}
