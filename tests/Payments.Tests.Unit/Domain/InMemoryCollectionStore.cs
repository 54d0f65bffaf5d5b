using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// Collection documents and their outbox in memory, with Table Storage's semantics where the domain depends on them: a
/// write with a stale version is refused, a document and its outbox messages land together or not at all, and an outbox
/// message of the same id is replaced. A test can put another writer's change in before the next write, lose the answer
/// of a write that landed, or take storage away for a number of reads.
/// </summary>
internal sealed class InMemoryCollectionStore : IPaymentCollectionStore, IOutboxStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (PaymentCollection Document, int Version)> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<(string CollectionId, string MessageId), PendingOutboxMessage> outbox = [];
    private Func<PaymentCollection, PaymentCollection>? beforeNextWrite;
    private int? readsLostAfterNextWrite;
    private int unavailableReads;
    private int versions;

    /// <summary>Every write that landed, with the outbox messages written with it.</summary>
    public List<(PaymentCollection Document, IReadOnlyList<OutboxMessage> Outbox)> Writes { get; } = [];

    /// <summary>Writes refused because the document had changed since their read (each a 412 from Table Storage).</summary>
    public int RefusedWrites { get; private set; }

    public int Reads { get; private set; }

    /// <summary>
    /// Storage answers each call after yielding, as a real one answers over the network, so that concurrent requests
    /// interleave; otherwise every call completes synchronously.
    /// </summary>
    public bool AnswersAfterYielding { get; set; }

    public PaymentCollection this[string collectionId]
    {
        get
        {
            lock (gate)
            {
                return documents[collectionId].Document;
            }
        }
    }

    /// <summary>The outbox messages stored now, with their delivery state.</summary>
    public IReadOnlyList<PendingOutboxMessage> Outbox
    {
        get
        {
            lock (gate)
            {
                return [.. outbox.Values];
            }
        }
    }

    public void Put(PaymentCollection collection)
    {
        lock (gate)
        {
            documents[collection.Id] = (collection, ++versions);
        }
    }

    /// <summary>Another writer's change lands just before the next write of the code under test (which then conflicts).</summary>
    public void BeforeNextWrite(Func<PaymentCollection, PaymentCollection> concurrentChange) => beforeNextWrite = concurrentChange;

    /// <summary>The next write lands, and its answer is lost: storage is unavailable for it, and then for <paramref name="reads"/> reads.</summary>
    public void LoseNextWriteAnswer(int reads = 0) => readsLostAfterNextWrite = reads;

    /// <summary>The next <paramref name="reads"/> reads find storage unavailable.</summary>
    public void FailReads(int reads) => unavailableReads = reads;

    public async Task<VersionedCollection?> FindAsync(string collectionId, CancellationToken cancellationToken)
    {
        await AnswerAsync();
        lock (gate)
        {
            Reads++;
            if (unavailableReads > 0)
            {
                unavailableReads--;
                throw Unavailable();
            }

            return documents.TryGetValue(collectionId, out var stored) ? new VersionedCollection(stored.Document, Version(stored.Version)) : null;
        }
    }

    public async Task<string> InsertAsync(PaymentCollection collection, CancellationToken cancellationToken)
    {
        await AnswerAsync();
        lock (gate)
        {
            documents.Add(collection.Id, (collection, ++versions));
            return Version(versions);
        }
    }

    public async Task<string?> TryReplaceAsync(PaymentCollection collection, string expectedVersion, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await AnswerAsync();
        lock (gate)
        {
            if (beforeNextWrite is { } concurrent)
            {
                beforeNextWrite = null;
                documents[collection.Id] = (concurrent(documents[collection.Id].Document), ++versions);
            }

            if (!documents.TryGetValue(collection.Id, out var stored) || Version(stored.Version) != expectedVersion)
            {
                RefusedWrites++;
                return null;
            }

            documents[collection.Id] = (collection, ++versions);
            Append(collection.Id, messages);
            Writes.Add((collection, messages));
            if (readsLostAfterNextWrite is { } reads)
            {
                readsLostAfterNextWrite = null;
                unavailableReads = reads;
                throw Unavailable();
            }

            return Version(versions);
        }
    }

    public async Task AppendOutboxAsync(string collectionId, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await AnswerAsync();
        lock (gate)
        {
            Append(collectionId, messages);
        }
    }

    public async Task DeleteUnlinkedAsync(string collectionId, CancellationToken cancellationToken)
    {
        await AnswerAsync();
        lock (gate)
        {
            documents.Remove(collectionId);
        }
    }

    public async Task<IReadOnlyList<PendingOutboxMessage>> FindDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        await AnswerAsync();
        lock (gate)
        {
            return [.. outbox.Values.Where(message => !message.IsDead && message.NextAttemptAt <= now).Take(maxCount)];
        }
    }

    public async Task CompleteAsync(string collectionId, string messageId, CancellationToken cancellationToken)
    {
        await AnswerAsync();
        lock (gate)
        {
            outbox.Remove((collectionId, messageId));
        }
    }

    public async Task SaveAttemptAsync(PendingOutboxMessage message, CancellationToken cancellationToken)
    {
        await AnswerAsync();
        lock (gate)
        {
            var key = (message.CollectionId, message.Message.Id);
            if (outbox.TryGetValue(key, out var stored) && stored.Version == message.Version)
            {
                outbox[key] = message with { Version = Version(++versions) };
            }
        }
    }

    private static string Version(int version) => $"v{version}";

    private static MedusaException Unavailable() => MedusaException.StorageUnavailable(new IOException("storage did not answer"));

    private void Append(string collectionId, IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            outbox[(collectionId, message.Id)] = new PendingOutboxMessage(collectionId, message, 0, message.DueAt, null, false, Version(++versions));
        }
    }

    private async Task AnswerAsync()
    {
        if (AnswersAfterYielding)
        {
            await Task.Yield();
        }
    }
}
