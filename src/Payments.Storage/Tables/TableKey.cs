using System.Buffers;

namespace Payments.Storage.Tables;

/// <summary>What a PartitionKey or RowKey may hold.</summary>
internal static class TableKey
{
    // Azure rejects these in keys, with control characters; Azurite even answers 500 for '/'.
    private static readonly SearchValues<char> Forbidden = SearchValues.Create("/\\#?");

    // A key is at most 1 KiB; counted in UTF-16, whatever the service's own encoding.
    private const int MaxLength = 512;

    public static bool IsValid(string value) =>
        value.Length <= MaxLength && !value.AsSpan().ContainsAny(Forbidden) && !value.Any(char.IsControl);

    public static string EnsureValid(string value, string paramName) =>
        IsValid(value)
            ? value
            : throw new ArgumentException(
                $"'{value}' cannot be a table key: it is longer than {MaxLength} characters or holds / \\ # ? or a control character.",
                paramName);
}
