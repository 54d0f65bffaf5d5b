using System.Net;
using System.Text.Json;

namespace Payments.CommerceBackend;

/// <summary>
/// An answer of the backend that means something for the read: found (200), not found (404), refused (400, 401).
/// Anything else never becomes an answer: it is a <see cref="CommerceBackendException"/>.
/// </summary>
internal sealed record BackendAnswer(HttpStatusCode Status, JsonElement Body)
{
    public bool IsFound => Status == HttpStatusCode.OK;

    /// <summary>Medusa's <c>{"type":"not_allowed","message":…}</c>: a store route refusing the caller's publishable key.</summary>
    public bool IsKeyRefused(out string message)
    {
        message = "";
        if (Status == HttpStatusCode.BadRequest
            && Body.ValueKind == JsonValueKind.Object
            && Body.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "not_allowed"
            && Body.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String)
        {
            message = text.GetString()!;
            return true;
        }

        return false;
    }
}

/// <summary>
/// A backend read that failed: timed out, unreachable, a 5xx or another unexpected status, a malformed body. The
/// message names the route template and the status, never credentials or ids.
/// </summary>
public sealed class CommerceBackendException : Exception
{
    public CommerceBackendException(string message)
        : base(message)
    {
    }

    public CommerceBackendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
