using System.Globalization;
using System.Text.Json;

namespace Payments.CommerceBackend;

/// <summary>Reads of a Medusa answer's fields; a missing or mistyped field throws, and the read fails as malformed.</summary>
internal static class MedusaJson
{
    public static JsonElement Object(JsonElement parent, string name) =>
        parent.GetProperty(name) is { ValueKind: JsonValueKind.Object } value ? value : throw Mistyped(name, "an object");

    public static string String(JsonElement parent, string name) =>
        parent.GetProperty(name).GetString() is { Length: > 0 } value ? value : throw Mistyped(name, "a non-empty string");

    public static string? OptionalString(JsonElement parent, string name) => Optional(parent, name)?.GetString();

    public static decimal Decimal(JsonElement parent, string name) => parent.GetProperty(name).GetDecimal();

    public static DateTimeOffset? OptionalTimestamp(JsonElement parent, string name) =>
        OptionalString(parent, name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    /// <summary>A value kept as the backend sent it, when it is of <paramref name="kind"/>; absent or null is null.</summary>
    public static JsonElement? OptionalJson(JsonElement parent, string name, JsonValueKind kind) => Optional(parent, name) switch
    {
        null => null,
        { } value when value.ValueKind == kind => value.Clone(),
        _ => throw Mistyped(name, kind.ToString()),
    };

    private static JsonElement? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static InvalidOperationException Mistyped(string name, string expected) => new($"{name} is not {expected}.");
}
