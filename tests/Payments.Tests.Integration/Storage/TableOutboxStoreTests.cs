using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

/// <summary>
/// The outbox rows beside the collection documents (docs/storage.md, "The outbox"), against Azurite: written in the
/// document's transaction, found by the timer's due query across partitions, completed and retried by racing dispatchers.
/// Each test has tables of its own, so the due query sees only its rows.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableOutboxStoreTests(AzuriteFixture azurite) : IDisposable
{
    private readonly StorageTestServices services = new(azurite);

    private IPaymentCollectionStore Store => services.Get<IPaymentCollectionStore>();

    private IOutboxStore Outbox => services.Get<IOutboxStore>();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task A_message_written_with_its_document_is_due_at_its_due_time_and_not_before()
    {
        var (collectionId, release) = await RecordAsync();

        Assert.Empty(await Outbox.FindDueAsync(release.DueAt.AddSeconds(-1), 10, CancellationToken.None));
        var due = Assert.Single(await Outbox.FindDueAsync(release.DueAt, 10, CancellationToken.None));
        Assert.Equal((collectionId, release.Id, 0, release.DueAt, null, false), (due.CollectionId, due.Message.Id, due.Attempts, due.NextAttemptAt, due.LastError, due.IsDead));
        Assert.NotEmpty(due.Version);
    }

    [Fact]
    public async Task Every_kind_of_message_reads_back_as_it_was_written()
    {
        var collection = SampleCollections.WithSession();
        var version = await Store.InsertAsync(collection, CancellationToken.None);
        var dueAt = services.Clock.GetUtcNow();
        OutboxMessage[] messages =
        [
            SampleCollections.NewRelease(ProviderReleaseReason.LatePayment) with { Refund = new ProviderRefund(12.34m, "usd") },
            new PaymentIndexing(new PaymentIndexEntry("pay_1", collection.Id, "payses_1", "pp_stripe_stripe", "usd", 12.34m, dueAt)) { DueAt = dueAt },
            new ProviderReconciliation("payses_1") { DueAt = dueAt.AddMinutes(2) },
            new CartUnlinking("cart_1") { DueAt = dueAt.AddMinutes(1) },
        ];

        await Store.TryReplaceAsync(collection, version, messages, CancellationToken.None);

        var stored = await AllAsync();
        Assert.Equal(messages.Select(Canonical).Order(StringComparer.Ordinal), stored.Select(pending => Canonical(pending.Message)).Order(StringComparer.Ordinal));
        Assert.All(stored, pending => Assert.Equal(pending.Message.DueAt, pending.NextAttemptAt));
    }

    [Fact]
    public async Task The_due_query_skips_dead_messages_messages_not_yet_due_and_the_documents_across_partitions()
    {
        var (_, dueRelease) = await RecordAsync();
        await RecordAsync();
        await RecordAsync();
        var now = services.Clock.GetUtcNow().AddHours(1);
        var (later, dead) = (await AllAsync()).Where(pending => pending.Message.Id != dueRelease.Id).ToList() switch
        {
            [var first, var second] => (first, second),
            var other => throw new InvalidOperationException($"{other.Count} other messages"),
        };
        await Outbox.SaveAttemptAsync(later with { Attempts = 1, NextAttemptAt = now.AddMinutes(2) }, CancellationToken.None);
        await Outbox.SaveAttemptAsync(dead with { IsDead = true, LastError = "gave up" }, CancellationToken.None);

        var due = await Outbox.FindDueAsync(now, 10, CancellationToken.None);

        Assert.Equal([dueRelease.Id], due.Select(pending => pending.Message.Id));
    }

    [Fact]
    public async Task The_due_query_returns_at_most_the_count_asked_for()
    {
        for (var index = 0; index < 5; index++)
        {
            await RecordAsync();
        }

        var due = await Outbox.FindDueAsync(services.Clock.GetUtcNow().AddHours(1), 3, CancellationToken.None);

        Assert.Equal(3, due.Count);
    }

    [Fact]
    public async Task A_saved_attempt_reads_back_with_its_delivery_state_and_a_new_version()
    {
        await RecordAsync();
        var pending = Assert.Single(await AllAsync());
        var nextAttempt = pending.NextAttemptAt.AddMinutes(2);

        await Outbox.SaveAttemptAsync(pending with { Attempts = 1, NextAttemptAt = nextAttempt, LastError = "provider unavailable" }, CancellationToken.None);

        var saved = Assert.Single(await AllAsync());
        Assert.Equal((1, nextAttempt, "provider unavailable", false), (saved.Attempts, saved.NextAttemptAt, saved.LastError, saved.IsDead));
        Assert.Equal(Canonical(pending.Message), Canonical(saved.Message));
        Assert.NotEqual(pending.Version, saved.Version);
    }

    [Fact]
    public async Task An_attempt_saved_from_a_stale_version_is_ignored()
    {
        await RecordAsync();
        var read = Assert.Single(await AllAsync());
        await Outbox.SaveAttemptAsync(read with { Attempts = 1, LastError = "first dispatcher" }, CancellationToken.None);

        await Outbox.SaveAttemptAsync(read with { Attempts = 1, LastError = "second dispatcher" }, CancellationToken.None);

        Assert.Equal("first dispatcher", Assert.Single(await AllAsync()).LastError);
    }

    [Fact]
    public async Task Of_two_dispatchers_saving_an_attempt_at_once_exactly_one_is_kept()
    {
        await RecordAsync();
        var read = Assert.Single(await AllAsync());

        await Task.WhenAll(
            Outbox.SaveAttemptAsync(read with { Attempts = 1, LastError = "first" }, CancellationToken.None),
            Outbox.SaveAttemptAsync(read with { Attempts = 1, LastError = "second" }, CancellationToken.None));

        var saved = Assert.Single(await AllAsync());
        Assert.Equal(1, saved.Attempts);
        Assert.Contains(saved.LastError, new[] { "first", "second" });
    }

    [Fact]
    public async Task Completing_a_message_deletes_it_and_leaves_the_document_alone()
    {
        var (collectionId, release) = await RecordAsync();
        var version = (await Store.FindAsync(collectionId, CancellationToken.None))!.Version;

        await Outbox.CompleteAsync(collectionId, release.Id, CancellationToken.None);

        Assert.Empty(await AllAsync());
        Assert.Equal(version, (await Store.FindAsync(collectionId, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task Completing_a_message_another_dispatcher_completed_is_harmless_and_a_late_attempt_does_not_bring_it_back()
    {
        var (collectionId, release) = await RecordAsync();
        var pending = Assert.Single(await AllAsync());
        await Outbox.CompleteAsync(collectionId, release.Id, CancellationToken.None);

        await Outbox.CompleteAsync(collectionId, release.Id, CancellationToken.None);
        await Outbox.SaveAttemptAsync(pending with { Attempts = 1 }, CancellationToken.None);

        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task The_same_message_decided_by_two_writes_is_one_row()
    {
        var collection = SampleCollections.WithSession();
        var version = await Store.InsertAsync(collection, CancellationToken.None);
        var reconciliation = new ProviderReconciliation("payses_1") { DueAt = services.Clock.GetUtcNow().AddMinutes(2) };

        var second = await Store.TryReplaceAsync(collection, version, [reconciliation], CancellationToken.None);
        await Store.TryReplaceAsync(collection, second!, [reconciliation with { DueAt = reconciliation.DueAt.AddMinutes(2) }], CancellationToken.None);

        var stored = Assert.Single(await AllAsync());
        Assert.Equal(reconciliation.DueAt.AddMinutes(2), stored.NextAttemptAt);
    }

    [Fact]
    public async Task Messages_appended_without_a_document_change_leave_its_version_alone()
    {
        var collection = SampleCollections.WithSession();
        var version = await Store.InsertAsync(collection, CancellationToken.None);
        OutboxMessage[] releases = [SampleCollections.NewRelease(ProviderReleaseReason.LostRace), SampleCollections.NewRelease()];

        await Store.AppendOutboxAsync(collection.Id, releases, CancellationToken.None);

        Assert.Equal(version, (await Store.FindAsync(collection.Id, CancellationToken.None))!.Version);
        Assert.Equal(releases.Select(release => release.Id).Order(StringComparer.Ordinal), (await AllAsync()).Select(pending => pending.Message.Id).Order(StringComparer.Ordinal));
        Assert.All(await AllAsync(), pending => Assert.Equal(collection.Id, pending.CollectionId));
    }

    /// <summary>A collection document with one release written in its replace's transaction.</summary>
    private async Task<(string CollectionId, ProviderRelease Release)> RecordAsync()
    {
        var collection = SampleCollections.WithSession();
        var version = await Store.InsertAsync(collection, CancellationToken.None);
        var release = SampleCollections.NewRelease();
        Assert.NotNull(await Store.TryReplaceAsync(collection with { Sessions = [] }, version, [release], CancellationToken.None));
        return (collection.Id, release);
    }

    private Task<IReadOnlyList<PendingOutboxMessage>> AllAsync() => Outbox.LiveMessagesAsync();

    private static string Canonical(OutboxMessage message) => OutboxReading.Canonical(message);
}
