namespace Payments.Api.Listing;

/// <summary>A list request whose filters, order and pagination passed their checks: apply it to the items.</summary>
public sealed class ListQuery<T>
{
    private readonly IReadOnlyList<ListCondition<T>> conditions;
    private readonly IComparer<T> order;
    private readonly int offset;
    private readonly int limit;

    /// <param name="orderFields">The fields <paramref name="order"/> reads.</param>
    internal ListQuery(IReadOnlyList<ListCondition<T>> conditions, IComparer<T> order, IReadOnlyList<string> orderFields, int offset, int limit, bool withDeleted)
    {
        this.conditions = conditions;
        this.order = order;
        this.offset = offset;
        this.limit = limit;
        WithDeleted = withDeleted;
        Fields = new HashSet<string>(conditions.SelectMany(condition => condition.Fields).Concat(orderFields), StringComparer.Ordinal);
    }

    /// <summary><c>with_deleted=true</c>: soft-deleted items belong in the list. The caller decides which items it passes.</summary>
    public bool WithDeleted { get; }

    /// <summary>Every field the query filters, searches (<c>q</c>) or orders by, the default order's included.</summary>
    public IReadOnlySet<string> Fields { get; }

    /// <summary>
    /// The query's conditions that read <paramref name="fields"/> only, all together: an item they refuse is not in the
    /// list, whatever its other fields hold. Decides with only those fields known, so that the others need not be read.
    /// </summary>
    public Func<T, bool> ConditionsOn(IReadOnlySet<string> fields)
    {
        var decidable = conditions.Where(condition => condition.Fields.IsSubsetOf(fields)).ToList();
        return item => decidable.All(condition => condition.Test(item));
    }

    /// <summary>Filters and orders the items, counts them, then skips <c>offset</c> and takes <c>limit</c>.</summary>
    public ListPage<T> Apply(IEnumerable<T> items)
    {
        var matching = items.Where(item => conditions.All(condition => condition.Test(item))).Order(order).ToList();
        return new ListPage<T>([.. matching.Skip(offset).Take(limit)], matching.Count, offset, limit);
    }
}
