using System.Net.Sockets;
using System.Text;
using Payments.Tests.Integration.Http;

namespace Payments.Tests.Integration.Hostile;

/// <summary>Requests an ordinary client cannot send: bytes that are not UTF-8, and bodies that lie about their length.</summary>
internal static class RawHttp
{
    /// <summary>Sends exactly these body bytes with this content type (none when null).</summary>
    public static async Task<ApiResponse> SendBytesAsync(
        ApiHost api,
        HttpMethod method,
        string path,
        byte[] body,
        string? contentType,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = null;
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await api.Client.SendAsync(request);
        return new ApiResponse(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsStringAsync(),
            response.Headers.ToDictionary(header => header.Key, header => string.Join(",", header.Value), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Writes the request head and then only <paramref name="sentBody"/> over a raw socket, keeps the connection open,
    /// and reads the answer's status and body (then hangs up); <paramref name="tick"/> runs every 50 ms meanwhile.
    /// </summary>
    public static async Task<(int Status, string Body)> SendStalledAsync(ApiHost api, string path, string headers, byte[] sentBody, Action? tick = null)
    {
        var address = api.Client.BaseAddress!;
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n{headers}\r\n"));
        await stream.WriteAsync(sentBody);
        await stream.FlushAsync();

        var reading = ReadResponseAsync(stream).WaitAsync(TimeSpan.FromSeconds(30));
        while (!reading.IsCompleted)
        {
            tick?.Invoke();
            await Task.WhenAny(reading, Task.Delay(50));
        }

        var answer = await reading;
        return (answer.Status, answer.Body);
    }

    /// <summary>The status line, the headers and as many body bytes as the answer's <c>Content-Length</c> says: the server may keep the connection open after it.</summary>
    public static async Task<HostileResponse> ReadResponseAsync(Stream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException("The connection closed before the answer's head was complete.");
            }

            received.AddRange(buffer[..read]);
        }

        var head = Encoding.ASCII.GetString([.. received[..headEnd]]).Split("\r\n");
        string? Header(string name) => head.FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
        var length = int.Parse(Header("Content-Length") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        while (received.Count < headEnd + 4 + length)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException("The connection closed before the answer's body was complete.");
            }

            received.AddRange(buffer[..read]);
        }

        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return new HostileResponse(status, Header("Content-Type"), Encoding.UTF8.GetString([.. received.Skip(headEnd + 4).Take(length)]));
    }

    private static int IndexOfHeadEnd(List<byte> received)
    {
        for (var i = 0; i + 3 < received.Count; i++)
        {
            if (received[i] == '\r' && received[i + 1] == '\n' && received[i + 2] == '\r' && received[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

}

/// <summary>What came back: the status, the content type and the body as text.</summary>
internal sealed record HostileResponse(int Status, string? ContentType, string Body);
