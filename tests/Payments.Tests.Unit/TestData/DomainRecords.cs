using System.Globalization;
using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Providers;
using Payments.Domain.RefundReasons;

namespace Payments.Tests.Unit.TestData;

/// <summary>
/// One builder per domain record for every unit test: each parameter has a plain default (usd 50 on the system
/// provider, created at <see cref="Start"/>), so a test names only what its behaviour depends on.
/// </summary>
internal static class DomainRecords
{
    public static readonly DateTimeOffset Start = At("2026-11-24T11:24:17.238Z");

    public static DateTimeOffset At(string timestamp) => DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static PaymentCollection Collection(
        decimal amount = 50m,
        string currency = "usd",
        string id = "pay_col_1",
        PaymentCollectionStatus status = PaymentCollectionStatus.NotPaid,
        string? cartId = null,
        IEnumerable<PaymentSession>? sessions = null,
        IEnumerable<Payment>? payments = null,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? updatedAt = null) => new()
    {
        Id = id,
        CurrencyCode = currency,
        Amount = amount,
        Status = status,
        CartId = cartId,
        Sessions = [.. sessions ?? []],
        Payments = [.. payments ?? []],
        CreatedAt = createdAt ?? Start,
        UpdatedAt = updatedAt ?? createdAt ?? Start,
    };

    public static PaymentSession Session(
        decimal amount = 50m,
        PaymentSessionStatus status = PaymentSessionStatus.Pending,
        string id = "payses_1",
        string providerId = SystemPaymentProvider.ProviderId,
        string? providerReference = "ref_1",
        JsonElement? data = null,
        string? paymentId = null,
        DateTimeOffset? authorizedAt = null,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? updatedAt = null) => new()
    {
        Id = id,
        CurrencyCode = "usd",
        Amount = amount,
        ProviderId = providerId,
        ProviderReference = providerReference,
        Data = data ?? EmptyJson.Object,
        Status = status,
        AuthorizedAt = authorizedAt,
        PaymentId = paymentId,
        CreatedAt = createdAt ?? Start,
        UpdatedAt = updatedAt ?? createdAt ?? Start,
    };

    /// <summary>A payment whose captures and refunds are given by their amounts alone, in the order they happened.</summary>
    public static Payment Payment(
        decimal amount = 50m,
        string currency = "usd",
        decimal[]? capturedAmounts = null,
        decimal[]? refundedAmounts = null,
        string id = "pay_1",
        string providerId = SystemPaymentProvider.ProviderId,
        string collectionId = "pay_col_1",
        string sessionId = "payses_1",
        DateTimeOffset? capturedAt = null,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? updatedAt = null) => new()
    {
        Id = id,
        CurrencyCode = currency,
        Amount = amount,
        ProviderId = providerId,
        Data = EmptyJson.Object,
        CapturedAt = capturedAt,
        PaymentCollectionId = collectionId,
        PaymentSessionId = sessionId,
        CreatedAt = createdAt ?? Start,
        UpdatedAt = updatedAt ?? createdAt ?? Start,
        Captures = [.. (capturedAmounts ?? []).Select((value, index) => Capture(value, id: $"capt_{index}", paymentId: id))],
        Refunds = [.. (refundedAmounts ?? []).Select((value, index) => Refund(value, id: $"ref_{index}", paymentId: id))],
    };

    public static Capture Capture(
        decimal amount,
        string id = "capt_1",
        string paymentId = "pay_1",
        string? createdBy = null,
        DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        PaymentId = paymentId,
        Amount = amount,
        CreatedBy = createdBy,
        CreatedAt = createdAt ?? Start,
        UpdatedAt = createdAt ?? Start,
    };

    public static Refund Refund(
        decimal amount,
        string id = "ref_1",
        string paymentId = "pay_1",
        string? reasonId = null,
        string? note = null,
        string? createdBy = null,
        DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        PaymentId = paymentId,
        Amount = amount,
        RefundReasonId = reasonId,
        Note = note,
        CreatedBy = createdBy,
        CreatedAt = createdAt ?? Start,
        UpdatedAt = createdAt ?? Start,
    };

    public static RefundReason Reason(
        string id = "refr_1",
        string label = "Damaged in transit",
        string code = "damaged",
        string? description = null,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? updatedAt = null,
        DateTimeOffset? deletedAt = null) => new()
    {
        Id = id,
        Label = label,
        Code = code,
        Description = description,
        CreatedAt = createdAt ?? Start,
        UpdatedAt = updatedAt ?? createdAt ?? Start,
        DeletedAt = deletedAt,
    };
}
