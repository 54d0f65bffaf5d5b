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

/// <summary>
/// An operation that moves an amount (capture, refund), in major units of <paramref name="CurrencyCode"/> and always a
/// whole number of its minor unit. <paramref name="IdempotencyKey"/> names the move (its id): every attempt of one move
/// carries the same key, and no two moves share one.
/// </summary>
public sealed record ProviderAmountOperation(JsonElement Data, decimal Amount, string CurrencyCode, string IdempotencyKey);

/// <summary>What a capture or refund did at the provider: its latest data of the payment (if it sent it) and its id of the move.</summary>
public sealed record ProviderMove(JsonElement? PaymentData, string? Reference);

/// <summary>
/// What the provider's own ledger says of a payment: how much it captured in all, the refunds it made (those that
/// succeeded or are under way; failed and cancelled ones moved nothing), and its latest data. <see cref="Captures"/>
/// lists the captures one by one when the provider keeps them so (a provider that captures a payment several times);
/// null when it only knows the total (Stripe's <c>amount_received</c>: a PaymentIntent is captured once).
/// </summary>
public sealed record ProviderLedger(decimal CapturedTotal, IReadOnlyList<ProviderLedgerMove> Refunds, JsonElement Data)
{
    public IReadOnlyList<ProviderLedgerMove>? Captures { get; init; }
}

/// <summary>A capture or refund in a provider's ledger: its id, amount and the id of the move that asked for it, when one did.</summary>
public sealed record ProviderLedgerMove(string Reference, decimal Amount, string? MoveId);

/// <summary>
/// Thrown by a provider adapter when the provider refused an operation definitively (a declined card, a capture the
/// payment no longer allows): nothing moved, and the caller gets a 4xx with the provider's message and code. An outage
/// or an answer that never came is <see cref="Errors.MedusaException.ProviderUnavailable"/> instead.
/// </summary>
public sealed class ProviderRefusedException(string providerId, string? code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string ProviderId => providerId;

    /// <summary>The provider's code for the refusal (Stripe's <c>error.code</c>, or its decline code).</summary>
    public string? Code => code;
}

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

    /// <summary>Money of the payment moved at the provider (a refund, or a capture, possibly made outside this API): its ledger is read again.</summary>
    MoneyMoved,
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
/// A payment provider adapter (spec §7.1). Amounts are decimal major units, whole numbers of the currency's minor unit;
/// each adapter converts as its service needs. A definitive refusal is <see cref="ProviderRefusedException"/>, an
/// outage <see cref="Errors.MedusaException.ProviderUnavailable"/>; anything else is our own failure (500).
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The registered id, <c>pp_{identifier}_{id}</c>.</summary>
    string Id { get; }

    /// <summary>
    /// True for a provider that keeps its own ledger of the money it moves and reports what happens to its payments on its
    /// own (webhooks): its sessions and moves are reconciled against it. False for the system provider, which moves no money.
    /// </summary>
    bool HasLedger { get; }

    Task<ProviderInitiateResult> InitiateAsync(ProviderInitiateRequest request, CancellationToken cancellationToken);

    /// <summary>Creates the customer's account at the provider (spec D8); called once per customer and provider.</summary>
    Task<ProviderAccountHolder> CreateAccountHolderAsync(ProviderAccountHolderRequest request, CancellationToken cancellationToken);

    Task<ProviderAuthorizeResult> AuthorizeAsync(ProviderOperation operation, CancellationToken cancellationToken);

    Task<ProviderMove> CaptureAsync(ProviderAmountOperation operation, CancellationToken cancellationToken);

    Task<ProviderMove> RefundAsync(ProviderAmountOperation operation, CancellationToken cancellationToken);

    /// <summary>
    /// The provider's ledger of a payment, or null for a provider that keeps none (the system provider moves no money:
    /// a move of its is settled by sending it again). Reads only: it never moves money.
    /// </summary>
    Task<ProviderLedger?> ReadLedgerAsync(ProviderOperation operation, CancellationToken cancellationToken);

    Task<JsonElement> CancelAsync(ProviderOperation operation, CancellationToken cancellationToken);

    /// <summary>Releases the provider payment of a session that is no longer used; releasing twice is harmless.</summary>
    Task<JsonElement> DeleteAsync(ProviderOperation operation, CancellationToken cancellationToken);

    /// <summary>Verifies and interprets a webhook; throws <see cref="WebhookVerificationException"/> when not authentic.</summary>
    Task<ProviderWebhookEvent> ParseWebhookAsync(ProviderWebhookRequest request, CancellationToken cancellationToken);
}
