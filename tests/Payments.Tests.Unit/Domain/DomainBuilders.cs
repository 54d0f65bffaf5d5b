using Payments.Domain.Collections;
using Payments.Domain.Providers;

namespace Payments.Tests.Unit.Domain;

/// <summary>Small builders for domain records in tests.</summary>
internal static class DomainBuilders
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 11, 24, 17, 238, TimeSpan.Zero);

    public static PaymentCollection Collection(decimal amount = 50m, string currency = "usd") => new()
    {
        Id = "pay_col_1",
        CurrencyCode = currency,
        Amount = amount,
        Status = PaymentCollectionStatus.NotPaid,
        CreatedAt = Start,
        UpdatedAt = Start,
        CartId = "cart_1",
    };

    public static PaymentSession Session(decimal amount = 50m, PaymentSessionStatus status = PaymentSessionStatus.Pending, string id = "payses_1") => new()
    {
        Id = id,
        CurrencyCode = "usd",
        Amount = amount,
        ProviderId = SystemPaymentProvider.ProviderId,
        ProviderReference = "ref",
        Data = EmptyJson.Object,
        Status = status,
        CreatedAt = Start,
        UpdatedAt = Start,
    };

    public static Payment Payment(decimal amount = 50m, string currency = "usd", decimal[]? captures = null, decimal[]? refunds = null) => new()
    {
        Id = "pay_1",
        CurrencyCode = currency,
        Amount = amount,
        ProviderId = SystemPaymentProvider.ProviderId,
        Data = EmptyJson.Object,
        PaymentCollectionId = "pay_col_1",
        PaymentSessionId = "payses_1",
        CreatedAt = Start,
        UpdatedAt = Start,
        Captures = [.. (captures ?? []).Select((value, index) => new Capture
        {
            Id = $"capt_{index}",
            PaymentId = "pay_1",
            Amount = value,
            CreatedAt = Start,
            UpdatedAt = Start,
        })],
        Refunds = [.. (refunds ?? []).Select((value, index) => new Refund
        {
            Id = $"ref_{index}",
            PaymentId = "pay_1",
            Amount = value,
            CreatedAt = Start,
            UpdatedAt = Start,
        })],
    };
}
