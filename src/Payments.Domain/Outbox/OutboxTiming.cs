namespace Payments.Domain.Outbox;

/// <summary>When the timer first takes up the messages a change writes.</summary>
public static class OutboxTiming
{
    /// <summary>How long the timer leaves a message to the request that wrote it and performs it right after its write.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a capture or refund may stay unconfirmed before reconciliation asks the provider about it: longer than
    /// any provider call of the request that sent it can last, so reconciliation never reads the provider's ledger while
    /// that call may still be moving the money.
    /// </summary>
    public static readonly TimeSpan MoveSettlesWithin = TimeSpan.FromMinutes(2);

    /// <summary>How long a session may stay without a final status before reconciliation asks its provider.</summary>
    public static readonly TimeSpan SessionQuietFor = TimeSpan.FromMinutes(10);
}
