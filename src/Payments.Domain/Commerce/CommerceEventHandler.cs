using Microsoft.Extensions.Logging;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;

namespace Payments.Domain.Commerce;

/// <summary>
/// Delivers an event to the commerce backend until it answers. A refusal of the event itself (400) is final: it is
/// logged with the event, since sending the same event again would be refused again.
/// </summary>
public sealed partial class CommerceEventHandler(ICommerceEventSink sink, ILogger<CommerceEventHandler> logger) : OutboxHandler<CommerceEvent>
{
    protected override async Task<OutboxHandled> HandleAsync(string collectionId, CommerceEvent message, CancellationToken cancellationToken)
    {
        var answer = await sink.DeliverAsync(message, cancellationToken);
        if (!answer.IsAccepted)
        {
            LogRefused(logger, message.EventId, message.Type, collectionId, answer.RefusalMessage(message));
        }

        return OutboxHandled.Done;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The commerce backend refused event {EventId} ({Type}) of collection {CollectionId}: {Reason}. It is not delivered again.")]
    private static partial void LogRefused(ILogger logger, string eventId, string type, string collectionId, string reason);
}
