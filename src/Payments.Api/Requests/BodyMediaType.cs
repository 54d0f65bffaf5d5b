using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace Payments.Api.Requests;

/// <summary>Which of Medusa's Express body parsers reads a body.</summary>
internal enum BodyFormat
{
    /// <summary>No parser takes the content type: the body is <c>{}</c> and is never read.</summary>
    Ignored,
    Json,
    Text,
    Form,
}

/// <summary>
/// A request's <c>Content-Type</c> as body-parser judges it (type-is and media-typer): a parser takes only its own
/// media type, written as a valid <c>type/subtype</c> (so <c>*/*</c> and <c>application/*</c> name no type and are
/// not parsed); the JSON parser accepts only <c>utf-*</c> charsets that iconv-lite decodes, the form parser only
/// <c>utf-8</c>; any other charset is 415 before the body is read.
/// </summary>
internal sealed partial class BodyMediaType
{
    private static readonly BodyMediaType NotParsed = new(BodyFormat.Ignored, charset: null);

    private readonly string? charset;

    private BodyMediaType(BodyFormat format, string? charset)
    {
        Format = format;
        this.charset = charset;
    }

    public BodyFormat Format { get; }

    public static BodyMediaType Of(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !MediaTypeName().IsMatch(mediaType.MediaType.AsSpan()))
        {
            return NotParsed;
        }

        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).Value?.ToLowerInvariant();
        var type = mediaType.Type.Value!.ToLowerInvariant();
        var subtype = mediaType.SubType.Value!.ToLowerInvariant();
        var format = (type, subtype) switch
        {
            ("application", "json") => BodyFormat.Json,
            ("application", "x-www-form-urlencoded") => BodyFormat.Form,
            ("text", _) => BodyFormat.Text,
            _ => BodyFormat.Ignored,
        };
        return new BodyMediaType(format, charset);
    }

    /// <summary>Checks the charset before anything is read, as body-parser does.</summary>
    /// <exception cref="RequestBodyException">415 for a charset the format's parser refuses.</exception>
    public void EnsureSupportedCharset()
    {
        switch (Format)
        {
            case BodyFormat.Json:
                _ = JsonCharsetOrRefuse();
                break;
            case BodyFormat.Form when charset is not (null or "utf-8"):
                throw RequestBodyException.UnsupportedCharset(charset);
        }
    }

    /// <summary>The body bytes as UTF-8 for the JSON parser, without a byte order mark.</summary>
    /// <exception cref="RequestBodyException">An unsupported charset (415), or bytes that are not the declared UTF-16.</exception>
    public ReadOnlyMemory<byte> JsonAsUtf8(ReadOnlyMemory<byte> body)
    {
        var bigEndian = JsonCharsetOrRefuse() switch
        {
            JsonCharset.Utf8 => (bool?)null,
            JsonCharset.Utf16LittleEndian => false,
            JsonCharset.Utf16BigEndian => true,
            _ => IsBigEndian(body.Span),
        };
        if (bigEndian is not { } order)
        {
            return body.Span.StartsWith(Encoding.UTF8.Preamble) ? body[Encoding.UTF8.Preamble.Length..] : body;
        }

        string text;
        try
        {
            text = Utf16(order).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            throw RequestBodyException.Malformed("Request body is not valid UTF-16");
        }

        return Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? text[1..] : text);
    }

    private JsonCharset JsonCharsetOrRefuse()
    {
        var name = charset ?? "utf-8";

        // The JSON parser's own rule (RFC 7159 §8.1), before iconv-lite is asked: so "utf8" fails it.
        if (!name.StartsWith("utf-", StringComparison.Ordinal))
        {
            throw RequestBodyException.UnsupportedCharset(name);
        }

        // iconv-lite matches names on their letters and digits. UTF-7 it knows too, but .NET has retired it as unsafe.
        return string.Concat(name.Where(char.IsAsciiLetterOrDigit)) switch
        {
            "utf8" => JsonCharset.Utf8,
            "utf16le" => JsonCharset.Utf16LittleEndian,
            "utf16be" => JsonCharset.Utf16BigEndian,
            "utf16" => JsonCharset.Utf16,
            _ => throw RequestBodyException.UnsupportedCharset(name),
        };
    }

    private static Encoding Utf16(bool bigEndian) => new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>iconv-lite's guess for <c>utf-16</c>: the BOM, else where the zero bytes of ASCII text fall; little-endian by default.</summary>
    private static bool IsBigEndian(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return body[0] == 0xFE;
        }

        var (asciiBigEndian, asciiLittleEndian) = (0, 0);
        var length = Math.Min(body.Length - (body.Length % 2), 64);
        for (var i = 0; i < length; i += 2)
        {
            asciiBigEndian += body[i] == 0 && body[i + 1] != 0 ? 1 : 0;
            asciiLittleEndian += body[i] != 0 && body[i + 1] == 0 ? 1 : 0;
        }

        return asciiBigEndian > asciiLittleEndian;
    }

    /// <summary>media-typer's <c>type/subtype</c>: each starts with a letter or digit, so no wildcard is a type.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$")]
    private static partial Regex MediaTypeName();

    private enum JsonCharset
    {
        Utf8,
        Utf16LittleEndian,
        Utf16BigEndian,

        /// <summary>UTF-16 in the order the body shows.</summary>
        Utf16,
    }
}
