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

    /// <summary>
    /// The top-level filters, whose unknown neighbours the route's query schema already rejected: one condition per
    /// filter given and per <c>$and</c> or <c>$or</c>, all of which an item must meet.
    /// </summary>
    public IReadOnlyList<ListCondition<T>> Read(ValidatedQuery query, ListQueryIssues issues) => Read(query.GetValue, FieldPath.Root, issues);

    private List<ListCondition<T>> Read(Func<string, JsonElement?> valueOf, FieldPath path, ListQueryIssues issues)
    {
        var conditions = new List<ListCondition<T>>();
        foreach (var filter in filters)
        {
            if (valueOf(filter.Name) is { } value && filter.Read(value, path.Child(filter.Name), issues) is { } condition)
            {
                conditions.Add(ListCondition<T>.On(filter.Name, condition));
            }
        }

        if (valueOf(And) is { } and && ReadEach(and, path.Child(And), issues) is { } allOf)
        {
            conditions.Add(ListCondition<T>.All(allOf));
        }

        if (valueOf(Or) is { } or && ReadEach(or, path.Child(Or), issues) is { } anyOf)
        {
            conditions.Add(ListCondition<T>.Any(anyOf));
        }

        return conditions;
    }

    private List<ListCondition<T>>? ReadEach(JsonElement value, FieldPath path, ListQueryIssues issues)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            issues.WrongType("array", path, value);
            return null;
        }

        return [.. value.EnumerateArray().Select((element, index) =>
            ReadObject(element, path.Child(index.ToString(CultureInfo.InvariantCulture)), issues))];
    }

    private ListCondition<T> ReadObject(JsonElement value, FieldPath path, ListQueryIssues issues)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            issues.WrongType("object", path, value);
            return ListCondition<T>.Any([]);
        }

        var given = value.EnumerateObject().ToDictionary(entry => entry.Name, entry => entry.Value, StringComparer.Ordinal);
        var condition = ListCondition<T>.All(Read(name => given.TryGetValue(name, out var nested) ? nested : null, path, issues));
        issues.Unrecognized(given.Keys.Where(key => !ParameterNames.Contains(key)));
        return condition;
    }
}
