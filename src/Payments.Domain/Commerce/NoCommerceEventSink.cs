using Payments.Domain.Ports;

namespace Payments.Domain.Commerce;

/// <summary>
/// The event sink outside module mode, where no rule writes an event (<see cref="CommerceModule.Announces"/>) and no
/// collection is linked in a backend: reaching it is a bug, not a delivery to retry.
/// </summary>
public sealed class NoCommerceEventSink : ICommerceEventSink
{
    public Task<CommerceEventAnswer> DeliverAsync(CommerceEvent commerceEvent, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"Event {commerceEvent.EventId} ({commerceEvent.Type}) was written outside module mode.");
}
