using Payments.Domain.Errors;

namespace Payments.Api.Endpoints;

/// <summary>
/// Every request's own time limit, which the client does not control: a client that hangs up cancels nothing (a write
/// that landed must be finished and reported to its Idempotency-Key), and a request whose storage stalls answers 503 in
/// time instead of waiting as long as the client does.
/// </summary>
public static class RequestDeadline
{
    /// <summary>
    /// Longer than the 10 s conflict budget of spec §1.9, so that a conflict storm still ends in its 409 and a
    /// storage call that exhausts its own retries (about 10 s) in its 503; far below the 230 s Azure's front end waits.
    /// </summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(12);

    /// <summary>Starts the deadline of a request that arrives now.</summary>
    public static CancellationTokenSource Start(TimeProvider clock) => new(Duration, clock);

    /// <summary>
    /// What a request's failure means for its answer: cancelled by its own deadline, it waited on storage that did not
    /// answer in time (the 503 of <see cref="MedusaException.StorageUnavailable"/>); anything else is itself.
    /// </summary>
    public static Exception Explain(Exception failure, CancellationTokenSource deadline) =>
        failure is OperationCanceledException && deadline.IsCancellationRequested ? MedusaException.StorageUnavailable(failure) : failure;
}
