namespace Payments.Api.Listing;

/// <summary>A list request whose filters, order and pagination passed their checks: apply it to the items.</summary>
public sealed class ListQuery<T>
{
    private readonly Func<T, bool> _filter;
    private readonly IComparer<T> _order;
    private readonly int _offset;
    private readonly int _limit;

    internal ListQuery(Func<T, bool> filter, IComparer<T> order, int offset, int limit, bool withDeleted)
    {
        _filter = filter;
        _order = order;
        _offset = offset;
        _limit = limit;
        WithDeleted = withDeleted;
    }

    /// <summary><c>with_deleted=true</c>: soft-deleted items belong in the list. The caller decides which items it passes.</summary>
    public bool WithDeleted { get; }

    /// <summary>Filters and orders the items, counts them, then skips <c>offset</c> and takes <c>limit</c>.</summary>
    public ListPage<T> Apply(IEnumerable<T> items)
    {
        var matching = items.Where(_filter).Order(_order).ToList();
        return new ListPage<T>([.. matching.Skip(_offset).Take(_limit)], matching.Count, _offset, _limit);
    }
}
