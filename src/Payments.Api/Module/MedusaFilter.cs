using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Payments.Domain.Errors;

namespace Payments.Api.Module;

/// <summary>
/// Medusa's filters (its <c>FilterableXProps</c>, as MikroORM reads them), evaluated on an entity's scalar fields:
/// a key names a field, its value is a scalar (equal), <c>null</c> (is null), an array (one of) or an object of operators
/// (<c>$eq</c>, <c>$ne</c>, <c>$in</c>, <c>$nin</c>, <c>$gt</c>, <c>$gte</c>, <c>$lt</c>, <c>$lte</c>, <c>$like</c>,
/// <c>$ilike</c>), all of which must hold; <c>$and</c> and <c>$or</c> take arrays of such filters, and <c>q</c> searches
/// the entity's ids, labels and codes, case-insensitively.
/// </summary>
internal sealed class MedusaFilter
{
    private static readonly string[] SearchedFields = ["id", "label", "code"];

    private readonly JsonElement filters;

    private MedusaFilter(JsonElement filters) => this.filters = filters;

    /// <summary>Checks every key against <paramref name="fields"/>: a filter on a field the entity lacks is Medusa's 400.</summary>
    public static MedusaFilter Of(JsonElement filters, string entity, IReadOnlySet<string> fields)
    {
        EnsureKnownFields(filters, entity, fields);
        return new MedusaFilter(filters);
    }

    /// <summary>
    /// The values a filter allows for <paramref name="field"/> when it names them (<c>"x"</c>, <c>["x", "y"]</c>,
    /// <c>{"$in": [...]}</c>, <c>{"$eq": "x"}</c>, also within <c>$and</c>), so that only those entities are read; null
    /// when it does not narrow the field that way.
    /// </summary>
    public IReadOnlyList<string>? ValuesOf(string field) => ValuesOf(filters, field);

    public bool Matches(JsonElement entity) => Matches(filters, entity);

    /// <summary>Whether the filter lets every entity through (<c>{}</c>).</summary>
    public bool IsEmpty => !filters.EnumerateObject().Any();

    private static IReadOnlyList<string>? ValuesOf(JsonElement filters, string field)
    {
        if (filters.TryGetProperty(field, out var condition) && Strings(condition) is { } direct)
        {
            return direct;
        }

        if (filters.TryGetProperty("$and", out var all) && all.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in all.EnumerateArray().Where(part => part.ValueKind == JsonValueKind.Object))
            {
                if (ValuesOf(part, field) is { } nested)
                {
                    return nested;
                }
            }
        }

