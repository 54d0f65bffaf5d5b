using System.Globalization;

namespace Payments.Api.Requests;

/// <summary>
/// The order in which JavaScript enumerates an object's keys: array-index keys ascending, then the others in
/// insertion order. Medusa lists unknown fields in that order, and qs merges query parameters in it.
/// </summary>
internal static class JavaScriptPropertyOrder
{
    public static IReadOnlyList<string> Of(IEnumerable<string> insertionOrder)
    {
        var keys = insertionOrder.Distinct(StringComparer.Ordinal).ToList();
        var indexKeys = keys.Where(IsArrayIndex).OrderBy(key => uint.Parse(key, CultureInfo.InvariantCulture));
        return [.. indexKeys, .. keys.Where(key => !IsArrayIndex(key))];
    }

    private static bool IsArrayIndex(string key) =>
        uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index != uint.MaxValue
        && index.ToString(CultureInfo.InvariantCulture) == key;
}
