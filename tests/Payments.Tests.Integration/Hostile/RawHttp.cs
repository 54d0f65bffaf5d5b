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
    /// and reads the answer's status and body; <paramref name="tick"/> runs every 50 ms while the answer is awaited.
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

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var reading = reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        while (!reading.IsCompleted)
        {
            tick?.Invoke();
            await Task.WhenAny(reading, Task.Delay(50));
        }

        var answer = await reading;
        var status = int.Parse(answer.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var bodyStart = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, bodyStart < 0 ? "" : answer[(bodyStart + 4)..]);
    }
}
