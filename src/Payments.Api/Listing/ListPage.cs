namespace Payments.Api.Listing;

/// <summary>
/// One page of a list route: the items after <c>offset</c> and <c>limit</c>, and <see cref="Count"/>, the number of
/// items that matched before pagination (spec §1.8: <c>{"&lt;plural&gt;": [...], "count": n, "offset": o, "limit": l}</c>).
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Count, int Offset, int Limit);
