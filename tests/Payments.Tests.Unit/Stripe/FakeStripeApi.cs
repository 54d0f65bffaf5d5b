using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace Payments.Tests.Unit.Stripe;

/// <summary>A request Stripe.net sent: method, path, the form (or query) parameters decoded, and the idempotency key.</summary>
public sealed record StripeCall(string Method, string Path, IReadOnlyDictionary<string, string> Parameters, string? IdempotencyKey);

/// <summary>
/// Stripe's HTTP API as far as the provider uses it, in memory: PaymentIntents that can be created, read, captured
/// and canceled, refunds, and customers. Every call is recorded; <see cref="Override"/> answers a call instead when it returns a response.
/// </summary>
public sealed class FakeStripeApi : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, JsonObject> intents = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StripeCall> calls = new();
    private int counter;

    public IReadOnlyList<StripeCall> Calls => [.. calls];

    public Func<StripeCall, HttpResponseMessage?>? Override { get; set; }

    /// <summary>Changes a stored PaymentIntent, as if the shopper or Stripe had moved it on.</summary>
    public void Change(string paymentIntentId, Action<JsonObject> change)
    {
        lock (intents[paymentIntentId])
        {
            change(intents[paymentIntentId]);
        }
    }

    public JsonObject Intent(string paymentIntentId) => (JsonObject)intents[paymentIntentId].DeepClone();

    public static HttpResponseMessage Respond(HttpStatusCode status, JsonNode body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    /// <summary>Stripe's error body; <paramref name="paymentIntent"/> is the object some errors carry.</summary>
    public static HttpResponseMessage Error(HttpStatusCode status, string type, string? code, JsonNode? paymentIntent = null) =>
        Respond(status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = type,
                ["code"] = code,
                ["message"] = "stubbed Stripe error",
                ["payment_intent"] = paymentIntent?.DeepClone(),
            },
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.Content is null ? request.RequestUri!.Query : await request.Content.ReadAsStringAsync(cancellationToken);
        var parameters = HttpUtility.ParseQueryString(form);
        var call = new StripeCall(
            request.Method.Method,
            request.RequestUri!.AbsolutePath,
            parameters.AllKeys.OfType<string>().ToDictionary(key => key, key => parameters[key]!, StringComparer.Ordinal),
            request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null);
        calls.Enqueue(call);
        return Override?.Invoke(call) ?? Answer(call);
    }

    private HttpResponseMessage Answer(StripeCall call) => (call.Method, call.Path.Split('/')) switch
    {
        ("POST", ["", "v1", "payment_intents"]) => Create(call),
        ("GET", ["", "v1", "payment_intents", var id]) => Respond(HttpStatusCode.OK, Intent(id)),
        ("POST", ["", "v1", "payment_intents", var id, "capture"]) => Capture(id, call),
        ("POST", ["", "v1", "payment_intents", var id, "cancel"]) => Cancel(id),
        ("POST", ["", "v1", "customers"]) => Respond(HttpStatusCode.OK, new JsonObject
        {
            ["id"] = $"cus_test{Interlocked.Increment(ref counter)}",
            ["object"] = "customer",
            ["email"] = call.Parameters.GetValueOrDefault("email"),
            ["name"] = call.Parameters.GetValueOrDefault("name"),
        }),
        ("POST", ["", "v1", "refunds"]) => Respond(HttpStatusCode.OK, new JsonObject
        {
            ["id"] = $"re_test{Interlocked.Increment(ref counter)}",
            ["object"] = "refund",
            ["amount"] = long.Parse(call.Parameters["amount"], System.Globalization.CultureInfo.InvariantCulture),
            ["payment_intent"] = call.Parameters["payment_intent"],
            ["status"] = "succeeded",
        }),
        _ => Error(HttpStatusCode.NotFound, "invalid_request_error", "resource_missing"),
    };

    private HttpResponseMessage Create(StripeCall call)
    {
        var id = $"pi_test{Interlocked.Increment(ref counter)}";
        var metadata = new JsonObject();
        foreach (var (key, value) in call.Parameters.Where(parameter => parameter.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[key["metadata[".Length..^1]] = value;
        }

        var intent = new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = long.Parse(call.Parameters["amount"], System.Globalization.CultureInfo.InvariantCulture),
            ["amount_capturable"] = 0,
            ["amount_received"] = 0,
            ["capture_method"] = call.Parameters.GetValueOrDefault("capture_method", "automatic"),
            ["client_secret"] = $"{id}_secret_test",
            ["currency"] = call.Parameters["currency"],
            ["last_payment_error"] = null,
            ["metadata"] = metadata,
            ["payment_method"] = null,
            ["payment_method_types"] = new JsonArray("card"),
            ["status"] = "requires_payment_method",
        };
        intents[id] = intent;
        return Respond(HttpStatusCode.OK, intent);
    }

    private HttpResponseMessage Capture(string id, StripeCall call)
    {
        var intent = intents[id];
        lock (intent)
        {
            if ((string?)intent["status"] != "requires_capture")
            {
                return Error(HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_unexpected_state", intent);
            }

            intent["amount_received"] = call.Parameters.TryGetValue("amount_to_capture", out var units)
                ? long.Parse(units, System.Globalization.CultureInfo.InvariantCulture)
                : (long)intent["amount"]!;
            intent["amount_capturable"] = 0;
            intent["status"] = "succeeded";
            return Respond(HttpStatusCode.OK, intent);
        }
    }

    private HttpResponseMessage Cancel(string id)
    {
        var intent = intents[id];
        lock (intent)
        {
            if ((string?)intent["status"] is "canceled" or "succeeded")
            {
                return Error(HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_unexpected_state", intent);
            }

            intent["status"] = "canceled";
            return Respond(HttpStatusCode.OK, intent);
        }
    }
}
