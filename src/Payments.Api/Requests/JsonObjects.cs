using System.Buffers;
using System.Text.Json;

namespace Payments.Api.Requests;

/// <summary>
/// Repeated keys read the way JSON.parse reads them, at every depth: the last value wins, at the place of the first.
/// A parsed body never holds a repeated key after <see cref="WithoutRepeatedKeys"/>, so nothing downstream (provider
/// data merges, the storage serializer) meets one.
/// </summary>
internal static class JsonObjects
{
    public static OrderedDictionary<string, JsonElement> LastValuePerName(JsonElement jsonObject)
    {
        var values = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in jsonObject.EnumerateObject())
        {
            values[property.Name] = property.Value;
        }

        return values;
    }

    /// <summary>The value itself when no object in it repeats a key (the usual case), else a copy without the repeats.</summary>
    public static JsonElement WithoutRepeatedKeys(JsonElement value)
    {
        if (!RepeatsAKey(value))
        {
            return value;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JavaScriptJson.WriterOptions))
        {
            WriteLastValues(writer, value);
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private static bool RepeatsAKey(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    if (!names.Add(property.Name) || RepeatsAKey(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                return value.EnumerateArray().Any(RepeatsAKey);
            default:
                return false;
        }
    }

    private static void WriteLastValues(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var (name, propertyValue) in LastValuePerName(value))
                {
                    writer.WritePropertyName(name);
                    WriteLastValues(writer, propertyValue);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteLastValues(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
