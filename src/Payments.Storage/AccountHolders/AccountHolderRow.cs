using System.Text.Json;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Domain.Sessions;
using Payments.Storage.Tables;

namespace Payments.Storage.AccountHolders;

/// <summary>
/// <c>accountholders</c>: partition = customer id, row key = provider id, so the (customer, provider) pair can
/// have one row only and a customer's holders are one partition query. A claim has <c>claimed_until</c> and no
/// <c>external_id</c>; a created holder has its fields and no claim.
/// </summary>
internal static class AccountHolderRow
{
    private const string HolderIdProperty = "holder_id";
    private const string ClaimedUntilProperty = "claimed_until";
    private const string ExternalIdProperty = "external_id";
    private const string EmailProperty = "email";
    private const string DataProperty = "data";
    private const string MetadataProperty = "metadata";
    private const string CreatedAtProperty = "created_at";
    private const string UpdatedAtProperty = "updated_at";

    public static TableEntity Claim(string customerId, string providerId, string holderId, DateTimeOffset claimedUntil) =>
        new(TableKey.EnsureValid(customerId, nameof(customerId)), TableKey.EnsureValid(providerId, nameof(providerId)))
        {
            [HolderIdProperty] = holderId,
            [ClaimedUntilProperty] = claimedUntil,
        };

    public static TableEntity Created(string customerId, AccountHolder holder) => new(customerId, holder.ProviderId)
    {
        [HolderIdProperty] = holder.Id,
        [ExternalIdProperty] = holder.ExternalId,
        [EmailProperty] = holder.Email,
        [DataProperty] = holder.Data.GetRawText(),
        [MetadataProperty] = holder.Metadata?.GetRawText(),
        [CreatedAtProperty] = holder.CreatedAt,
        [UpdatedAtProperty] = holder.UpdatedAt,
    };

    public static AccountHolderSlot FromEntity(TableEntity entity)
    {
        var holderId = entity.Required(HolderIdProperty);
        var holder = entity.GetString(ExternalIdProperty) is { } externalId
            ? new AccountHolder(
                holderId,
                entity.RowKey,
                externalId,
                entity.GetString(EmailProperty),
                JsonElement.Parse(entity.Required(DataProperty)),
                entity.GetString(MetadataProperty) is { } metadata ? JsonElement.Parse(metadata) : null,
                entity.RequiredTime(CreatedAtProperty),
                entity.RequiredTime(UpdatedAtProperty))
            : null;
        return new AccountHolderSlot(
            entity.PartitionKey,
            entity.RowKey,
            holderId,
            holder,
            entity.GetDateTimeOffset(ClaimedUntilProperty),
            entity.ETag.ToString());
    }
}
