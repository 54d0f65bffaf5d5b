using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Payments.Api.Serialization;

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
                if (RepeatsANameOfItsOwn(value))
                {
                    return true;
                }

                foreach (var property in value.EnumerateObject())
                {
                    if (RepeatsAKey(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (RepeatsAKey(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>Compares the names as sent, without making strings of them, unless one is escaped or there are many.</summary>
    private static bool RepeatsANameOfItsOwn(JsonElement jsonObject)
    {
        var count = 0;
        var anyEscaped = false;
        foreach (var property in jsonObject.EnumerateObject())
        {
            count++;
            anyEscaped |= JsonMarshal.GetRawUtf8PropertyName(property).Contains((byte)'\\');
        }

        if (count < 2)
        {
            return false;
        }

        if (anyEscaped || count > 16)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in jsonObject.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    return true;
                }
            }

            return false;
        }

        var index = 0;
        foreach (var property in jsonObject.EnumerateObject())
        {
            var earlier = 0;
            foreach (var other in jsonObject.EnumerateObject())
            {
                if (earlier++ == index)
                {
                    break;
                }

                if (JsonMarshal.GetRawUtf8PropertyName(other).SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(property)))
                {
                    return true;
                }
            }

            index++;
        }

        return false;
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