        return null;
    }

    private static IReadOnlyList<string>? Strings(JsonElement condition) => condition.ValueKind switch
    {
        JsonValueKind.String => [condition.GetString()!],
        JsonValueKind.Array when condition.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
            [.. condition.EnumerateArray().Select(item => item.GetString()!)],
        JsonValueKind.Object when condition.TryGetProperty("$in", out var values) => Strings(values),
        JsonValueKind.Object when condition.TryGetProperty("$eq", out var value) && value.ValueKind == JsonValueKind.String => [value.GetString()!],
        _ => null,
    };

    private static void EnsureKnownFields(JsonElement filters, string entity, IReadOnlySet<string> fields)
    {
        foreach (var property in filters.EnumerateObject())
        {
            if (property.Name is "$and" or "$or")
            {
                if (property.Value.ValueKind != JsonValueKind.Array || property.Value.EnumerateArray().Any(part => part.ValueKind != JsonValueKind.Object))
                {
                    throw MedusaException.InvalidData($"The filter {property.Name} of {entity} must be an array of filters.");
                }

                foreach (var part in property.Value.EnumerateArray())
                {
                    EnsureKnownFields(part, entity, fields);
                }
            }
            else if (property.Name != "q" && !fields.Contains(property.Name))
            {
                throw MedusaException.InvalidData($"A {entity} has no field {property.Name} to filter on.");
            }
        }
    }

    private static bool Matches(JsonElement filters, JsonElement entity)
    {
        foreach (var property in filters.EnumerateObject())
        {
            var holds = property.Name switch
            {
                "$and" => property.Value.EnumerateArray().All(part => Matches(part, entity)),
                "$or" => property.Value.EnumerateArray().Any(part => Matches(part, entity)),
                "q" => property.Value.ValueKind != JsonValueKind.String || Searches(entity, property.Value.GetString()!),
                _ => Holds(entity.GetProperty(property.Name), property.Value),
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Searches(JsonElement entity, string text) =>
        SearchedFields.Any(field => entity.TryGetProperty(field, out var value)
            && value.ValueKind == JsonValueKind.String
            && value.GetString()!.Contains(text, StringComparison.OrdinalIgnoreCase));

    private static bool Holds(JsonElement value, JsonElement condition) => condition.ValueKind switch
    {
        JsonValueKind.Array => condition.EnumerateArray().Any(candidate => Compare(value, candidate) == 0),
        JsonValueKind.Object => condition.EnumerateObject().All(operation => Holds(value, operation.Name, operation.Value)),
        _ => Compare(value, condition) == 0,
    };

    private static bool Holds(JsonElement value, string operation, JsonElement operand) => operation switch
    {
        "$eq" => Compare(value, operand) == 0,
        "$ne" => Compare(value, operand) != 0,
        "$in" => operand.ValueKind == JsonValueKind.Array && operand.EnumerateArray().Any(candidate => Compare(value, candidate) == 0),
        "$nin" => operand.ValueKind == JsonValueKind.Array && operand.EnumerateArray().All(candidate => Compare(value, candidate) != 0),
        "$gt" => Ordered(value, operand) is > 0,
        "$gte" => Ordered(value, operand) is >= 0,
        "$lt" => Ordered(value, operand) is < 0,
        "$lte" => Ordered(value, operand) is <= 0,
        "$like" => Like(value, operand, RegexOptions.None),
        "$ilike" => Like(value, operand, RegexOptions.IgnoreCase),
        _ => throw MedusaException.InvalidData($"The filter operator {operation} is not supported."),
    };

    /// <summary>The order of two values, null when they cannot be ordered (a null, or values of different kinds).</summary>
    private static int? Ordered(JsonElement value, JsonElement operand) =>
        value.ValueKind == JsonValueKind.Null || operand.ValueKind == JsonValueKind.Null ? null : Compare(value, operand);

    private static bool Like(JsonElement value, JsonElement pattern, RegexOptions options)
    {
        if (value.ValueKind != JsonValueKind.String || pattern.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var expression = "^" + Regex.Escape(pattern.GetString()!).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(value.GetString()!, expression, options | RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>
    /// Medusa's comparison of a field's value with a filter's: numbers (amounts as their value, raw amounts included) as
    /// decimals, timestamps as instants, strings ordinally; null is equal only to null and sorts first.
    /// </summary>
    public static int Compare(JsonElement value, JsonElement operand)
    {
        if (Number(value) is { } left && Number(operand) is { } right)
        {
            return left.CompareTo(right);
        }

        return (value.ValueKind, operand.ValueKind) switch
        {
            (JsonValueKind.Null, JsonValueKind.Null) => 0,
            (JsonValueKind.Null, _) => -1,
            (_, JsonValueKind.Null) => 1,
            (JsonValueKind.String, JsonValueKind.String) when Instant(value) is { } at && Instant(operand) is { } other => at.CompareTo(other),
            (JsonValueKind.String, JsonValueKind.String) => string.CompareOrdinal(value.GetString(), operand.GetString()),
            (JsonValueKind.True or JsonValueKind.False, JsonValueKind.True or JsonValueKind.False) => value.GetBoolean().CompareTo(operand.GetBoolean()),
            _ => string.CompareOrdinal(value.GetRawText(), operand.GetRawText()),
        };
    }

    private static decimal? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
        JsonValueKind.Object when value.TryGetProperty("value", out var raw) && raw.ValueKind == JsonValueKind.String
            && decimal.TryParse(raw.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    /// <summary>Timestamps as Medusa writes them (ISO 8601 with a zone); ids and codes never parse as one.</summary>
    private static DateTimeOffset? Instant(JsonElement value) =>
        value.GetString() is { Length: >= 20 } text && char.IsAsciiDigit(text[0]) && text[10] == 'T'
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant)
            ? instant
            : null;
}
