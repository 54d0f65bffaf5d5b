using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Payments.Api.Requests;

/// <summary>
/// Reads a request body whole, within a size and a time limit, as body-parser's raw-body does: a body that claims or
/// turns out to be too large is 413, one that ends before its framing said is 400, one that stalls is 408 (a client
/// must not hold a request open by sending slowly). A <c>gzip</c> or <c>deflate</c> body is inflated, the limit
/// counting the inflated bytes too; any other <c>Content-Encoding</c> is 415.
/// </summary>
internal static class BoundedBody
{
    /// <summary>Payment requests are a few hundred bytes; even the largest allowed body takes this only at 10 kB/s.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="RequestBodyException">Too large, ended early, too slow, or in an unsupported content encoding.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        Func<Stream, Stream>? inflater = encoding switch
        {
            "" or "identity" => null,
            "gzip" => compressed => new GZipStream(compressed, CompressionMode.Decompress),
            "deflate" => compressed => new ZLibStream(compressed, CompressionMode.Decompress),
            _ => throw RequestBodyException.UnsupportedContentEncoding(encoding),
        };
        if (request.ContentLength > maxBytes)
        {
            throw RequestBodyException.TooLarge();
        }

        var body = await ReadWithinTimeAsync(request, maxBytes, cancellationToken);
        return inflater is null ? body : Inflate(body, inflater, maxBytes, encoding);
    }

    /// <summary>
    /// Reads through the request's <see cref="PipeReader"/> and, at the deadline, cancels the pending read rather than
    /// the read's token: the reader stays usable, so the server can still answer and finish the connection cleanly.
    /// </summary>
    private static async Task<byte[]> ReadWithinTimeAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        var clock = request.HttpContext.RequestServices?.GetService<TimeProvider>() ?? TimeProvider.System;
        await using var deadline = clock.CreateTimer(_ => reader.CancelPendingRead(), state: null, ReadTimeout, Timeout.InfiniteTimeSpan);
        using var body = new MemoryStream(capacity: (int)Math.Min(request.ContentLength ?? 0, maxBytes));
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                if (read.IsCanceled)
                {
                    reader.AdvanceTo(read.Buffer.Start);
                    throw RequestBodyException.TimedOut();
                }

                if (body.Length + read.Buffer.Length > maxBytes)
                {
                    reader.AdvanceTo(read.Buffer.End);
                    throw RequestBodyException.TooLarge();
                }

                foreach (var segment in read.Buffer)
                {
                    body.Write(segment.Span);
                }

                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return body.ToArray();
                }
            }
        }
        catch (BadHttpRequestException refused) when (!cancellationToken.IsCancellationRequested)
        {
            // Kestrel's own limits: its minimum data rate (a stalled body), its size limit, a body that ends early.
            throw refused.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => RequestBodyException.TimedOut(),
                StatusCodes.Status413PayloadTooLarge => RequestBodyException.TooLarge(),
                _ => RequestBodyException.Aborted(),
            };
        }
    }

    private static byte[] Inflate(byte[] compressed, Func<Stream, Stream> inflater, int maxBytes, string encoding)
    {
        using var inflating = inflater(new MemoryStream(compressed));
        using var inflated = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = inflating.Read(chunk)) > 0)
            {
                if (inflated.Length + read > maxBytes)
                {
                    throw RequestBodyException.TooLarge();
                }

                inflated.Write(chunk, 0, read);
            }

            return inflated.ToArray();
        }
        catch (InvalidDataException)
        {
            throw RequestBodyException.Malformed($"request body is not valid {encoding} data");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
