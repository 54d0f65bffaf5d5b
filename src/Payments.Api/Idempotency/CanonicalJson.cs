using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Payments.Api.Idempotency;

/// <summary>
/// JSON written so that two texts JavaScript's JSON.parse reads as the same value are written the same: object keys
/// sorted (a repeated key keeps its last value), strings unescaped, numbers by exact value (<c>1.50</c>, <c>1.5</c> and
/// <c>15e-1</c> are one number; a difference in the 40th digit is a different one, since <c>data</c> reaches the
/// provider as sent).
/// </summary>
internal static class CanonicalJson
{
    public static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in LastOfEachName(element).OrderBy(property => property.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(ExactNumber(element.GetRawText()), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static IEnumerable<JsonProperty> LastOfEachName(JsonElement element) =>
        element.EnumerateObject()
            .GroupBy(property => property.Name, StringComparer.Ordinal)
            .Select(sameName => sameName.Last());

    /// <summary>
    /// A JSON number as <c>&lt;digits&gt;e&lt;exponent&gt;</c> with no leading or trailing zero in the digits: one text per
    /// value, however many digits the number has (a decimal or a double would round them).
    /// </summary>
    private static string ExactNumber(string json)
    {
        var negative = json.StartsWith('-');
        var unsigned = negative ? json[1..] : json;
        var exponentAt = unsigned.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? unsigned : unsigned[..exponentAt];
        var exponent = exponentAt < 0 ? BigInteger.Zero : BigInteger.Parse(unsigned[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var pointAt = mantissa.IndexOf('.');
        var fraction = pointAt < 0 ? string.Empty : mantissa[(pointAt + 1)..];
        var digits = ((pointAt < 0 ? mantissa : mantissa[..pointAt]) + fraction).TrimStart('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var significant = digits.TrimEnd('0');
        exponent += digits.Length - significant.Length - fraction.Length;
        return new StringBuilder().Append(negative ? "-" : string.Empty).Append(significant).Append('e').Append(exponent.ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
