namespace Payments.Api.Serialization.Resources;

/// <summary>Child arrays are ordered by <c>created_at</c>, then <c>id</c> (spec §1.8).</summary>
internal static class CreationOrder
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> items, Func<T, DateTimeOffset> createdAt, Func<T, string> id) =>
        items.OrderBy(createdAt).ThenBy(id, StringComparer.Ordinal);
}
