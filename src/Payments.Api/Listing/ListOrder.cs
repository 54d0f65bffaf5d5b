using Payments.Domain.Errors;

namespace Payments.Api.Listing;

/// <summary>
/// The <c>order</c> parameter: <c>field</c> ascending or <c>-field</c> descending, ties broken by the default order;
/// without it, the default order (ascending). Unset values sort last ascending and first descending, as in Postgres.
/// </summary>
internal sealed class ListOrder<T>
{
    private readonly IReadOnlyDictionary<string, Comparison<T>> fields;
    private readonly IReadOnlyList<string> defaultOrder;
    private readonly Comparison<T> defaultComparison;

    /// <param name="fields">Each orderable field with its ascending comparison.</param>
    /// <param name="defaultOrder">The fields a list is ordered by when <c>order</c> is absent.</param>
    public ListOrder(IReadOnlyDictionary<string, Comparison<T>> fields, IReadOnlyList<string> defaultOrder)
    {
        if (defaultOrder.Count == 0 || defaultOrder.Any(name => !fields.ContainsKey(name)))
        {
            throw new ArgumentException("The default order must name orderable fields.", nameof(defaultOrder));
        }

        this.fields = fields;
        this.defaultOrder = defaultOrder;
        defaultComparison = Then([.. defaultOrder.Select(name => fields[name])]);
    }

    /// <returns>The comparer, and the fields it reads: the requested one, then the default order's.</returns>
    /// <exception cref="MedusaException"><c>invalid_data</c> "Order field &lt;field&gt; is not valid".</exception>
    public (IComparer<T> Comparer, IReadOnlyList<string> Fields) Read(string? order)
    {
        if (order is null)
        {
            return (Comparer<T>.Create(defaultComparison), defaultOrder);
        }

        var descending = order.StartsWith('-');
        var name = descending ? order[1..] : order;
        if (!fields.TryGetValue(name, out var ascending))
        {
            throw MedusaException.InvalidData($"Order field {name} is not valid");
        }

        Comparison<T> requested = descending ? (left, right) => ascending(right, left) : ascending;
        return (Comparer<T>.Create(Then([requested, defaultComparison])), [name, .. defaultOrder]);
    }

    private static Comparison<T> Then(IReadOnlyList<Comparison<T>> comparisons) => (left, right) =>
    {
        foreach (var comparison in comparisons)
        {
            if (comparison(left, right) is var result and not 0)
            {
                return result;
            }
        }

        return 0;
    };
}
