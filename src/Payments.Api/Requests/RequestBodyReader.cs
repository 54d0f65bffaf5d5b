using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Payments.Domain.Providers;

namespace Payments.Api.Requests;

/// <summary>
/// Reads a request body as Medusa's Express body parsers do (spec §3.3): JSON, <c>text/*</c> as a string,
/// form fields qs-style; an empty body or any other content type is <c>{}</c>.
/// </summary>
public static class RequestBodyReader
{
    /// <summary>body-parser's default limit, "100kb".</summary>
    public const int MaxBodyBytes = 100 * 1024;

    private const int ReadChunkBytes = 16 * 1024;

    private enum BodyFormat
    {
        Ignored,
        Json,
        Text,
        Form,
    }

    /// <summary>
    /// The parsed body: an object or array for JSON, a string for text, an object of strings for a form.
    /// </summary>
    /// <exception cref="RequestBodyException">Malformed JSON, or a body larger than <see cref="MaxBodyBytes"/>.</exception>
    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var format = FormatOf(request.ContentType);
        if (format == BodyFormat.Ignored)
        {
            return EmptyJson.Object;
        }

        var body = WithoutByteOrderMark(await ReadBoundedAsync(request, ct));
        if (body.IsEmpty)
        {
            return EmptyJson.Object;
        }

        return format switch
        {
            BodyFormat.Json => JsonBodyParser.Parse(body),
            BodyFormat.Text => JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(body.Span)),
            _ => QsParser.Parse(Encoding.UTF8.GetString(body.Span), QsLimits.FormBody),
        };
    }

    private static BodyFormat FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return BodyFormat.Ignored;
        }

        if (mediaType.MatchesMediaType("application/json"))
        {
            return BodyFormat.Json;
        }

        if (mediaType.Type.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            return BodyFormat.Text;
        }

        return mediaType.MatchesMediaType("application/x-www-form-urlencoded") ? BodyFormat.Form : BodyFormat.Ignored;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw RequestBodyException.TooLarge();
        }

        using var body = new MemoryStream(capacity: (int)(request.ContentLength ?? 0));
        var chunk = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (body.Length + read > MaxBodyBytes)
                {
                    throw RequestBodyException.TooLarge();
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return body.ToArray();
    }

    private static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith(Encoding.UTF8.Preamble) ? body[Encoding.UTF8.Preamble.Length..] : body;
}
