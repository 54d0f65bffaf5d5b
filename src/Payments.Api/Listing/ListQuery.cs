namespace Payments.Api.Listing;

/// <summary>A list request whose filters, order and pagination passed their checks: apply it to the items.</summary>
public sealed class ListQuery<T>
{
    private readonly Func<T, bool> filter;
    private readonly IComparer<T> order;
    private readonly int offset;
    private readonly int limit;

    internal ListQuery(Func<T, bool> filter, IComparer<T> order, int offset, int limit, bool withDeleted)
    {
        this.filter = filter;
        this.order = order;
        this.offset = offset;
        this.limit = limit;
        WithDeleted = withDeleted;
    }

    /// <summary><c>with_deleted=true</c>: soft-deleted items belong in the list. The caller decides which items it passes.</summary>
    public bool WithDeleted { get; }

    /// <summary>Filters and orders the items, counts them, then skips <c>offset</c> and takes <c>limit</c>.</summary>
    public ListPage<T> Apply(IEnumerable<T> items)
    {
        var matching = items.Where(filter).Order(order).ToList();
        return new ListPage<T>([.. matching.Skip(offset).Take(limit)], matching.Count, offset, limit);
    }
}
