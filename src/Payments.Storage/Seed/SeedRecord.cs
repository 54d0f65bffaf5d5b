using System.Text.Json;
using Payments.Storage.Tables;

namespace Payments.Storage.Seed;

/// <summary>One record of a seed file section, read with errors that name it: <c>carts[2] (cart_x): total must be a number</c>.</summary>
internal sealed class SeedRecord
{
    private readonly JsonElement @record;
    private readonly string label;

    public SeedRecord(string section, int index, JsonElement record, IReadOnlyCollection<string> properties)
    {
        this.record = record;
        label = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? $"{section}[{index}] ({id.GetString()})"
            : $"{section}[{index}]";
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{label} must be an object.");
        }

        foreach (var property in record.EnumerateObject())
        {
            if (!properties.Contains(property.Name))
            {
                throw Invalid($"unknown property {property.Name} (expected {string.Join(", ", properties)})");
            }
        }
    }

    public string String(string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Invalid($"{name} must be a non-empty string");

    /// <summary>A string that becomes a table key.</summary>
    public string Key(string name)
    {
        var key = String(name);
        return TableKey.IsValid(key) ? key : throw Invalid($"{name} cannot hold / \\ # ? or control characters, nor be longer than 512 characters");
    }

    public string? OptionalString(string name) => Optional(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw Invalid($"{name} must be a string or null"),
    };

    public decimal Number(string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : throw Invalid($"{name} must be a number");

    public DateTimeOffset? OptionalTimestamp(string name) => Optional(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value when value.TryGetDateTimeOffset(out var time) => time,
        _ => throw Invalid($"{name} must be an ISO 8601 timestamp or null"),
    };

    /// <summary>An array of strings in its order; absent or null is empty.</summary>
    public IReadOnlyList<string> StringList(string name) => Optional(name) switch
    {
        null => [],
        { ValueKind: JsonValueKind.Array } array when array.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
            array.EnumerateArray().Select(item => item.GetString()!).ToList(),
        _ => throw Invalid($"{name} must be an array of strings"),
    };

    /// <summary>A JSON value of one kind (an object, an array), kept as it is; absent or null is null.</summary>
    public JsonElement? OptionalJson(string name, JsonValueKind kind, string description) => Optional(name) switch
    {
        null => null,
        { } value when value.ValueKind == kind => value.Clone(),
        _ => throw Invalid($"{name} must be {description} or null"),
    };

    public InvalidDataException Invalid(string problem) => new($"{label}: {problem}");

    private JsonElement? Optional(string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
