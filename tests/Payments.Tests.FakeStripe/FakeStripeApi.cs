using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Payments.Tests.FakeStripe;

/// <summary>
/// Stripe's HTTP API as far as the providers use it, in memory, at the API version Stripe.net 53.1.0 pins: PaymentIntents
/// created (with the currencies each payment method takes), read (with <c>expand[]=payment_method</c>), captured and
/// canceled, refunds within what was received (with their metadata, listed per PaymentIntent as Stripe lists them),
/// customers, and idempotency keys replayed as Stripe replays them (same key and parameters: the first answer; other
/// parameters: 400 <c>idempotency_error</c>). A storefront's Stripe.js confirms a PaymentIntent with a redirect method
/// (<c>POST /v1/payment_intents/{id}/confirm</c>, the shopper leaves for the bank) and the bank completes it
/// (<see cref="SucceedAtBank"/>). Money can also move as in the Dashboard (<see cref="CaptureInDashboard"/>,
/// <see cref="RefundInDashboard"/>), and <see cref="Charge"/> shows a PaymentIntent's charge as charge events carry it.
/// Every call is recorded; <see cref="Hold"/> makes a call wait before Stripe looks at it, <see cref="Override"/>
/// answers a call instead when it returns a response (an outage, a decline), and such an answer is not remembered for
/// its key, since Stripe never processed it.
/// </summary>
public sealed class FakeStripeApi
{
    /// <summary>The currencies Stripe accepts per payment method of the Stripe family (card: any).</summary>
    private static readonly Dictionary<string, string[]> CurrenciesByMethod = new(StringComparer.Ordinal)
    {
        ["bancontact"] = ["eur"],
        ["blik"] = ["pln"],
        ["giropay"] = ["eur"],
        ["ideal"] = ["eur"],
        ["oxxo"] = ["mxn"],
        ["p24"] = ["eur", "pln"],
        ["promptpay"] = ["thb"],
    };

