using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace Payments.Tests.FakeStripe;

/// <summary>A request Stripe.net sent: method, path, the form (or query) parameters decoded, and the idempotency key.</summary>
public sealed record StripeCall(string Method, string Path, IReadOnlyDictionary<string, string> Parameters, string? IdempotencyKey)
{
    /// <summary>A refund created (<c>POST /v1/refunds</c>).</summary>
    public bool IsRefund => Method == "POST" && Path == "/v1/refunds";

    /// <summary>A PaymentIntent captured (<c>POST /v1/payment_intents/{id}/capture</c>).</summary>
    public bool IsCapture => Method == "POST" && Path.StartsWith("/v1/payment_intents/", StringComparison.Ordinal) && Path.EndsWith("/capture", StringComparison.Ordinal);

    /// <summary>The PaymentIntent <paramref name="paymentIntentId"/> canceled.</summary>
    public bool IsCancelOf(string paymentIntentId) => Method == "POST" && Path == $"/v1/payment_intents/{paymentIntentId}/cancel";

    /// <summary>The PaymentIntent <paramref name="paymentIntentId"/> read (<c>GET</c>, expanded or not).</summary>
    public bool IsReadOf(string paymentIntentId) => Method == "GET" && Path == $"/v1/payment_intents/{paymentIntentId}";

    /// <summary>Reads a request as either transport receives it: the form body of a POST, else the query string.</summary>
    public static StripeCall From(string method, string path, string query, string? formBody, string? idempotencyKey)
    {
        var parameters = HttpUtility.ParseQueryString(string.IsNullOrEmpty(formBody) ? query : formBody);
        return new StripeCall(
            method,
            path,
            parameters.AllKeys.OfType<string>().ToDictionary(key => key, key => parameters[key]!, StringComparer.Ordinal),
            idempotencyKey);
    }

    /// <summary>
    /// The parameters under <paramref name="name"/> as the JSON Stripe would store them: <c>a[b][c]=v</c> nests objects and
    /// <c>a[0]=v</c> makes arrays; values stay strings, integers too unless <paramref name="integers"/> (Stripe's
    /// metadata is all strings, its options are typed). Null when none was sent.
    /// </summary>
    public JsonNode? Nested(string name, bool integers = true)
    {
        JsonNode? root = null;
        foreach (var (key, value) in Parameters.Where(pair => pair.Key == name || pair.Key.StartsWith(name + "[", StringComparison.Ordinal)).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var segments = key[name.Length..].Trim('[', ']').Split("][", StringSplitOptions.RemoveEmptyEntries);
            root = Put(root, segments, integers && long.TryParse(value, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(value));
        }

        return root;
    }

    /// <summary>The parameters in one canonical line, to compare two requests made with one idempotency key.</summary>
    public string Fingerprint()
    {
        var line = new StringBuilder(Method).Append(' ').Append(Path);
        foreach (var (key, value) in Parameters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            line.Append('&').Append(key).Append('=').Append(value);
        }

        return line.ToString();
    }

    /// <summary>Puts <paramref name="value"/> at <paramref name="segments"/> below <paramref name="node"/>, creating containers on the way.</summary>
    private static JsonNode Put(JsonNode? node, string[] segments, JsonNode value)
    {
        if (segments.Length == 0)
        {
            return value;
        }

        var isIndex = int.TryParse(segments[0], out var index);
        var container = node ?? (isIndex ? new JsonArray() : new JsonObject());
        var existing = container is JsonArray items ? (index < items.Count ? items[index] : null) : container[segments[0]];
        if (existing is not null)
        {
            // Keys arrive sorted and once each, so an existing child is a container: fill it in place.
            Put(existing, segments[1..], value);
            return container;
        }

        var child = Put(null, segments[1..], value);
        if (container is JsonArray array)
        {
            while (array.Count <= index)
            {
                array.Add(null);
            }

            array[index] = child;
        }
        else
        {
            container[segments[0]] = child;
        }

        return container;
    }
}

/// <summary>An answer of the fake: the HTTP status and Stripe's JSON body.</summary>
public sealed record FakeStripeResponse(int Status, string Body);
