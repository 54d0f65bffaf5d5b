using System.Text.Json;
using Azure.Data.Tables;
using Payments.Storage.Json;

namespace Payments.Storage.Tables;

/// <summary>Reads of properties a row must have; a missing one is corrupt data, reported with the row.</summary>
internal static class TableEntityReads
{
    public static string Required(this TableEntity entity, string property) =>
        entity.GetString(property) ?? throw Missing(entity, property);

    public static DateTimeOffset RequiredTime(this TableEntity entity, string property) =>
        entity.GetDateTimeOffset(property) ?? throw Missing(entity, property);

    /// <summary>A list of strings stored as a JSON array, in its order.</summary>
    public static IReadOnlyList<string> RequiredStringList(this TableEntity entity, string property) =>
        JsonSerializer.Deserialize(entity.Required(property), StorageJsonContext.Default.IReadOnlyListString)
            ?? throw new InvalidDataException($"Row '{entity.PartitionKey}'/'{entity.RowKey}' has null for {property}.");

    private static InvalidDataException Missing(TableEntity entity, string property) =>
        new($"Row '{entity.PartitionKey}'/'{entity.RowKey}' has no {property}.");
}
