using System.Text.Json;

namespace Payments.Api.Listing;

/// <summary><c>q</c>: a case-insensitive substring of any of the searched fields.</summary>
internal sealed class SearchFilter<T>(IReadOnlyList<Func<T, string?>> fields) : ListFilter<T>("q")
{
    public override Func<T, bool>? Read(JsonElement value, FieldPath path, ListQueryIssues issues)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            issues.WrongType("string", path, value);
            return null;
        }

        var text = value.GetString()!;
        return item => fields.Any(field => field(item)?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);
    }
}
