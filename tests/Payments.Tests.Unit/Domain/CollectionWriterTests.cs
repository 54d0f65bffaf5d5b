using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Payments.Domain.Collections;
using Payments.Domain.Concurrency;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// The one way a document changes: in the collection's turn, from the newest version known, a pure decision, a
/// conditional write with its outbox, and whatever storage does to that write.
/// </summary>
public sealed class CollectionWriterTests
{
    private static readonly CollectionTarget Target = new("pay_col_1", () => MedusaException.NotFound("PaymentCollection id not found: pay_col_1"));

    private readonly InMemoryCollectionStore store = new();
    private readonly List<OutboxMessage> dispatched = [];
    private readonly CollectionWriter writer;

    public CollectionWriterTests()
    {
        store.Put(Collection());
        var clock = new FakeTimeProvider(Start);
        var dispatcher = new OutboxDispatcher(store, new Lazy<IReadOnlyList<IOutboxHandler>>(() => [new RecordingHandler(dispatched)]), clock, NullLogger<OutboxDispatcher>.Instance);
        writer = new CollectionWriter(store, dispatcher, new CollectionGate(clock), new InstantBackOff(), NullLogger<CollectionWriter>.Instance);
    }

    [Fact]
    public async Task A_decision_is_written_with_its_outbox_and_the_messages_due_at_once_are_performed()
    {
        var message = new CartUnlinking("cart_1") { DueAt = Start };

        var change = await writer.DecideAsync(Target, collection => Decision<int>.Write(collection with { Amount = 70m }, 7, [message]), CancellationToken.None);

        Assert.Equal((7, 70m), (change.Result, store["pay_col_1"].Amount));
        Assert.Equal([message], dispatched);
        Assert.Empty(store.Outbox);
    }

    [Fact]
    public async Task A_conflict_decides_again_on_the_document_another_writer_left()
    {
        store.BeforeNextWrite(collection => collection with { Amount = 60m });
        var seen = new List<decimal>();

        await writer.DecideAsync(Target, collection => { seen.Add(collection.Amount); return Decision<bool>.Write(collection with { Metadata = Json("{}") }, true); }, CancellationToken.None);

        Assert.Equal([50m, 60m], seen);
        Assert.Equal((60m, 1), (store["pay_col_1"].Amount, store.RefusedWrites));
    }

    [Fact]
    public async Task A_write_that_landed_although_its_answer_was_lost_is_recognised_and_not_decided_again()
    {
        store.LoseNextWriteAnswer(reads: 2);
        var decisions = 0;

        var change = await writer.DecideAsync(Target, collection => { decisions++; return Decision<int>.Write(collection with { Amount = 80m }, decisions); }, CancellationToken.None);

        Assert.Equal((1, 1, 80m), (decisions, change.Result, store["pay_col_1"].Amount));
        Assert.Single(store.Writes);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_fails_a_request_before_it_writes_but_a_settling_change_waits_for_it()
    {
        store.FailReads(1);
        var error = await Assert.ThrowsAsync<MedusaException>(() => writer.DecideAsync(Target, collection => Decision<bool>.Keep(true), CancellationToken.None));
        Assert.True(error.IsStorageUnavailable);

        store.FailReads(3);
        var settled = await writer.DecideAsync(Target with { Settles = true }, collection => Decision<bool>.Write(collection with { Amount = 90m }, true), CancellationToken.None);

        Assert.True(settled.Result);
        Assert.Equal(90m, store["pay_col_1"].Amount);
    }

    [Fact]
    public async Task A_deleted_collection_is_not_found_unless_the_change_accepts_its_tombstone()
    {
        store.Put(Collection() with { DeletedAt = Start });

        var error = await Assert.ThrowsAsync<MedusaException>(() => writer.DecideAsync(Target, collection => Decision<bool>.Keep(true), CancellationToken.None));
        var accepted = await writer.DecideAsync(Target with { AcceptsTombstone = true }, collection => Decision<bool>.Keep(collection.DeletedAt is not null), CancellationToken.None);

        Assert.Equal(MedusaErrorType.NotFound, error.Type);
        Assert.True(accepted.Result);
    }

    [Fact]
    public async Task A_stale_input_writes_nothing_and_hands_back_the_document_to_prepare_from()
    {
        store.Put(Collection(amount: 75m));

        var change = await writer.DecideAsync(Target, _ => Decision<bool>.PrepareAgain(), CancellationToken.None);

        Assert.True(change.PrepareAgain);
        Assert.Equal(75m, change.Current.Collection.Amount);
        Assert.Empty(store.Writes);
    }

    [Fact]
    public async Task A_change_that_follows_the_read_or_the_write_it_knows_decides_without_reading_again()
    {
        var known = await writer.ReadAsync(Target, CancellationToken.None);
        var first = await writer.DecideAsync(Target, collection => Decision<bool>.Write(collection with { Amount = 55m }, true), CancellationToken.None, known);
        await writer.DecideAsync(Target, collection => Decision<bool>.Write(collection with { Amount = 56m }, true), CancellationToken.None, first.Current);

        Assert.Equal((1, 0, 56m), (store.Reads, store.RefusedWrites, store["pay_col_1"].Amount));
    }

    [Fact]
    public async Task A_change_from_a_version_someone_else_replaced_is_refused_by_storage_and_decided_again()
    {
        var stale = await writer.ReadAsync(Target, CancellationToken.None);
        await writer.DecideAsync(Target, collection => Decision<bool>.Write(collection with { Amount = 55m }, true), CancellationToken.None, stale);

        await writer.DecideAsync(Target, collection => Decision<bool>.Write(collection with { Amount = collection.Amount + 1 }, true), CancellationToken.None, stale);

        Assert.Equal((1, 56m), (store.RefusedWrites, store["pay_col_1"].Amount));
    }

    private sealed class RecordingHandler(List<OutboxMessage> performed) : OutboxHandler<CartUnlinking>
    {
        protected override Task<OutboxHandled> HandleAsync(string collectionId, CartUnlinking message, CancellationToken cancellationToken)
        {
            performed.Add(message);
            return Task.FromResult(OutboxHandled.Done);
        }
    }
}
