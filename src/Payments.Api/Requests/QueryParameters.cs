using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Payments.Api.Serialization;

namespace Payments.Api.Requests;

/// <summary>
/// A query string as Medusa's routes see it (spec §1.3): parsed with Express's qs conventions, then a top-level
/// array holding one string is split on its commas (<c>id[]=a,b</c> → <c>["a","b"]</c>).
/// </summary>
public sealed class QueryParameters
{
    private QueryParameters(JsonElement values) => Values = values;

    /// <summary>A JSON object whose values are strings, arrays and objects, as qs builds them.</summary>
    public JsonElement Values { get; }

    public static QueryParameters From(HttpRequest request) => Parse(request.QueryString.Value);

    /// <param name="queryString">The raw, still encoded query string, with or without its leading <c>?</c>.</param>
    public static QueryParameters Parse(string? queryString)
    {
        var text = queryString ?? "";
        var withoutPrefix = text.StartsWith('?') ? text[1..] : text;
        return new QueryParameters(SplitSingleStringArrays(QsParser.Parse(withoutPrefix, QsLimits.Query)));
    }

    private static JsonElement SplitSingleStringArrays(JsonElement parsed)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JavaScriptJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var parameter in parsed.EnumerateObject())
            {
                writer.WritePropertyName(parameter.Name);
                if (parameter.Value is { ValueKind: JsonValueKind.Array } array
                    && array.GetArrayLength() == 1
                    && array[0].ValueKind == JsonValueKind.String)
                {
                    writer.WriteStartArray();
                    foreach (var piece in array[0].GetString()!.Split(','))
                    {
                        writer.WriteStringValue(piece);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    parameter.Value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }
}
