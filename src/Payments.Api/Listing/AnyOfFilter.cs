using System.Text.Json;

namespace Payments.Api.Listing;

/// <summary>An id-like filter: one string or an array of strings, matching an item whose field equals any of them.</summary>
internal sealed class AnyOfFilter<T>(string name, Func<T, string?> field) : ListFilter<T>(name)
{
    public override Func<T, bool>? Read(JsonElement value, FieldPath path, ListQueryIssues issues)
    {
        if (QsStrings.OneOrMany(value) is not { } wanted)
        {
            issues.WrongType("string, array", path, value);
            return null;
        }

        var accepted = wanted.Select(text => text.GetString()!).ToHashSet(StringComparer.Ordinal);
        return item => field(item) is { } actual && accepted.Contains(actual);
    }
}