    /// <summary>The payment methods whose confirmation sends the shopper to their bank's page (<c>redirect_to_url</c>).</summary>
    private static readonly string[] RedirectMethods = ["bancontact", "giropay", "ideal", "p24"];

    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> intents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> refunds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> paymentMethods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, FakeStripeResponse Response)> idempotent = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StripeCall> calls = new();
    private int counter;

    public IReadOnlyList<StripeCall> Calls => [.. calls];

    public Func<StripeCall, FakeStripeResponse?>? Override { get; set; }

    /// <summary>
    /// Calls that wait, once recorded, for the task this returns (null: no wait) before <see cref="Override"/> and
    /// Stripe see them: a test holds a call in flight while others run, then lets it through (or sets an override first).
    /// </summary>
    public Func<StripeCall, Task?>? Hold { get; set; }

    /// <summary>
    /// Calls that Stripe processes (and remembers for their key) but whose answer never arrives: the client sees a 500,
    /// as when Stripe made a refund and the connection failed on every try.
    /// </summary>
    public Func<StripeCall, bool>? LoseAnswers { get; set; }

    /// <summary>How much of a PaymentIntent has been refunded, in its smallest unit.</summary>
    public long RefundedUnits(string paymentIntentId)
    {
        lock (gate)
        {
            return RefundedOf(paymentIntentId);
        }
    }

    /// <summary>The refunds of a PaymentIntent as Stripe holds them, oldest first.</summary>
    public IReadOnlyList<JsonObject> Refunds(string paymentIntentId)
    {
        lock (gate)
        {
            return [.. refunds.GetValueOrDefault(paymentIntentId, []).Select(refund => (JsonObject)refund.DeepClone())];
        }
    }

    /// <summary>
    /// A refund made outside the API (in the Stripe Dashboard): no idempotency key, no metadata; the whole unrefunded
    /// amount unless <paramref name="units"/> says less. Returns the refund.
    /// </summary>
    public JsonObject RefundInDashboard(string paymentIntentId, long? units = null)
    {
        lock (gate)
        {
            var intent = intents[paymentIntentId];
            var unrefunded = Units(intent["amount_received"]) - RefundedOf(paymentIntentId);
            if ((string?)intent["status"] != "succeeded" || (units ?? unrefunded) is <= 0 || (units ?? unrefunded) > unrefunded)
            {
                throw new InvalidOperationException($"PaymentIntent {paymentIntentId} cannot be refunded {units ?? unrefunded} in the Dashboard.");
            }

            return (JsonObject)AddRefund(intent, units ?? unrefunded, new JsonObject()).DeepClone();
        }
    }

    /// <summary>A capture made outside the API (in the Stripe Dashboard) of a PaymentIntent held for capture: all of it unless <paramref name="units"/> says less.</summary>
    public JsonObject CaptureInDashboard(string paymentIntentId, long? units = null)
    {
        lock (gate)
        {
            var intent = intents[paymentIntentId];
            if ((string?)intent["status"] != "requires_capture")
            {
                throw new InvalidOperationException($"PaymentIntent {paymentIntentId} is {(string?)intent["status"]}, not held for capture.");
            }

            CaptureHeld(intent, units ?? CapturableOf(intent));
            return (JsonObject)intent.DeepClone();
        }
    }

    /// <summary>
    /// The PaymentIntent's charge as Stripe's <c>charge.*</c> events carry it: its amounts as they stand, and the
    /// PaymentIntent's metadata (<c>session_id</c>, <c>payment_collection_id</c>), which Stripe copies onto the charge.
    /// </summary>
    public JsonObject Charge(string paymentIntentId)
    {
        lock (gate)
        {
            var intent = intents[paymentIntentId];
            var captured = Units(intent["amount_received"]);
            var refundedUnits = RefundedOf(paymentIntentId);
            return new JsonObject
            {
                ["id"] = ChargeIdOf(intent),
                ["object"] = "charge",
                ["amount"] = Units(intent["amount"]),
                ["amount_captured"] = captured,
                ["amount_refunded"] = refundedUnits,
                ["captured"] = captured > 0,
                ["currency"] = (string?)intent["currency"],
                ["metadata"] = intent["metadata"]?.DeepClone() ?? new JsonObject(),
                ["payment_intent"] = paymentIntentId,
                ["refunded"] = captured > 0 && refundedUnits == captured,
                ["status"] = "succeeded",
            };
        }
    }

    /// <summary>
    /// The shopper completed the payment at their bank (or paid the voucher): Stripe received the whole amount with a
    /// payment method of the PaymentIntent's type, and the PaymentIntent <c>succeeded</c>. Refused
    /// (<see cref="InvalidOperationException"/>) for a PaymentIntent that is no longer waiting for its payment.
    /// </summary>
    public JsonObject SucceedAtBank(string paymentIntentId)
    {
        lock (gate)
        {
            var intent = intents[paymentIntentId];
            if ((string?)intent["status"] is not ("requires_payment_method" or "requires_confirmation" or "requires_action" or "processing") and var status)
            {
                throw new InvalidOperationException($"PaymentIntent {paymentIntentId} is {status}: no payment is awaited.");
            }

            intent["payment_method"] ??= NewPaymentMethod((string)intent["payment_method_types"]![0]!);
            intent["next_action"] = null;
            CaptureHeld(intent, Units(intent["amount"]));
            return (JsonObject)intent.DeepClone();
        }
    }

    /// <summary>Changes a stored PaymentIntent, as if the shopper or Stripe had moved it on.</summary>
    public void Change(string paymentIntentId, Action<JsonObject> change)
    {
        lock (gate)
        {
            change(intents[paymentIntentId]);
        }
    }

    public JsonObject Intent(string paymentIntentId)
    {
        lock (gate)
        {
            return (JsonObject)intents[paymentIntentId].DeepClone();
        }
    }

    /// <summary>Every PaymentIntent Stripe holds, as it holds it now.</summary>
    public IReadOnlyList<JsonObject> Intents
    {
        get
        {
            lock (gate)
            {
                return [.. intents.Values.Select(intent => (JsonObject)intent.DeepClone())];
            }
        }
    }

    /// <summary>The calls that created PaymentIntents, in the order they arrived.</summary>
    public IReadOnlyList<StripeCall> Creations => [.. Calls.Where(call => call is { Method: "POST", Path: "/v1/payment_intents" })];

    public static FakeStripeResponse Respond(HttpStatusCode status, JsonNode body) => new((int)status, body.ToJsonString());

    /// <summary>Stripe's outage: a 503 <c>api_error</c>, which Stripe never processed.</summary>
    public static FakeStripeResponse Outage { get; } = Error(HttpStatusCode.ServiceUnavailable, "api_error", null, message: "Stripe is unavailable");

    /// <summary>Stripe's error body; <paramref name="paymentIntent"/> is the object some errors carry.</summary>
    public static FakeStripeResponse Error(HttpStatusCode status, string type, string? code, JsonNode? paymentIntent = null, string message = "stubbed Stripe error") =>
        Respond(status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = type,
                ["code"] = code,
                ["message"] = message,
                ["payment_intent"] = paymentIntent?.DeepClone(),
            },
        });

    /// <summary>Records the call and answers it as Stripe would, without holding it (see <see cref="Hold"/>).</summary>
    public FakeStripeResponse Answer(StripeCall call)
    {
        calls.Enqueue(call);
        return Decide(call);
    }

    /// <summary>Records the call, holds it while <see cref="Hold"/> says, and answers it as Stripe would.</summary>
    public async Task<FakeStripeResponse> AnswerAsync(StripeCall call)
    {
        calls.Enqueue(call);
        if (Hold?.Invoke(call) is { } held)
        {
            await held;
        }

        return Decide(call);
    }

    private FakeStripeResponse Decide(StripeCall call)
    {
        if (Override?.Invoke(call) is { } overridden)
        {
            return overridden;
        }

        var answer = Process(call);
        return LoseAnswers?.Invoke(call) == true ? Error(HttpStatusCode.InternalServerError, "api_error", null, message: "answer lost") : answer;
    }

    private FakeStripeResponse Process(StripeCall call)
    {

        lock (gate)
        {
            if (call.IdempotencyKey is not { } key || call.Method != "POST")
            {
                return Emulate(call);
            }

            if (idempotent.TryGetValue(key, out var first))
            {
                return first.Fingerprint == call.Fingerprint()
                    ? first.Response
                    : Error(HttpStatusCode.BadRequest, "idempotency_error", null, message: "Keys for idempotent requests can only be used with the same parameters they were first used with.");
            }

            var response = Emulate(call);
            idempotent[key] = (call.Fingerprint(), response);
            return response;
        }
    }

    private FakeStripeResponse Emulate(StripeCall call) => (call.Method, call.Path.Split('/')) switch
    {
        ("POST", ["", "v1", "payment_intents"]) => Create(call),
        ("GET", ["", "v1", "payment_intents", var id]) => WithIntent(id, intent => Respond(HttpStatusCode.OK, Expanded(intent, call))),
        ("POST", ["", "v1", "payment_intents", var id, "confirm"]) => WithIntent(id, intent => Confirm(intent, call)),
        ("POST", ["", "v1", "payment_intents", var id, "capture"]) => WithIntent(id, intent => Capture(intent, call)),
        ("POST", ["", "v1", "payment_intents", var id, "cancel"]) => WithIntent(id, Cancel),
        ("POST", ["", "v1", "customers"]) => Respond(HttpStatusCode.OK, new JsonObject
        {
            ["id"] = NewId("cus"),
            ["object"] = "customer",
            ["email"] = call.Parameters.GetValueOrDefault("email"),
            ["name"] = call.Parameters.GetValueOrDefault("name"),
        }),
        ("POST", ["", "v1", "refunds"]) => WithIntent(call.Parameters.GetValueOrDefault("payment_intent") ?? string.Empty, intent => Refund(intent, call)),
        ("GET", ["", "v1", "refunds"]) => ListRefunds(call),
        ("GET", ["", "v1", "refunds", var id]) => refunds.Values.SelectMany(list => list).FirstOrDefault(refund => (string?)refund["id"] == id) is { } found
            ? Respond(HttpStatusCode.OK, found)
            : Missing(),
        _ => Missing(),
    };

    private FakeStripeResponse Create(StripeCall call)
    {
        // The pinned API version names the allowed methods allowed_payment_method_types; the old name is unknown to it.
        if (call.Parameters.Keys.FirstOrDefault(key => key.StartsWith("payment_method_types", StringComparison.Ordinal)) is not null)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_unknown", message: "Received unknown parameter: payment_method_types");
        }

        var currency = call.Parameters["currency"];
        var allowed = call.Nested("allowed_payment_method_types")?.AsArray().Select(type => (string)type!).ToList();
        if (allowed?.FirstOrDefault(type => CurrenciesByMethod.TryGetValue(type, out var currencies) && !currencies.Contains(currency)) is { } refused)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_invalid_currency", message: $"The currency provided ({currency}) is invalid for {refused}.");
        }

        var automatic = call.Parameters.GetValueOrDefault("automatic_payment_methods[enabled]") == "true";
        var id = NewId("pi");
        var intent = new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = long.Parse(call.Parameters["amount"], CultureInfo.InvariantCulture),
            ["amount_capturable"] = 0,
            ["amount_received"] = 0,
            ["automatic_payment_methods"] = automatic ? new JsonObject { ["enabled"] = true } : null,
            ["capture_method"] = call.Parameters.GetValueOrDefault("capture_method", "automatic_async"),
            ["client_secret"] = $"{id}_secret_test",
            ["currency"] = currency,
            ["customer"] = call.Parameters.GetValueOrDefault("customer"),
            ["description"] = call.Parameters.GetValueOrDefault("description"),
            ["last_payment_error"] = null,
            ["metadata"] = call.Nested("metadata", integers: false) ?? new JsonObject(),
            ["next_action"] = null,
            ["payment_method"] = null,
            ["payment_method_configuration_details"] = call.Parameters.TryGetValue("payment_method_configuration", out var configuration)
                ? new JsonObject { ["id"] = configuration, ["parent"] = null }
                : null,
            ["payment_method_options"] = call.Nested("payment_method_options") ?? new JsonObject(),
            ["payment_method_types"] = new JsonArray([.. (allowed ?? (automatic ? ["card", "link"] : ["card"])).Select(type => JsonValue.Create(type))]),
            ["status"] = "requires_payment_method",
        };
        intents[id] = intent;
        return Respond(HttpStatusCode.OK, intent);
    }

    /// <summary>
    /// Stripe.js confirming with a redirect method (<c>payment_method_data[type]</c>, <c>return_url</c>): the
    /// PaymentIntent waits in <c>requires_action</c> while the shopper is at their bank. Other confirmations are not
    /// emulated, and say so.
    /// </summary>
    private FakeStripeResponse Confirm(JsonObject intent, StripeCall call)
    {
        if ((string?)intent["status"] is not ("requires_payment_method" or "requires_confirmation") and var status)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_unexpected_state", intent, $"This PaymentIntent's status is {status}, so it cannot be confirmed.");
        }

        if (call.Parameters.TryGetValue("client_secret", out var clientSecret) && clientSecret != (string?)intent["client_secret"])
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_authentication_failure", message: "The client_secret provided does not match the client_secret associated with the PaymentIntent.");
        }

        var type = call.Parameters.GetValueOrDefault("payment_method_data[type]");
        if (type is null || !RedirectMethods.Contains(type) || !intent["payment_method_types"]!.AsArray().Any(allowed => (string?)allowed == type))
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_invalid_parameter", message: $"The fake Stripe confirms with payment_method_data[type] of a redirect method ({string.Join(", ", RedirectMethods)}) the PaymentIntent allows, not {type ?? "none"}.");
        }

        if (!call.Parameters.TryGetValue("return_url", out var returnUrl))
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_missing", message: $"A return_url must be specified to confirm with {type}.");
        }

        intent["payment_method"] = NewPaymentMethod(type);
        intent["status"] = "requires_action";
        intent["next_action"] = new JsonObject
        {
            ["type"] = "redirect_to_url",
            ["redirect_to_url"] = new JsonObject { ["url"] = $"https://pm-redirects.stripe.com/authorize/{(string)intent["id"]!}", ["return_url"] = returnUrl },
        };
        return Respond(HttpStatusCode.OK, intent);
    }

    /// <summary>A payment method of <paramref name="type"/>, kept for <c>expand[]=payment_method</c>; answers its id.</summary>
    private string NewPaymentMethod(string type)
    {
        var id = NewId("pm");
        paymentMethods[id] = new JsonObject { ["id"] = id, ["object"] = "payment_method", ["type"] = type, [type] = new JsonObject() };
        return id;
    }

    /// <summary>The PaymentIntent with its payment method's object in place of its id when the call expands it, as Stripe answers.</summary>
    private JsonObject Expanded(JsonObject intent, StripeCall call)
    {
        if (!call.Parameters.Any(pair => pair.Key.StartsWith("expand[", StringComparison.Ordinal) && pair.Value == "payment_method")
            || intent["payment_method"] is not JsonValue id
            || !id.TryGetValue<string>(out var methodId)
            || !paymentMethods.TryGetValue(methodId, out var method))
        {
            return intent;
        }

        var expanded = (JsonObject)intent.DeepClone();
        expanded["payment_method"] = method.DeepClone();
        return expanded;
    }

    private static FakeStripeResponse Capture(JsonObject intent, StripeCall call)
    {
        if ((string?)intent["status"] is not "requires_capture" and var status)
        {
            return Error(
                HttpStatusCode.BadRequest,
                "invalid_request_error",
                "payment_intent_unexpected_state",
                intent,
                $"This PaymentIntent could not be captured because it has a status of {status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.");
        }

        var capturable = CapturableOf(intent);
        var units = call.Parameters.TryGetValue("amount_to_capture", out var requested) ? long.Parse(requested, CultureInfo.InvariantCulture) : capturable;
        if (units > capturable)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "amount_too_large", message: "amount_to_capture exceeds amount_capturable");
        }

        CaptureHeld(intent, units);
        return Respond(HttpStatusCode.OK, intent);
    }

    private static long CapturableOf(JsonObject intent) => Units(intent["amount_capturable"]) is > 0 and var held ? held : Units(intent["amount"]);

    /// <summary>Stripe captures once per PaymentIntent: what is not captured is released.</summary>
    private static void CaptureHeld(JsonObject intent, long units)
    {
        intent["amount_received"] = units;
        intent["amount_capturable"] = 0;
        intent["latest_charge"] = ChargeIdOf(intent);
        intent["status"] = "succeeded";
    }

    private static string ChargeIdOf(JsonObject intent) => "ch_" + ((string)intent["id"]!)["pi_".Length..];

    private static FakeStripeResponse Cancel(JsonObject intent)
    {
        if ((string?)intent["status"] is ("canceled" or "succeeded") and var status)
        {
            return Error(
                HttpStatusCode.BadRequest,
                "invalid_request_error",
                "payment_intent_unexpected_state",
                intent,
                $"You cannot cancel this PaymentIntent because it has a status of {status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.");
        }

        intent["status"] = "canceled";
        return Respond(HttpStatusCode.OK, intent);
    }

    private FakeStripeResponse Refund(JsonObject intent, StripeCall call)
    {
        var id = (string)intent["id"]!;
        var received = Units(intent["amount_received"]);
        var already = RefundedOf(id);
        if ((string?)intent["status"] != "succeeded" || already >= received)
        {
            return already >= received && received > 0
                ? Error(HttpStatusCode.BadRequest, "invalid_request_error", "charge_already_refunded", message: $"Charge {ChargeIdOf(intent)} has already been refunded.")
                : Error(HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_unexpected_state", message: "This PaymentIntent does not have a successful charge to refund.");
        }

        var units = call.Parameters.TryGetValue("amount", out var requested) ? long.Parse(requested, CultureInfo.InvariantCulture) : received - already;
        if (units > received - already)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "amount_too_large", message: "Refund amount is greater than the unrefunded amount.");
        }

        return Respond(HttpStatusCode.OK, AddRefund(intent, units, call.Nested("metadata", integers: false) ?? new JsonObject()));
    }

    private JsonObject AddRefund(JsonObject intent, long units, JsonNode metadata)
    {
        var id = (string)intent["id"]!;
        var refund = new JsonObject
        {
            ["id"] = NewId("re"),
            ["object"] = "refund",
            ["amount"] = units,
            ["charge"] = ChargeIdOf(intent),
            ["created"] = 1_790_000_000 + counter,
            ["currency"] = (string?)intent["currency"],
            ["metadata"] = metadata,
            ["payment_intent"] = id,
            ["reason"] = null,
            ["status"] = "succeeded",
        };
        if (!refunds.TryGetValue(id, out var made))
        {
            refunds[id] = made = [];
        }

        made.Add(refund);
        return refund;
    }

    /// <summary>
    /// <c>GET /v1/refunds</c>: Stripe's list object, newest first, filtered by <c>payment_intent</c>, <c>limit</c> items
    /// (10 by default, 1 to 100) after <c>starting_after</c> or before <c>ending_before</c>, with <c>has_more</c>.
    /// </summary>
    private FakeStripeResponse ListRefunds(StripeCall call)
    {
        var limit = call.Parameters.TryGetValue("limit", out var asked) ? int.Parse(asked, CultureInfo.InvariantCulture) : 10;
        if (limit is < 1 or > 100)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_invalid_integer", message: "Invalid integer: limit must be between 1 and 100.");
        }

        IEnumerable<JsonObject> all = call.Parameters.TryGetValue("payment_intent", out var intentId)
            ? refunds.GetValueOrDefault(intentId, [])
            : refunds.Values.SelectMany(list => list);
        var newestFirst = all.OrderByDescending(refund => Units(refund["created"])).ToList();
        var page = newestFirst;
        if (call.Parameters.TryGetValue("starting_after", out var after))
        {
            page = [.. newestFirst.SkipWhile(refund => (string?)refund["id"] != after).Skip(1)];
        }
        else if (call.Parameters.TryGetValue("ending_before", out var before))
        {
            page = [.. newestFirst.TakeWhile(refund => (string?)refund["id"] != before).TakeLast(limit)];
        }

        return Respond(HttpStatusCode.OK, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. page.Take(limit).Select(refund => refund.DeepClone())]),
            ["has_more"] = page.Count > limit,
            ["url"] = "/v1/refunds",
        });
    }

    private long RefundedOf(string paymentIntentId) =>
        refunds.GetValueOrDefault(paymentIntentId, []).Where(refund => (string?)refund["status"] == "succeeded").Sum(refund => Units(refund["amount"]));

    private FakeStripeResponse WithIntent(string id, Func<JsonObject, FakeStripeResponse> answer) =>
        intents.TryGetValue(id, out var intent) ? answer(intent) : Missing();

    /// <summary>An amount of a stored intent, however the test that changed it typed the number.</summary>
    private static long Units(JsonNode? amount) => amount.Deserialize<long>();

    private static FakeStripeResponse Missing() => Error(HttpStatusCode.NotFound, "invalid_request_error", "resource_missing");

    private string NewId(string prefix) => $"{prefix}_test{Interlocked.Increment(ref counter)}";
}
