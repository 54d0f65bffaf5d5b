namespace Payments.Api.Listing;

/// <summary>
/// Declares a <see cref="ListSchema{T}"/>: its filters in schema order (the order validation issues are reported in),
/// the fields it can be ordered by, and its default order and limit. Every filtered field is also orderable.
/// </summary>
public sealed class ListSchemaBuilder<T>(int defaultLimit)
{
    private readonly List<ListFilter<T>> filters = [];
    private readonly Dictionary<string, Comparison<T>> orderableFields = new(StringComparer.Ordinal);

    /// <summary>An id-like field, filtered by one string or an array of strings (any of them).</summary>
    public ListSchemaBuilder<T> AnyOf(string name, Func<T, string?> field)
    {
        filters.Add(new AnyOfFilter<T>(name, field));
        return Orderable(name, field);
    }

    /// <summary>A timestamp field, filtered by a timestamp or an operator object (see spec §6.4).</summary>
    public ListSchemaBuilder<T> Timestamp(string name, Func<T, DateTimeOffset?> field)
    {
        filters.Add(new TimestampFilter<T>(name, field));
        return Orderable(name, field);
    }

    /// <summary>A boolean field, filtered by <c>true</c>/<c>false</c> in any letter case.</summary>
    public ListSchemaBuilder<T> Boolean(string name, Func<T, bool> field)
    {
        filters.Add(new BooleanFilter<T>(name, field));
        return Ordered(name, (left, right) => field(left).CompareTo(field(right)));
    }

    /// <summary><c>q</c>: a case-insensitive substring of any of these fields.</summary>
    public ListSchemaBuilder<T> Search(params Func<T, string?>[] fields)
    {
        filters.Add(new SearchFilter<T>(fields));
        return this;
    }

    /// <summary>A text field that can be ordered by, not filtered: ordinal comparison.</summary>
    public ListSchemaBuilder<T> Orderable(string name, Func<T, string?> field) =>
        Ordered(name, (left, right) => UnsetLast(field(left), field(right), StringComparer.Ordinal));

    /// <summary>A timestamp field that can be ordered by, not filtered.</summary>
    public ListSchemaBuilder<T> Orderable(string name, Func<T, DateTimeOffset?> field) =>
        Ordered(name, (left, right) => UnsetLast(field(left), field(right), Comparer<DateTimeOffset?>.Default));

    /// <summary>An amount that can be ordered by, not filtered.</summary>
    public ListSchemaBuilder<T> Orderable(string name, Func<T, decimal> field) =>
        Ordered(name, (left, right) => field(left).CompareTo(field(right)));

    /// <param name="defaultOrder">The fields a list is ordered by, ascending, when <c>order</c> is absent; they also
    /// break ties of an explicit <c>order</c>.</param>
    public ListSchema<T> Build(params string[] defaultOrder) => new(
        defaultLimit,
        new FilterSet<T>([.. filters]),
        new ListOrder<T>(new Dictionary<string, Comparison<T>>(orderableFields, StringComparer.Ordinal), defaultOrder));

    private ListSchemaBuilder<T> Ordered(string name, Comparison<T> ascending)
    {
        orderableFields.Add(name, ascending);
        return this;
    }

    private static int UnsetLast<TValue>(TValue left, TValue right, IComparer<TValue> comparer) => (left, right) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        _ => comparer.Compare(left, right),
    };
}
