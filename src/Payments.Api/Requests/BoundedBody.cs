using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Payments.Api.Requests;

/// <summary>
/// Reads a request body whole, within a size and a time limit, as body-parser's raw-body does: a body that claims or
/// turns out to be too large is 413, one that ends before its <c>Content-Length</c> is 400, one that stalls is 408
/// (a client must not hold a request open by sending slowly). A <c>gzip</c> or <c>deflate</c> body is inflated, the
/// limit counting the inflated bytes; any other <c>Content-Encoding</c> is 415.
/// </summary>
internal static class BoundedBody
{
    /// <summary>Payment requests are a few hundred bytes; even the largest allowed body takes this only at 10 kB/s.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private const int ReadChunkBytes = 16 * 1024;

    /// <exception cref="RequestBodyException">Too large, truncated, too slow, or in an unsupported content encoding.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding is "" or "identity" && request.ContentLength > maxBytes)
        {
            throw RequestBodyException.TooLarge();
        }

        var clock = request.HttpContext.RequestServices?.GetService<TimeProvider>() ?? TimeProvider.System;
        using var deadline = new CancellationTokenSource(ReadTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var body = Decoded(request.Body, encoding);
        try
        {
            return await ReadAllAsync(body, maxBytes, (int)Math.Min(request.ContentLength ?? 0, maxBytes), linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw RequestBodyException.TimedOut();
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
        catch (InvalidDataException)
        {
            throw RequestBodyException.Malformed($"request body is not valid {encoding} data");
        }
        finally
        {
            if (body != request.Body)
            {
                await body.DisposeAsync();
            }
        }
    }

    private static Stream Decoded(Stream body, string encoding) => encoding switch
    {
        "" or "identity" => body,
        "gzip" => new GZipStream(body, CompressionMode.Decompress, leaveOpen: true),
        "deflate" => new ZLibStream(body, CompressionMode.Decompress, leaveOpen: true),
        _ => throw RequestBodyException.UnsupportedContentEncoding(encoding),
    };

    private static async Task<ReadOnlyMemory<byte>> ReadAllAsync(Stream body, int maxBytes, int expectedBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(capacity: expectedBytes);
        var chunk = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw RequestBodyException.TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
