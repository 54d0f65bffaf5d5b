using Microsoft.Azure.Functions.Worker;
using Payments.Domain.Outbox;

namespace Payments.Functions;

/// <summary>
/// Performs the outbox messages that are due: provider releases and payment index entries whose first try failed,
/// reconciliations with the providers' ledgers (docs/storage.md, "The outbox").
/// </summary>
public sealed class OutboxFunctions(OutboxDispatcher dispatcher)
{
    /// <summary>NCRONTAB with seconds, in UTC (the local host runs it on the same schedule).</summary>
    public const string Schedule = "0 */1 * * * *";

    [Function(nameof(DispatchOutbox))]
    public Task DispatchOutbox([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return dispatcher.ProcessDueAsync(cancellationToken);
    }
}
