using System.Collections.Immutable;
using System.Text.Json;

namespace Payments.Domain.Collections;

/// <summary>A payment: created when a session is authorized; holds its captures and refunds.</summary>
public sealed record Payment
{
    public required string Id { get; init; }
    public required string CurrencyCode { get; init; }

    /// <summary>The session's amount at authorization: the most that can be captured.</summary>
    public required decimal Amount { get; init; }

    public required string ProviderId { get; init; }
    public required JsonElement Data { get; init; }
    public DateTimeOffset? CapturedAt { get; init; }
    public DateTimeOffset? CanceledAt { get; init; }
    public required string PaymentCollectionId { get; init; }

    /// <summary>Kept after that session was replaced.</summary>
    public required string PaymentSessionId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public ImmutableList<Capture> Captures { get; init; } = [];
    public ImmutableList<Refund> Refunds { get; init; } = [];
}

public sealed record Capture
{
    public required string Id { get; init; }
    public required string PaymentId { get; init; }
    public required decimal Amount { get; init; }

    /// <summary>The admin actor, or null when recorded from the provider (auto-capture, webhook).</summary>
    public string? CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

public sealed record Refund
{
    public required string Id { get; init; }
    public required string PaymentId { get; init; }
    public required decimal Amount { get; init; }
    public string? RefundReasonId { get; init; }
    public string? Note { get; init; }
    public string? CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
