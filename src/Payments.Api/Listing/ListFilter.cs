using System.Text.Json;

namespace Payments.Api.Listing;

/// <summary>A filter parameter of a list route: reads its qs value into a condition on an item.</summary>
internal abstract class ListFilter<T>(string name)
{
    public string Name { get; } = name;

    /// <returns>The condition, or null when the value has issues, which are recorded in <paramref name="issues"/>.</returns>
    public abstract Func<T, bool>? Read(JsonElement value, FieldPath path, ListQueryIssues issues);
}
