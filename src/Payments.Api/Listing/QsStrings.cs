using System.Text.Json;

namespace Payments.Api.Listing;

/// <summary>The string shapes a filter accepts from qs: one string, or an array of strings.</summary>
internal static class QsStrings
{
    /// <returns>The value as a list of string elements, or null when it is neither a string nor an array of strings.</returns>
    public static IReadOnlyList<JsonElement>? OneOrMany(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? [value] : Many(value);

    /// <returns>The elements of an array of strings, or null for any other shape.</returns>
    public static IReadOnlyList<JsonElement>? Many(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray()]
            : null;
}
