using System.Text.Json;
using Payments.Api.Requests;

namespace Payments.Api.Listing;

/// <summary>
/// A timestamp filter (spec §6.4): an ISO 8601 timestamp, or an array of them (any of them), for equality; or an
/// operator object with <c>$eq</c>, <c>$ne</c> (a timestamp or an array), <c>$in</c>, <c>$nin</c> (arrays), <c>$gt</c>,
/// <c>$gte</c>, <c>$lt</c>, <c>$lte</c> (one timestamp). A timestamp without an offset is UTC.
/// </summary>
/// <remarks>
/// An unset timestamp behaves as a SQL NULL does in Medusa's database: it matches no comparison, except equality with
/// the text <c>null</c> (<c>deleted_at=null</c>, <c>deleted_at[$eq]=null</c>); <c>$ne</c>/<c>$nin</c> with <c>null</c>
/// therefore mean "is set".
/// </remarks>
internal sealed class TimestampFilter<T>(string name, Func<T, DateTimeOffset?> field) : ListFilter<T>(name)
{
    private delegate Func<DateTimeOffset?, bool>? OperandReader(JsonElement operand, FieldPath path, ListQueryIssues issues);

    /// <summary>The supported operators in schema order, each reading its operand into a condition on a timestamp.</summary>
    private static readonly OrderedDictionary<string, OperandReader> ComparisonOperators = new(StringComparer.Ordinal)
    {
        ["$eq"] = (operand, path, issues) => ReadSet(operand, path, issues, singleAllowed: true) is { } set ? set.Contains : null,
        ["$ne"] = (operand, path, issues) => ReadSet(operand, path, issues, singleAllowed: true) is { } set ? set.Excludes : null,
        ["$in"] = (operand, path, issues) => ReadSet(operand, path, issues, singleAllowed: false) is { } set ? set.Contains : null,
        ["$nin"] = (operand, path, issues) => ReadSet(operand, path, issues, singleAllowed: false) is { } set ? set.Excludes : null,
        ["$gt"] = (operand, path, issues) => ReadBound(operand, path, issues) is { } bound ? timestamp => timestamp > bound : null,
        ["$gte"] = (operand, path, issues) => ReadBound(operand, path, issues) is { } bound ? timestamp => timestamp >= bound : null,
        ["$lt"] = (operand, path, issues) => ReadBound(operand, path, issues) is { } bound ? timestamp => timestamp < bound : null,
        ["$lte"] = (operand, path, issues) => ReadBound(operand, path, issues) is { } bound ? timestamp => timestamp <= bound : null,
    };

    private static readonly string[] TextOperators = ["$like", "$ilike", "$re", "$contains"];

    public override Func<T, bool>? Read(JsonElement value, FieldPath path, ListQueryIssues issues)
    {
        Func<DateTimeOffset?, bool>? condition = value.ValueKind == JsonValueKind.Object
            ? ReadOperators(value, path, issues)
            : ReadSet(value, path, issues, singleAllowed: true) is { } equal ? equal.Contains : null;
        return condition is null ? null : item => condition(field(item));
    }

    private static Func<DateTimeOffset?, bool> ReadOperators(JsonElement operators, FieldPath path, ListQueryIssues issues)
    {
        var given = operators.EnumerateObject().ToDictionary(entry => entry.Name, entry => entry.Value, StringComparer.Ordinal);
        var conditions = new List<Func<DateTimeOffset?, bool>>();
        foreach (var (name, read) in ComparisonOperators)
        {
            if (given.TryGetValue(name, out var operand) && read(operand, path.Child(name), issues) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        if (JavaScriptPropertyOrder.Of(given.Keys).FirstOrDefault(TextOperators.Contains) is { } unsupported)
        {
            issues.UnsupportedOperator(unsupported, path);
        }

        issues.Unrecognized(given.Keys.Where(key => !ComparisonOperators.ContainsKey(key) && !TextOperators.Contains(key)));
        return timestamp => conditions.All(condition => condition(timestamp));
    }

    private static TimestampSet? ReadSet(JsonElement operand, FieldPath path, ListQueryIssues issues, bool singleAllowed)
    {
        if ((singleAllowed ? QsStrings.OneOrMany(operand) : QsStrings.Many(operand)) is not { } texts)
        {
            issues.WrongType(singleAllowed ? "string, array" : "array", path, operand);
            return null;
        }

        var timestamps = new HashSet<DateTimeOffset>();
        var includesUnset = false;
        foreach (var text in texts)
        {
            if (text.ValueEquals("null"))
            {
                includesUnset = true;
            }
            else if (TryParse(text, out var timestamp))
            {
                timestamps.Add(timestamp);
            }
            else
            {
                issues.WrongType("date", path, text);
                return null;
            }
        }

        return new TimestampSet(timestamps, includesUnset);
    }

    private static DateTimeOffset? ReadBound(JsonElement operand, FieldPath path, ListQueryIssues issues)
    {
        if (operand.ValueKind != JsonValueKind.String)
        {
            issues.WrongType("string", path, operand);
            return null;
        }

        if (!TryParse(operand, out var bound))
        {
            issues.WrongType("date", path, operand);
            return null;
        }

        return bound;
    }

    /// <summary>
    /// ISO 8601 as System.Text.Json reads it. A time without an offset is taken as UTC, as Medusa's database reads it,
    /// rather than as this machine's local time.
    /// </summary>
    private static bool TryParse(JsonElement text, out DateTimeOffset timestamp)
    {
        if (!text.TryGetDateTimeOffset(out timestamp))
        {
            return false;
        }

        if (text.TryGetDateTime(out var withoutOffset) && withoutOffset.Kind == DateTimeKind.Unspecified)
        {
            timestamp = new DateTimeOffset(withoutOffset, TimeSpan.Zero);
        }

        return true;
    }

    /// <summary>Timestamps compared for equality; <see cref="IncludesUnset"/> when the query named <c>null</c>.</summary>
    private sealed record TimestampSet(IReadOnlySet<DateTimeOffset> Timestamps, bool IncludesUnset)
    {
        public bool Contains(DateTimeOffset? timestamp) =>
            timestamp is { } set ? Timestamps.Contains(set) : IncludesUnset;

        /// <summary>SQL's <c>&lt;&gt;</c> and <c>NOT IN</c>: an unset timestamp matches neither.</summary>
        public bool Excludes(DateTimeOffset? timestamp) => timestamp is { } set && !Timestamps.Contains(set);
    }
}
