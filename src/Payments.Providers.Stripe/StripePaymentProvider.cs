using System.Text.Json;
using Microsoft.Extensions.Logging;
using Payments.Domain.Errors;
using Payments.Domain.Providers;
using Stripe;

namespace Payments.Providers.Stripe;

/// <summary>
/// One provider of the Stripe family (spec §7.4; <c>pp_stripe_stripe</c> and Medusa's payment-method variants, which
/// differ only as <see cref="StripeVariant"/> says): one PaymentIntent per session, through Stripe.net (which retries
/// connection failures, 409 and 5xx itself with the same idempotency key). The data this returns is the
/// PaymentIntent JSON exactly as Stripe sent it.
/// </summary>
public sealed partial class StripePaymentProvider(
    IStripeClient client,
    StripeVariant variant,
    StripeOptions options,
    PaymentIntentStatusMap statuses,
    StripeWebhookReader webhooks,
    ILogger<StripePaymentProvider> logger) : IPaymentProvider
{
    private const string UnexpectedState = "payment_intent_unexpected_state";

    /// <summary>The refund metadata key that names the move a refund made.</summary>
    private const string MoveIdMetadata = "move_id";

    private readonly PaymentIntentService paymentIntents = new(client);
    private readonly RefundService refunds = new(client);
    private readonly CustomerService customers = new(client);

    public string Id => variant.ProviderId;

    public bool HasLedger => true;

    public Task<ProviderInitiateResult> InitiateAsync(ProviderInitiateRequest request, CancellationToken cancellationToken) =>
        ReachAsync(
            async () =>
            {
                JsonElement intent;
                try
                {
                    intent = RawJson(await paymentIntents.CreateAsync(
                        PaymentIntentCreateParameters.For(request, variant, options),
                        Keyed(request.IdempotencyKey),
                        cancellationToken));
                }
                catch (StripeException error) when (error.StripeError?.Type == "card_error" && ErrorPaymentIntent(error) is { } declined)
                {
                    // A declined card still created the PaymentIntent: the session keeps it, with status error.
                    intent = declined;
                }

                return new ProviderInitiateResult(RequiredId(intent), intent, statuses.ToSessionStatus(intent));
            },
            cancellationToken);

    /// <summary>A Stripe Customer with the customer's email and name, as Medusa's Stripe provider creates it.</summary>
    public Task<ProviderAccountHolder> CreateAccountHolderAsync(ProviderAccountHolderRequest request, CancellationToken cancellationToken) =>
        ReachAsync(
            async () =>
            {
                var customer = request.Customer;
                var name = string.Join(' ', new[] { customer.FirstName, customer.LastName }.Where(part => !string.IsNullOrWhiteSpace(part)));
                var created = RawJson(await customers.CreateAsync(
                    new CustomerCreateOptions
                    {
                        Email = customer.Email,
                        Name = name.Length > 0 ? name : customer.CompanyName,
                        Phone = customer.Phone,
                        Metadata = new Dictionary<string, string> { ["customer_id"] = customer.Id },
                    },
                    Keyed(request.IdempotencyKey),
                    cancellationToken));
                return new ProviderAccountHolder(RequiredId(created), created);
            },
            cancellationToken);

    public Task<ProviderAuthorizeResult> AuthorizeAsync(ProviderOperation operation, CancellationToken cancellationToken) =>
        ReachAsync(
            async () =>
            {
                var intent = RawJson(await paymentIntents.GetAsync(
                    RequiredId(operation.Data),
                    new PaymentIntentGetOptions { Expand = ["payment_method"] },
                    requestOptions: null,
                    cancellationToken));
                return new ProviderAuthorizeResult(statuses.ToSessionStatus(intent), intent);
            },
            cancellationToken);

    public Task<ProviderMove> CaptureAsync(ProviderAmountOperation operation, CancellationToken cancellationToken) =>
        ReachAsync(
            // Stripe captures a PaymentIntent once, and answers a move's retry (same key) with its first answer; any other
            // capture of an intent that succeeded is its refusal (payment_intent_unexpected_state), even when the money
            // received would cover it: that money is another move's (one in flight, or one made outside this API, which
            // reconciliation records), and counting it again would record more than Stripe received.
            async () => Moved(RawJson(await paymentIntents.CaptureAsync(
                RequiredId(operation.Data),
                new PaymentIntentCaptureOptions { AmountToCapture = Units(operation.Amount, operation) },
                Keyed(operation.IdempotencyKey),
                cancellationToken))),
            cancellationToken);

    /// <summary>A refund of the PaymentIntent; its metadata names the move, so that the ledger shows which move made it.</summary>
    public Task<ProviderMove> RefundAsync(ProviderAmountOperation operation, CancellationToken cancellationToken) =>
        ReachAsync(
            async () =>
            {
                var refund = await refunds.CreateAsync(
                    new RefundCreateOptions
                    {
                        PaymentIntent = RequiredId(operation.Data),
                        Amount = Units(operation.Amount, operation),
                        Metadata = RefundMetadata(operation),
                    },
                    Keyed(operation.IdempotencyKey),
                    cancellationToken);
                return new ProviderMove(PaymentData: null, refund.Id);
            },
            cancellationToken);

    /// <summary>
    /// The PaymentIntent's ledger: <c>amount_received</c> is what it captured in all; its refunds are listed (Stripe's
    /// pending and succeeded ones moved money, failed and cancelled ones did not).
    /// </summary>
    public Task<ProviderLedger?> ReadLedgerAsync(ProviderOperation operation, CancellationToken cancellationToken) =>
        ReachAsync(
            async () =>
            {
                var intent = RawJson(await paymentIntents.GetAsync(RequiredId(operation.Data), options: null, requestOptions: null, cancellationToken));
                var currency = StripeJson.StringOf(intent, "currency") ?? throw new InvalidOperationException("A PaymentIntent without a currency.");
                var made = new List<ProviderLedgerMove>();
                await foreach (var refund in refunds.ListAutoPagingAsync(new RefundListOptions { PaymentIntent = RequiredId(intent), Limit = 100 }, cancellationToken: cancellationToken))
                {
                    if (refund.Status is "pending" or "succeeded" or "requires_action")
                    {
                        made.Add(new ProviderLedgerMove(refund.Id, SmallestCurrencyUnit.ToAmount(refund.Amount, currency), refund.Metadata?.GetValueOrDefault(MoveIdMetadata)));
                    }
                }

                var received = intent.TryGetProperty("amount_received", out var units) && units.ValueKind == JsonValueKind.Number ? units.GetInt64() : 0;
                return (ProviderLedger?)new ProviderLedger(SmallestCurrencyUnit.ToAmount(received, currency), made, intent);
            },
            cancellationToken);

    public Task<JsonElement> CancelAsync(ProviderOperation operation, CancellationToken cancellationToken) =>
        CancelIntentAsync(operation, cancellationToken);

    public Task<JsonElement> DeleteAsync(ProviderOperation operation, CancellationToken cancellationToken) =>
        CancelIntentAsync(operation, cancellationToken);

    public Task<ProviderWebhookEvent> ParseWebhookAsync(ProviderWebhookRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(webhooks.Read(request));

    private Task<JsonElement> CancelIntentAsync(ProviderOperation operation, CancellationToken cancellationToken)
    {
        if (StripeJson.StringOf(operation.Data, "id") is not { } id)
        {
            return Task.FromResult(operation.Data);
        }

        return ReachAsync(
            async () =>
            {
                try
                {
                    return RawJson(await paymentIntents.CancelAsync(id, options: null, Keyed(operation.IdempotencyKey), cancellationToken));
                }
                catch (StripeException error) when (error.StripeError?.Code == UnexpectedState
                    && ErrorPaymentIntent(error) is { } intent
                    && StripeJson.StringOf(intent, "status") is "canceled" or "succeeded")
                {
                    if (StripeJson.StringOf(intent, "status") == "succeeded")
                    {
                        LogCancelOfSucceeded(logger, id, operation.IdempotencyKey);
                    }

                    return intent;
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs a call to Stripe; Stripe unreachable, timing out or answering 5xx (or 429, or 409) after Stripe.net's own retries is
    /// the provider's outage (502, spec §3.2); any other answer of Stripe's 4xx family is its definitive refusal (a 4xx
    /// for the caller, with Stripe's message and code); anything else is our own failure.
    /// </summary>
    private async Task<T> ReachAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken))
        {
            throw MedusaException.ProviderUnavailable(Id, error);
        }
        catch (StripeException refused) when ((int)refused.HttpStatusCode is >= 400 and < 500)
        {
            var details = refused.StripeError;
            throw new ProviderRefusedException(Id, details?.DeclineCode ?? details?.Code, details?.Message ?? refused.Message, refused);
        }
    }

    private static ProviderMove Moved(JsonElement paymentIntent) => new(paymentIntent, Reference: null);

    /// <summary>The move's id, and the PaymentIntent's session and collection so that the refund's own webhooks name them.</summary>
    private static Dictionary<string, string> RefundMetadata(ProviderAmountOperation operation)
    {
        var metadata = new Dictionary<string, string> { [MoveIdMetadata] = operation.IdempotencyKey };
        if (StripeJson.ObjectOf(operation.Data, "metadata") is { } intentMetadata)
        {
            foreach (var key in (string[])["session_id", "payment_collection_id"])
            {
                if (StripeJson.StringOf(intentMetadata, key) is { } value)
                {
                    metadata[key] = value;
                }
            }
        }

        return metadata;
    }

    private static RequestOptions Keyed(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    /// <summary>Units of <paramref name="amount"/> in the PaymentIntent's currency (the operation's, for data without one).</summary>
    private static long Units(decimal amount, ProviderAmountOperation operation) =>
        SmallestCurrencyUnit.ToUnits(amount, StripeJson.StringOf(operation.Data, "currency") ?? operation.CurrencyCode);

    private static string RequiredId(JsonElement paymentIntent) =>
        StripeJson.StringOf(paymentIntent, "id")
        ?? throw new InvalidOperationException("The provider data holds no PaymentIntent id.");

    private static JsonElement RawJson(IStripeEntity entity) => JsonElement.Parse(entity.StripeResponse.Content);

    /// <summary>The PaymentIntent Stripe sends inside some errors (a declined card, an intent in the wrong state).</summary>
    private static JsonElement? ErrorPaymentIntent(StripeException error)
    {
        if (error.StripeResponse?.Content is not { } content)
        {
            return null;
        }

        try
        {
            var body = JsonElement.Parse(content);
            return body.TryGetProperty("error", out var details)
                && details.ValueKind == JsonValueKind.Object
                && details.TryGetProperty("payment_intent", out var intent)
                && intent.ValueKind == JsonValueKind.Object
                    ? intent
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Stripe unreachable, timed out, or answering 5xx after Stripe.net's own retries.</summary>
    // 409 is Stripe's "a request with this Idempotency-Key is still being processed": the first may yet move the money,
    // so it is an unknown answer to retry with the same key, never a refusal that would let the move be dropped.
    private static bool IsUnavailable(Exception error, CancellationToken cancellationToken) => error switch
    {
        HttpRequestException => true,
        StripeException stripe => (int)stripe.HttpStatusCode is >= 500 or 429 or 409,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "PaymentIntent {PaymentIntentId} had already succeeded when cancel {IdempotencyKey} reached it: its money stays received.")]
    private static partial void LogCancelOfSucceeded(ILogger logger, string paymentIntentId, string idempotencyKey);
}
