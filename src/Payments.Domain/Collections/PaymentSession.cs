using System.Text.Json;

namespace Payments.Domain.Collections;

/// <summary>
/// A payment session. Its <c>context</c> is always <c>{}</c> and its <c>metadata</c> always <c>{}</c>
/// (spec D8), so neither is stored.
/// </summary>
public sealed record PaymentSession
{
    public required string Id { get; init; }
    public required string CurrencyCode { get; init; }
    public required decimal Amount { get; init; }
    public required string ProviderId { get; init; }

    /// <summary>The provider's own reference for this session (Stripe: the PaymentIntent id); never exposed.</summary>
    public string? ProviderReference { get; init; }

    /// <summary>The provider's data: always a JSON object.</summary>
    public required JsonElement Data { get; init; }

    public required PaymentSessionStatus Status { get; init; }
    public DateTimeOffset? AuthorizedAt { get; init; }

    /// <summary>The payment created when this session was authorized.</summary>
    public string? PaymentId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
