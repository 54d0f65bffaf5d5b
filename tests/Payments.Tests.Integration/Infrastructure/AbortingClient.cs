using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Payments.Tests.Integration.Infrastructure;

/// <summary>Where a client that hangs up does so.</summary>
public enum AbortPoint
{
    /// <summary>Half the body was sent: the request can never be read whole.</summary>
    DuringBody,

    /// <summary>The whole request was sent; the connection is reset after the delay, while the server works on it.</summary>
    AfterBody,
}

/// <summary>
/// A client that sends a request over its own socket and then resets the connection (TCP RST, as a phone losing its
/// network or a killed browser tab does) instead of reading the answer.
/// </summary>
public sealed class AbortingClient(Uri baseAddress)
{
    public async Task SendAndResetAsync(HttpMethod method, string pathAndQuery, string json, IReadOnlyDictionary<string, string> headers, AbortPoint point, TimeSpan delay)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = new StringBuilder()
            .Append(method.Method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseAddress.Authority).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(baseAddress.Host), baseAddress.Port));
        await socket.SendAsync(Encoding.ASCII.GetBytes(head.ToString()), SocketFlags.None);
        var sent = point == AbortPoint.DuringBody ? body.Length / 2 : body.Length;
        await socket.SendAsync(body.AsMemory(0, sent), SocketFlags.None);
        await Task.Delay(delay);

        // A zero linger time makes Close send a reset rather than a graceful FIN.
        socket.LingerState = new LingerOption(enable: true, seconds: 0);
        socket.Close();
    }
}
