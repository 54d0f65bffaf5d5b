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
    private const string ChargeAlreadyRefunded = "charge_already_refunded";

    private readonly PaymentIntentService paymentIntents = new(client);
    private readonly RefundService refunds = new(client);
    private readonly CustomerService customers = new(client);

    public string Id => variant.ProviderId;

    public async Task<ProviderInitiateResult> InitiateAsync(ProviderInitiateRequest request, CancellationToken cancellationToken)
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
        catch (Exception error) when (IsUnavailable(error, cancellationToken))
        {
            throw MedusaException.ProviderUnavailable(Id, error);
        }

        return new ProviderInitiateResult(RequiredId(intent), intent, statuses.ToSessionStatus(intent));
    }

    /// <summary>A Stripe Customer with the customer's email and name, as Medusa's Stripe provider creates it.</summary>
    public async Task<ProviderAccountHolder> CreateAccountHolderAsync(ProviderAccountHolderRequest request, CancellationToken cancellationToken)
    {
        var customer = request.Customer;
        var name = string.Join(' ', new[] { customer.FirstName, customer.LastName }.Where(part => !string.IsNullOrWhiteSpace(part)));
        JsonElement created;
        try
        {
            created = RawJson(await customers.CreateAsync(
                new CustomerCreateOptions
                {
                    Email = customer.Email,
                    Name = name.Length > 0 ? name : customer.CompanyName,
                    Phone = customer.Phone,
                    Metadata = new Dictionary<string, string> { ["customer_id"] = customer.Id },
                },
                Keyed(request.IdempotencyKey),
                cancellationToken));
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken))
        {
            throw MedusaException.ProviderUnavailable(Id, error);
        }

        return new ProviderAccountHolder(RequiredId(created), created);
    }

    public async Task<ProviderAuthorizeResult> AuthorizeAsync(ProviderOperation operation, CancellationToken cancellationToken)
    {
        var intent = RawJson(await paymentIntents.GetAsync(
            RequiredId(operation.Data),
            new PaymentIntentGetOptions { Expand = ["payment_method"] },
            requestOptions: null,
            cancellationToken));
        return new ProviderAuthorizeResult(statuses.ToSessionStatus(intent), intent);
    }

    public async Task<JsonElement> CaptureAsync(ProviderAmountOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            return RawJson(await paymentIntents.CaptureAsync(
                RequiredId(operation.Data),
                new PaymentIntentCaptureOptions { AmountToCapture = Units(operation.Amount, operation) },
                Keyed(operation.IdempotencyKey),
                cancellationToken));
        }
        // Stripe captures once per PaymentIntent: a later capture counts only if the money it records was received.
        catch (StripeException error) when (error.StripeError?.Code == UnexpectedState
            && ErrorPaymentIntent(error) is { } intent
            && StripeJson.StringOf(intent, "status") == "succeeded"
            && intent.GetProperty("amount_received").GetInt64() >= Units(operation.CapturedTotal ?? operation.Amount, operation))
        {
            return intent;
        }
    }

    public async Task<JsonElement> RefundAsync(ProviderAmountOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            await refunds.CreateAsync(
                new RefundCreateOptions { PaymentIntent = RequiredId(operation.Data), Amount = Units(operation.Amount, operation) },
                Keyed(operation.IdempotencyKey),
                cancellationToken);
        }
        catch (StripeException error) when (error.StripeError?.Code == ChargeAlreadyRefunded)
        {
            LogAlreadyRefunded(logger, operation.IdempotencyKey);
        }

        return operation.Data;
    }

    public Task<JsonElement> CancelAsync(ProviderOperation operation, CancellationToken cancellationToken) =>
        CancelIntentAsync(operation, cancellationToken);

    public Task<JsonElement> DeleteAsync(ProviderOperation operation, CancellationToken cancellationToken) =>
        CancelIntentAsync(operation, cancellationToken);

    public Task<ProviderWebhookEvent> ParseWebhookAsync(ProviderWebhookRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(webhooks.Read(request));

    private async Task<JsonElement> CancelIntentAsync(ProviderOperation operation, CancellationToken cancellationToken)
    {
        if (StripeJson.StringOf(operation.Data, "id") is not { } id)
        {
            return operation.Data;
        }

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
    private static bool IsUnavailable(Exception error, CancellationToken cancellationToken) => error switch
    {
        HttpRequestException => true,
        StripeException stripe => (int)stripe.HttpStatusCode >= 500,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe reported refund {RefundId} as already refunded; counted as done.")]
    private static partial void LogAlreadyRefunded(ILogger logger, string refundId);

    [LoggerMessage(Level = LogLevel.Error, Message = "PaymentIntent {PaymentIntentId} had already succeeded when cancel {IdempotencyKey} reached it: its money stays received.")]
    private static partial void LogCancelOfSucceeded(ILogger logger, string paymentIntentId, string idempotencyKey);
}
