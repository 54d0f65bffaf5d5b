using System.Text.Json;

namespace Payments.LocalHost;

/// <summary>The HTTP route prefix the Functions host would apply, read from <c>host.json</c> (default <c>api</c>).</summary>
public static class HostJsonRoutePrefix
{
    public static string Read(string hostJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath));
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
                ? prefix.GetString() ?? string.Empty
                : "api";
    }
}
