using System.Net;
using System.Net.Sockets;

namespace Payments.Benchmarks.Load;

internal static class LoopbackPort
{
    /// <summary>A loopback port that was free a moment ago (nothing listens on it now).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
