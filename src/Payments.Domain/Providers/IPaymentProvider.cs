using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Ports;

namespace Payments.Domain.Providers;

/// <summary>Input of <see cref="IPaymentProvider.InitiateAsync"/>: <paramref name="Data"/> is the request's data plus <c>session_id</c>.</summary>
/// <param name="CollectionId">The session's collection, so that a provider's webhook can name it (Stripe metadata).</param>
/// <param name="AccountHolderExternalId">The provider's id of the customer's account (Stripe: <c>customer</c>); null for guests.</param>
public sealed record ProviderInitiateRequest(
    string CollectionId,
    decimal Amount,
    string CurrencyCode,
    JsonElement Data,
    string IdempotencyKey,
    string? AccountHolderExternalId = null);

/// <summary>Input of <see cref="IPaymentProvider.CreateAccountHolderAsync"/>: the key is derived from the customer id, so a retry finds the same account.</summary>
public sealed record ProviderAccountHolderRequest(Customer Customer, string IdempotencyKey);

/// <summary>The provider's id of the new account, and its data.</summary>
public sealed record ProviderAccountHolder(string ExternalId, JsonElement Data);

/// <summary>The provider's reference for the new payment, its data, and its status when it reports one.</summary>
public sealed record ProviderInitiateResult(string Reference, JsonElement Data, PaymentSessionStatus? Status);

/// <summary>An operation on an existing provider payment, identified by its stored data.</summary>
public sealed record ProviderOperation(JsonElement Data, string IdempotencyKey);

/// <summary>An operation that moves an amount (capture, refund), in major units of <paramref name="CurrencyCode"/>.</summary>
/// <param name="CapturedTotal">For a capture: every capture recorded for the payment, this one included.</param>
public sealed record ProviderAmountOperation(JsonElement Data, decimal Amount, string CurrencyCode, string IdempotencyKey, decimal? CapturedTotal = null);

public sealed record ProviderAuthorizeResult(PaymentSessionStatus Status, JsonElement Data);

public enum WebhookAction
{
    Authorized,
    Captured,
    Failed,
    Pending,
    RequiresMore,
    Canceled,
    NotSupported,
    PendingAuthorization,
}

/// <summary>A provider webhook request: the raw body bytes (signatures are computed over them) and the headers.</summary>
public sealed record ProviderWebhookRequest(ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>What a verified webhook means; <c>SessionId</c> and <c>CollectionId</c> locate the session.</summary>
public sealed record ProviderWebhookEvent(
    WebhookAction Action,
    string? EventId,
    string? CollectionId,
    string? SessionId,
    decimal? Amount,
    JsonElement? Data);

/// <summary>Thrown by <see cref="IPaymentProvider.ParseWebhookAsync"/> when a webhook is not authentic.</summary>
public sealed class WebhookVerificationException(string reason) : Exception(reason);

/// <summary>
/// A payment provider adapter (spec §7.1). Amounts are decimal major units; each adapter converts as its
/// service needs. Failures are exceptions; the route answers the generic 500 and logs the detail.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The registered id, <c>pp_{identifier}_{id}</c>.</summary>
    string Id { get; }

    Task<ProviderInitiateResult> InitiateAsync(ProviderInitiateRequest request, CancellationToken cancellationToken);

    /// <summary>Creates the customer's account at the provider (spec D8); called once per customer and provider.</summary>
    Task<ProviderAccountHolder> CreateAccountHolderAsync(ProviderAccountHolderRequest request, CancellationToken cancellationToken);

    Task<ProviderAuthorizeResult> AuthorizeAsync(ProviderOperation operation, CancellationToken cancellationToken);

    Task<JsonElement> CaptureAsync(ProviderAmountOperation operation, CancellationToken cancellationToken);

    Task<JsonElement> RefundAsync(ProviderAmountOperation operation, CancellationToken cancellationToken);

    Task<JsonElement> CancelAsync(ProviderOperation operation, CancellationToken cancellationToken);

    /// <summary>Releases the provider payment of a session that is no longer used; releasing twice is harmless.</summary>
    Task<JsonElement> DeleteAsync(ProviderOperation operation, CancellationToken cancellationToken);

    /// <summary>Verifies and interprets a webhook; throws <see cref="WebhookVerificationException"/> when not authentic.</summary>
    Task<ProviderWebhookEvent> ParseWebhookAsync(ProviderWebhookRequest request, CancellationToken cancellationToken);
}
