namespace Payments.Domain.Ports;

/// <summary>The provider events already processed (spec §6.14 D6): a redelivered event is answered without processing it again.</summary>
public interface IProcessedWebhookEvents
{
    Task<bool> ContainsAsync(string providerId, string eventId, CancellationToken cancellationToken);

    /// <summary>Records the event unless it is recorded already (an insert-if-absent: a concurrent duplicate changes nothing).</summary>
    Task AddAsync(string providerId, string eventId, DateTimeOffset processedAt, CancellationToken cancellationToken);

    /// <summary>Forgets events processed before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PurgeProcessedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
