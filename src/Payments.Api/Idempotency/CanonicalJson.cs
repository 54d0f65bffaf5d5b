using System.Text.Json;
using Payments.Api.Serialization;

namespace Payments.Api.Idempotency;

/// <summary>
/// JSON written so that two texts JavaScript's JSON.parse reads as the same value are written the same: object keys
/// sorted (a repeated key keeps its last value), strings unescaped, numbers by value (<c>1.50</c> is <c>1.5</c>).
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
            case JsonValueKind.Number when element.TryGetDecimal(out var number):
                writer.WriteRawValue(MedusaNumber.FormatRaw(number), skipInputValidation: true);
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
}
