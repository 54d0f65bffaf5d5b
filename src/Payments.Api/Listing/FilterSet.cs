using System.Globalization;
using System.Text.Json;
using Payments.Api.Requests;

namespace Payments.Api.Listing;

/// <summary>
/// The filters of a list route plus <c>$and</c> and <c>$or</c>: arrays of filter objects of the same shape, nestable
/// (spec §6.4). An item matches when it meets every condition given.
/// </summary>
internal sealed class FilterSet<T>
{
    private const string And = "$and";
    private const string Or = "$or";
    private readonly IReadOnlyList<ListFilter<T>> filters;

    public FilterSet(IReadOnlyList<ListFilter<T>> filters)
    {
        this.filters = filters;
        ParameterNames = [.. filters.Select(filter => filter.Name), And, Or];
    }

    /// <summary>The keys of a filter object in schema order: each filter, then <c>$and</c> and <c>$or</c>.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The top-level filters, whose unknown neighbours the route's query schema already rejected.</summary>
    public Func<T, bool> Read(ValidatedQuery query, ListQueryIssues issues) => Read(query.GetValue, FieldPath.Root, issues);

    private Func<T, bool> Read(Func<string, JsonElement?> valueOf, FieldPath path, ListQueryIssues issues)
    {
        var conditions = new List<Func<T, bool>>();
        foreach (var filter in filters)
        {
            if (valueOf(filter.Name) is { } value && filter.Read(value, path.Child(filter.Name), issues) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        if (valueOf(And) is { } and && ReadEach(and, path.Child(And), issues) is { } allOf)
        {
            conditions.Add(item => allOf.All(condition => condition(item)));
        }

        if (valueOf(Or) is { } or && ReadEach(or, path.Child(Or), issues) is { } anyOf)
        {
            conditions.Add(item => anyOf.Any(condition => condition(item)));
        }

        return item => conditions.All(condition => condition(item));
    }

    private List<Func<T, bool>>? ReadEach(JsonElement value, FieldPath path, ListQueryIssues issues)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            issues.WrongType("array", path, value);
            return null;
        }

        return [.. value.EnumerateArray().Select((element, index) =>
            ReadObject(element, path.Child(index.ToString(CultureInfo.InvariantCulture)), issues))];
    }

    private Func<T, bool> ReadObject(JsonElement value, FieldPath path, ListQueryIssues issues)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            issues.WrongType("object", path, value);
            return _ => false;
        }

        var given = value.EnumerateObject().ToDictionary(entry => entry.Name, entry => entry.Value, StringComparer.Ordinal);
        var condition = Read(name => given.TryGetValue(name, out var nested) ? nested : null, path, issues);
        issues.Unrecognized(given.Keys.Where(key => !ParameterNames.Contains(key)));
        return condition;
    }
}
