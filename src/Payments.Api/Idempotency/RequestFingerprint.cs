using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Payments.Api.Idempotency;

/// <summary>
/// What makes two requests with one <c>Idempotency-Key</c> the same request (spec §1.10): method, path, query
/// string and the parsed body, whatever its key order and whitespace. A <c>text/*</c> body arrives as a JSON string,
/// so it is compared as sent.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>The SHA-256, in lower-case hex, of <c>[method, path, query string, canonical body]</c> as JSON.</summary>
    public static string Of(HttpRequest request, JsonElement body)
    {
        var canonical = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(canonical))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(request.Method);
            writer.WriteStringValue((request.PathBase + request.Path).Value);
            writer.WriteStringValue(request.QueryString.Value);
            CanonicalJson.Write(writer, body);
            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(canonical.WrittenSpan));
    }
}
