using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Payments.Domain.Commerce;
using Payments.Domain.Configuration;
using Payments.Domain.Errors;
using Payments.Domain.Ports;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Payments.CommerceBackend;

/// <summary>
/// Delivers events to the backend's plugin (docs/module-api.md §5.1): <c>POST /hooks/payments-functions</c> with the
/// envelope <c>{"id", "type", "created_at", "data"}</c>, signed <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(key,
/// "&lt;t&gt;.&lt;body&gt;")&gt;</c> with the module API key, which the plugin checks on the bytes it receives. A 2xx is
/// delivered, a 400 a refusal of the event itself; anything else, or no answer, is the 502
/// <see cref="MedusaErrorType.CommerceBackendUnavailable"/>, and the outbox delivers the event again.
/// </summary>
internal sealed class MedusaEventSink(IHttpClientFactory clients, IOptions<CommerceBackendOptions> options, TimeProvider clock) : ICommerceEventSink
{
    public const string ClientName = "CommerceBackendEvents";
    public const string SignatureHeader = "x-payments-functions-signature";
    public const string Route = "/hooks/payments-functions";

    /// <summary>The plugin may run a workflow before it answers (a cart completed after a webhook): seconds, not more.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<CommerceEventAnswer> DeliverAsync(CommerceEvent commerceEvent, CancellationToken cancellationToken)
    {
        var key = SecretSettings.UsableOrAbsent(options.Value.ModuleApiKey, CommerceBackendOptions.ModuleApiKeyKey)
            ?? throw new InvalidOperationException($"An event was written without {CommerceBackendOptions.ModuleApiKeyKey}.");
        var body = Envelope(commerceEvent);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.TryAddWithoutValidation(SignatureHeader, Signature(key, clock.GetUtcNow().ToUnixTimeSeconds(), body));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.StatusCode switch
            {
                >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous => new CommerceEventAnswer(IsAccepted: true, Json(answer)),
                HttpStatusCode.BadRequest => new CommerceEventAnswer(IsAccepted: false, Json(answer)),
                _ => throw new CommerceBackendException($"POST {Route} answered {(int)response.StatusCode} to event {commerceEvent.EventId} ({commerceEvent.Type})."),
            };
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested
            && failure is CommerceBackendException or HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException)
        {
            throw MedusaException.CommerceBackendUnavailable(failure as CommerceBackendException ?? new CommerceBackendException($"POST {Route} failed for event {commerceEvent.EventId}.", failure));
        }
    }

    /// <summary><c>t=&lt;t&gt;,v1=&lt;hex&gt;</c> over <c>"&lt;t&gt;." + body</c>, as the plugin verifies it.</summary>
    public static string Signature(string key, long unixSeconds, byte[] body)
    {
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), signed))}";
    }

    private static byte[] Envelope(CommerceEvent commerceEvent)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("id", commerceEvent.EventId);
            writer.WriteString("type", commerceEvent.Type);
            writer.WriteString("created_at", commerceEvent.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("data");
            commerceEvent.Data.WriteTo(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static JsonElement Json(byte[] body)
    {
        try
        {
            return body.Length == 0 ? default : JsonElement.Parse(body);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
