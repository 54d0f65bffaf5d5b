using System.Text.Encodings.Web;
using System.Text.Json;

namespace Payments.Api.Requests;

/// <summary>JSON written the way Node's JSON.stringify writes it: only quotes, backslashes and control characters escaped.</summary>
internal static class JavaScriptJson
{
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
