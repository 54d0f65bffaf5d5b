using System.Text.Json;
using Payments.Domain.Sessions;

namespace Payments.Domain.Collections;

/// <summary>A payment session. Its <c>metadata</c> is always <c>{}</c>, so it is not stored.</summary>
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

    /// <summary>The logged-in customer and their account holder (spec D8); null for a guest, whose context is <c>{}</c>.</summary>
    public SessionContext? Context { get; init; }

    public required PaymentSessionStatus Status { get; init; }
    public DateTimeOffset? AuthorizedAt { get; init; }

    /// <summary>The payment created when this session was authorized.</summary>
    public string? PaymentId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the collection stopped keeping it (<see cref="PaymentCollection.EndedSessions"/>); null while it is the live one.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
}
