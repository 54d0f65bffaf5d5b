using System.Text.Json;

namespace Payments.Api.Listing;

/// <summary>A boolean filter: <c>true</c> or <c>false</c> in any letter case, or a JSON boolean.</summary>
internal sealed class BooleanFilter<T>(string name, Func<T, bool> field) : ListFilter<T>(name)
{
    public override Func<T, bool>? Read(JsonElement value, FieldPath path, ListQueryIssues issues)
    {
        if (Flag(value) is not { } wanted)
        {
            issues.WrongType("boolean", path, value);
            return null;
        }

        return item => field(item) == wanted;
    }

    private static bool? Flag(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when value.GetString()!.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        JsonValueKind.String when value.GetString()!.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };
}
