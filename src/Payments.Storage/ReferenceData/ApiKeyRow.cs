using System.Text.Json;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Json;
using Payments.Storage.Tables;

namespace Payments.Storage.ReferenceData;

/// <summary>
/// <c>apikeys</c>: partition = the token's hash (<see cref="ApiKeyTokenHash"/>), row key empty. The token itself
/// is never stored.
/// </summary>
internal static class ApiKeyRow
{
    public const string RowKey = "";

    private const string IdProperty = "id";
    private const string TypeProperty = "type";
    private const string TitleProperty = "title";
    private const string RevokedAtProperty = "revoked_at";
    private const string SalesChannelIdsProperty = "sales_channel_ids";

    public static TableEntity ToEntity(ApiKey key, string token) => new(ApiKeyTokenHash.ToPartitionKey(ApiKeyTokenHash.Of(token)), RowKey)
    {
        [IdProperty] = key.Id,
        [TypeProperty] = TypeName(key.Type),
        [TitleProperty] = key.Title,
        [RevokedAtProperty] = key.RevokedAt,
        [SalesChannelIdsProperty] = JsonSerializer.Serialize(key.SalesChannelIds, StorageJsonContext.Default.IReadOnlyListString),
    };

    public static ApiKey FromEntity(TableEntity entity) => new(
        entity.Required(IdProperty),
        ParseType(entity.Required(TypeProperty)),
        entity.Required(TitleProperty),
        entity.GetDateTimeOffset(RevokedAtProperty),
        entity.RequiredStringList(SalesChannelIdsProperty));

    public static string TypeName(ApiKeyType type) => type switch
    {
        ApiKeyType.Publishable => "publishable",
        ApiKeyType.Secret => "secret",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ApiKeyType? TryParseType(string name) => name switch
    {
        "publishable" => ApiKeyType.Publishable,
        "secret" => ApiKeyType.Secret,
        _ => null,
    };

    private static ApiKeyType ParseType(string name) =>
        TryParseType(name) ?? throw new InvalidDataException($"Unknown API key type '{name}'.");
}
