using Azure.Data.Tables;

namespace Payments.Storage.Tables;

/// <summary>
/// The size Azure counts against its 1 MiB entity limit, by its published formula:
/// 4 + 2·len(PartitionKey + RowKey) + Σ over properties of (8 + 2·len(name) + size of the value).
/// Azurite does not enforce the limit, so writes must check it themselves.
/// </summary>
internal static class EntitySize
{
    public const long MaxBytes = 1024 * 1024;

    // The service adds a Timestamp property to every entity; it counts like any DateTime property.
    private const long TimestampBytes = 8 + 2 * 9 + 8;

    public static long Of(TableEntity entity)
    {
        var size = 4 + 2L * (entity.PartitionKey.Length + entity.RowKey.Length) + TimestampBytes;
        foreach (var (name, value) in entity)
        {
            if (!IsSystemProperty(name) && value is not null)
            {
                size += 8 + 2L * name.Length + ValueSize(name, value);
            }
        }

        return size;
    }

    private static bool IsSystemProperty(string name) =>
        name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag";

    private static long ValueSize(string name, object value) => value switch
    {
        string text => 4 + 2L * text.Length,
        byte[] bytes => 4 + bytes.Length,
        BinaryData data => 4 + data.ToMemory().Length,
        bool => 1,
        int => 4,
        long or double or DateTime or DateTimeOffset => 8,
        Guid => 16,
        _ => throw new ArgumentException($"Property {name} has a type that Table Storage does not store: {value.GetType()}.", nameof(value)),
    };
}
