using Payments.Api.Requests;

namespace Payments.Api.Listing;

/// <summary>
/// The query of one admin list route (spec §6.4, §6.8, §6.13): <c>fields</c>, <c>offset</c>, <c>limit</c>, <c>order</c>,
/// <c>with_deleted</c>, then the resource's filters and <c>$and</c>/<c>$or</c>. Declare one per resource with
/// <see cref="ListSchemaBuilder{T}"/>; validate a request with <see cref="Query"/>, then <see cref="Read"/> it.
/// </summary>
public sealed class ListSchema<T>
{
    private static readonly QueryParameter Order = QueryParameter.String("order");
    private static readonly QueryParameter WithDeleted = QueryParameter.Boolean("with_deleted");
    private readonly QueryParameter limit;
    private readonly FilterSet<T> filters;
    private readonly ListOrder<T> order;

    internal ListSchema(int defaultLimit, FilterSet<T> filters, ListOrder<T> order)
    {
        limit = QueryParameter.Limit(defaultLimit);
        this.filters = filters;
        this.order = order;
        Query = new QuerySchema(
        [
            QueryParameter.Fields,
            QueryParameter.Offset,
            limit,
            Order,
            WithDeleted,
            .. filters.ParameterNames.Select(QueryParameter.Any),
        ]);
    }

    /// <summary>The strict query schema of the route: unknown parameters fail with "Unrecognized fields".</summary>
    public QuerySchema Query { get; }

    /// <summary>Reads the filters and the order of a query that passed <see cref="Query"/>.</summary>
    /// <exception cref="Payments.Domain.Errors.MedusaException">
    /// <c>invalid_data</c>: "Invalid request: …" for a filter of the wrong shape, an invalid timestamp or an unsupported
    /// operator; "Order field &lt;field&gt; is not valid" for a field the resource cannot be ordered by.
    /// </exception>
    public ListQuery<T> Read(ValidatedQuery query)
    {
        var issues = new ListQueryIssues();
        var conditions = filters.Read(query, issues);
        issues.ThrowIfAny();
        var (comparer, orderFields) = order.Read(query.GetString(Order.Name));
        return new ListQuery<T>(
            conditions,
            comparer,
            orderFields,
            query.GetInteger(QueryParameter.Offset.Name),
            query.GetInteger(limit.Name),
            query.GetBoolean(WithDeleted.Name) ?? false);
    }

    /// <summary><see cref="Read"/> then <see cref="ListQuery{T}.Apply"/>, for routes that need nothing in between.</summary>
    public ListPage<T> Apply(IEnumerable<T> items, ValidatedQuery query) => Read(query).Apply(items);
}
