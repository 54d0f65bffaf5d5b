using System.Collections.Immutable;
using System.Text.Json;

namespace Payments.Domain.Collections;

/// <summary>
/// The payment collection document: the collection with its sessions and payments (captures and refunds
/// inside), stored and versioned as one unit so every change is a single conditional write.
/// </summary>
public sealed partial record PaymentCollection
{
    public required string Id { get; init; }
    public required string CurrencyCode { get; init; }
    public required decimal Amount { get; init; }
    public decimal? AuthorizedAmount { get; init; }
    public decimal? CapturedAmount { get; init; }
    public decimal? RefundedAmount { get; init; }
    public required PaymentCollectionStatus Status { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public JsonElement? Metadata { get; init; }

    /// <summary>
    /// Set when the collection was deleted: the document stays as a tombstone, so that money a provider reports for it
    /// later is recognised and given back, and nothing new is accepted for it; never exposed.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>The cart this collection pays for; never exposed.</summary>
    public string? CartId { get; init; }

    /// <summary>The order this collection pays for (admin-created collections); never exposed.</summary>
    public string? OrderId { get; init; }

    public ImmutableList<PaymentSession> Sessions { get; init; } = [];
    public ImmutableList<Payment> Payments { get; init; } = [];

    public ImmutableList<RefusedProviderPayment> RefusedProviderPayments { get; init; } = [];

    /// <summary>
    /// The id of the write that stored this version; never exposed. A writer whose answer was lost reads the document
    /// again and recognises its own write by it.
    /// </summary>
    public string? WriteId { get; init; }
}
