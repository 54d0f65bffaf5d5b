using System.Net.Sockets;
using System.Text;

namespace Payments.Tests.Integration.Hostile;

/// <summary>What the property tests generate in each of the four places a client controls.</summary>
internal enum AttackSurface
{
    Body,
    Query,
    Header,
    Path,
}

/// <summary>
/// One generated request, exactly as it goes on the wire: the path and query already percent-encoded (sent without
/// canonicalisation), headers as given, and the body bytes. <see cref="DeclaredLength"/>, when set, is a
/// <c>Content-Length</c> larger than the body: such a request goes over a raw socket that then stalls.
/// </summary>
internal sealed record HostileRequest(
    AttackSurface Surface,
    string Attack,
    string Route,
    HttpMethod Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    int? DeclaredLength = null)
{
    public bool IsWebhook => Route.StartsWith("POST /hooks/", StringComparison.Ordinal);

    public bool CarriesIdempotencyKey => Headers.Any(header => header.Key.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase));

    /// <summary>Enough to see what was sent: the start of each part, bytes that are not printable ASCII escaped.</summary>
    public override string ToString()
    {
        var headers = string.Join("\n  ", Headers.Select(header => $"{header.Key}: {Clip(header.Value)}"));
        var body = Body is null ? "(none)" : $"{Body.Length} bytes: {Clip(Printable(Body))}";
        var length = DeclaredLength is { } declared ? $"\n  Content-Length (declared, stalls): {declared}" : "";
        return $"{Surface}/{Attack} on {Route}\n  {Method} {Clip(PathAndQuery)}\n  {headers}{length}\n  body {body}";
    }

    public async Task<HostileResponse> SendAsync(HttpClient client, string caseId, Action tick)
    {
        return DeclaredLength is null ? await SendOverHttpClientAsync(client, caseId) : await SendStalledAsync(client.BaseAddress!, caseId, tick);
    }

    private async Task<HostileResponse> SendOverHttpClientAsync(HttpClient client, string caseId)
    {
        var uri = new Uri(client.BaseAddress + PathAndQuery.TrimStart('/'), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(Method, uri);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
        }

        request.Headers.TryAddWithoutValidation(TableWriteLedger.CaseHeader, caseId);
        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await client.SendAsync(request);
        return new HostileResponse(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsStringAsync());
    }

    /// <summary>The head, then fewer body bytes than declared; <paramref name="tick"/> moves the server's clock on while the answer is awaited.</summary>
    private async Task<HostileResponse> SendStalledAsync(Uri server, string caseId, Action tick)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.Host, server.Port);
        var stream = socket.GetStream();
        var head = new StringBuilder($"{Method.Method} {PathAndQuery} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        head.Append($"{TableWriteLedger.CaseHeader}: {caseId}\r\nContent-Length: {DeclaredLength}\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append($"{name}: {value}\r\n");
        }

        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.Append("\r\n").ToString()));
        await stream.WriteAsync(Body ?? []);
        var reading = RawHttp.ReadResponseAsync(stream).WaitAsync(TimeSpan.FromSeconds(30));
        while (!reading.IsCompleted)
        {
            tick();
            await Task.WhenAny(reading, Task.Delay(20));
        }

        return await reading;
    }

    private static string Clip(string text) => text.Length <= 300 ? text : $"{text[..300]}… ({text.Length} characters)";

    private static string Printable(byte[] bytes) =>
        string.Concat(bytes.Take(400).Select(value => value is >= 0x20 and < 0x7F ? ((char)value).ToString() : $"\\x{value:X2}"));
}
