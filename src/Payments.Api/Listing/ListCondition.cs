namespace Payments.Api.Listing;

/// <summary>A condition of a list query on an item, with the fields it reads (a filter's name, <c>q</c> for the search).</summary>
internal sealed record ListCondition<T>(Func<T, bool> Test, IReadOnlySet<string> Fields)
{
    public static ListCondition<T> On(string field, Func<T, bool> test) => new(test, new HashSet<string>([field], StringComparer.Ordinal));

    /// <summary>Every one of the conditions holds (none: always).</summary>
    public static ListCondition<T> All(IReadOnlyList<ListCondition<T>> conditions) =>
        new(item => conditions.All(condition => condition.Test(item)), FieldsOf(conditions));

    /// <summary>At least one of the conditions holds (none: never).</summary>
    public static ListCondition<T> Any(IReadOnlyList<ListCondition<T>> conditions) =>
        new(item => conditions.Any(condition => condition.Test(item)), FieldsOf(conditions));

    private static HashSet<string> FieldsOf(IEnumerable<ListCondition<T>> conditions) =>
        new(conditions.SelectMany(condition => condition.Fields), StringComparer.Ordinal);
}
