using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Payments.Api.Requests;

/// <summary>
/// Parses a JSON body the way Express's strict JSON parser does: only an object or an array may stand at the top,
/// and a syntax error becomes a 400 whose message follows V8's JSON.parse wording.
/// </summary>
internal static class JsonBodyParser
{
    public const string UnexpectedEndMessage = "Unexpected end of JSON input";

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

        if (utf8Json.Span[first] is not ((byte)'{' or (byte)'['))
        {
            throw RequestBodyException.Malformed(UnexpectedToken(utf8Json.Span, first));
        }

        try
        {
            return JsonElement.Parse(utf8Json.Span);
        }
        catch (JsonException exception)
        {
            throw RequestBodyException.Malformed(Describe(utf8Json.Span, exception));
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
        return $"Unexpected token '{source[position]}', {Context(source, position)} is not valid JSON";
    }

    private static string Context(string source, int position)
    {
        if (source.Length <= (2 * ContextCharacters) + 1)
        {
            return $"\"{source}\"";
        }

        var start = Math.Max(0, position - ContextCharacters);
        var end = Math.Min(source.Length, position + ContextCharacters);
        var before = start > 0 ? "..." : "";
        var after = end < source.Length ? "..." : "";
        return $"{before}\"{source[start..end]}\"{after}";
    }
}
