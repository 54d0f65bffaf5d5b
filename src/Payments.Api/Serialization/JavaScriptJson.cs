using System.Text.Encodings.Web;
using System.Text.Json;

namespace Payments.Api.Serialization;

/// <summary>JSON written the way Node's JSON.stringify writes it, for every body this API writes or compares.</summary>
internal static class JavaScriptJson
{
    /// <summary>
    /// No HTML escaping (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, <c>'</c> stay as they are) and letters of any script
    /// unescaped; only quotes, backslashes, control characters and characters beyond the Basic Multilingual Plane come
    /// out as escapes, which every JSON reader decodes the same.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
