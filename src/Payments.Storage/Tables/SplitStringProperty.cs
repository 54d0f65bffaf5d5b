using Azure.Data.Tables;

namespace Payments.Storage.Tables;

/// <summary>
/// A string stored across numbered properties <c>name_0</c>, <c>name_1</c>, … with their count in
/// <c>name_parts</c>, because a table property holds at most 64 KiB (32,768 UTF-16 code units), in Azure and in
/// Azurite alike.
/// </summary>
internal static class SplitStringProperty
{
    public const int MaxPartLength = 32_768;

    public static void Write(TableEntity entity, string name, string value)
    {
        var parts = 0;
        for (var start = 0; start < value.Length; parts++)
        {
            var end = Math.Min(start + MaxPartLength, value.Length);

            // A surrogate pair cut in two would not survive the trip as UTF-8: keep it whole in the next part.
            if (end < value.Length && char.IsHighSurrogate(value[end - 1]))
            {
                end--;
            }

            entity[PartName(name, parts)] = value[start..end];
            start = end;
        }

        entity[CountName(name)] = parts;
    }

    public static string Read(TableEntity entity, string name)
    {
        var parts = entity.GetInt32(CountName(name))
            ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} has no {CountName(name)}.");
        var values = new string[parts];
        for (var part = 0; part < parts; part++)
        {
            values[part] = entity.GetString(PartName(name, part))
                ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} lacks {PartName(name, part)}.");
        }

        return string.Concat(values);
    }

    private static string CountName(string name) => name + "_parts";

    private static string PartName(string name, int part) => $"{name}_{part}";
}
