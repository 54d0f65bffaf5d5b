namespace Payments.Api.Serialization.Resources;

/// <summary>Child arrays are ordered by <c>created_at</c>, then <c>id</c> (spec §1.8).</summary>
internal static class CreationOrder
{
    /// <summary>The items in creation order; lists already in that order (the usual case) are not copied.</summary>
    public static IEnumerable<T> Of<T>(IReadOnlyList<T> items, Func<T, DateTimeOffset> createdAt, Func<T, string> id)
    {
        for (var i = 1; i < items.Count; i++)
        {
            var (previous, current) = (items[i - 1], items[i]);
            var byTime = createdAt(previous).CompareTo(createdAt(current));
            if (byTime > 0 || (byTime == 0 && string.CompareOrdinal(id(previous), id(current)) > 0))
            {
                return items.OrderBy(createdAt).ThenBy(id, StringComparer.Ordinal);
            }
        }

        return items;
    }
}
