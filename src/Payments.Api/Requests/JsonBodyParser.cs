using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Payments.Api.Requests;

/// <summary>
/// Parses a JSON body the way Express's strict JSON parser does: only an object or an array may stand at the top,
/// and a syntax error becomes a 400 whose message follows V8's JSON.parse wording. Beyond JSON.parse, text that a
/// .NET string cannot hold faithfully is refused rather than mended (bytes that are not UTF-8, an escaped surrogate
/// without its pair), and so is nesting deeper than <see cref="MaxDepth"/>; a repeated key keeps its last value at
/// every depth, as JSON.parse does.
/// </summary>
internal static class JsonBodyParser
{
    public const string UnexpectedEndMessage = "Unexpected end of JSON input";

    /// <summary>
    /// How deeply a body may nest, the body object itself being level 1. Far beyond any real payment request; stored
    /// documents add a few levels around a session's <c>data</c>, and the storage serializer allows 64.
    /// </summary>
    public const int MaxDepth = 32;

    public const string NotUtf8Message = "Request body is not valid UTF-8";

    public static readonly string TooDeepMessage = $"Request body nests deeper than {MaxDepth} levels";

    /// <summary>V8 quotes the whole source when it is this short, and ten characters either side otherwise.</summary>
    private const int ContextCharacters = 10;

    private static readonly SearchValues<byte> JsonWhitespace = SearchValues.Create(" \t\n\r"u8);

    public static JsonElement Parse(ReadOnlyMemory<byte> utf8Json)
    {
        var first = FirstSignificantByte(utf8Json.Span);
        if (first < 0)
        {
            throw RequestBodyException.Malformed(UnexpectedEndMessage);
        }

        if (!Utf8.IsValid(utf8Json.Span))
        {
            throw RequestBodyException.Malformed(NotUtf8Message);
        }

        if (utf8Json.Span[first] is not ((byte)'{' or (byte)'['))
        {
            throw RequestBodyException.Malformed(UnexpectedToken(utf8Json.Span, first));
        }

        Check(utf8Json.Span);
        return JsonObjects.WithoutRepeatedKeys(JsonElement.Parse(utf8Json.Span, new JsonDocumentOptions { MaxDepth = MaxDepth }));
    }

    /// <summary>One pass over the tokens: syntax, depth, and the escapes of every string and property name.</summary>
    private static void Check(ReadOnlySpan<byte> utf8Json)
    {
        // One level more than allowed, so that the reader hands over the offending token instead of failing on it.
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= MaxDepth:
                        throw RequestBodyException.Malformed(TooDeepMessage);
                    case JsonTokenType.PropertyName or JsonTokenType.String when reader.ValueIsEscaped:
                        SurrogateEscapes.EnsurePaired(reader.ValueSpan);
                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            throw RequestBodyException.Malformed(Describe(utf8Json, exception));
        }
    }

    private static int FirstSignificantByte(ReadOnlySpan<byte> utf8Json) =>
        utf8Json.IndexOfAnyExcept(JsonWhitespace);

    private static string Describe(ReadOnlySpan<byte> utf8Json, JsonException exception)
    {
        if (IsTruncated(utf8Json))
        {
            return UnexpectedEndMessage;
        }

        var offset = ByteOffset(utf8Json, exception.LineNumber ?? 0, exception.BytePositionInLine ?? 0);
        return offset < utf8Json.Length ? UnexpectedToken(utf8Json, offset) : UnexpectedEndMessage;
    }

    /// <summary>A body is truncated when a reader that expects more data finds nothing wrong with it.</summary>
    private static bool IsTruncated(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int ByteOffset(ReadOnlySpan<byte> utf8Json, long lineNumber, long bytePositionInLine)
    {
        var lineStart = 0;
        for (var line = 0L; line < lineNumber; line++)
        {
            var newline = utf8Json[lineStart..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            lineStart += newline + 1;
        }

        return (int)Math.Min(utf8Json.Length, lineStart + bytePositionInLine);
    }

    private static string UnexpectedToken(ReadOnlySpan<byte> utf8Json, int byteOffset)
    {
        var source = Encoding.UTF8.GetString(utf8Json);
        var position = Encoding.UTF8.GetCharCount(utf8Json[..byteOffset]);
        position -= char.IsLowSurrogate(source[position]) ? 1 : 0;
        var token = char.IsHighSurrogate(source[position]) ? source.Substring(position, 2) : source[position].ToString();
        return $"Unexpected token '{token}', {Context(source, position)} is not valid JSON";
    }

    /// <summary>The quoted source around the position, never cutting a surrogate pair (a half could not be written out).</summary>
    private static string Context(string source, int position)
    {
        if (source.Length <= (2 * ContextCharacters) + 1)
        {
            return $"\"{source}\"";
        }

        var start = Math.Max(0, position - ContextCharacters);
        var end = Math.Min(source.Length, position + ContextCharacters);
        start -= start > 0 && char.IsLowSurrogate(source[start]) ? 1 : 0;
        end += end < source.Length && char.IsLowSurrogate(source[end]) ? 1 : 0;
        var before = start > 0 ? "..." : "";
        var after = end < source.Length ? "..." : "";
        return $"{before}\"{source[start..end]}\"{after}";
    }
}
