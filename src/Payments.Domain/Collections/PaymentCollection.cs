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

    /// <summary>The amount in whole minor units of the currency: what sessions, providers and captures carry.</summary>
    public required decimal Amount { get; init; }

    /// <summary>
    /// The amount exactly as the commerce backend gave it, when that is finer than <see cref="Amount"/> (a tax-inclusive
    /// cart total): answered as the collection's amount, so that the backend finds it equal to the cart's total.
    /// </summary>
    public decimal? ExactAmount { get; init; }
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

    /// <summary>The region of its cart, when the collection learnt it from the cart; never exposed.</summary>
    public string? RegionId { get; init; }

    /// <summary>The completion of its cart, as the commerce backend's module reported it; never exposed.</summary>
    public CartCompletion? CartCompletion { get; init; }

    public ImmutableList<PaymentSession> Sessions { get; init; } = [];

    /// <summary>
    /// Sessions the collection no longer keeps (replaced, deleted, dropped by a new amount), with <c>deleted_at</c> set:
    /// still found by id for a while, because Medusa deletes the sessions it read in parallel with creating the next one.
    /// </summary>
    public ImmutableList<PaymentSession> EndedSessions { get; init; } = [];
    public ImmutableList<Payment> Payments { get; init; } = [];

    public ImmutableList<RefusedProviderPayment> RefusedProviderPayments { get; init; } = [];

    /// <summary>
    /// The id of the write that stored this version; never exposed. A writer whose answer was lost reads the document
    /// again and recognises its own write by it.
    /// </summary>
    public string? WriteId { get; init; }
}

/// <summary>A cart's completion: when it was reported, and the sessions the collection had then.</summary>
/// <param name="LiveSessionIds">Only these may still be authorized: a session opened after the cart completed takes no money.</param>
public sealed record CartCompletion(DateTimeOffset RecordedAt, ImmutableList<string> LiveSessionIds);
