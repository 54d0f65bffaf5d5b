using Payments.Domain.Ports;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableProviderReleaseStoreTests(AzuriteFixture azurite) : IDisposable
{
    private readonly StorageTestServices services = new(azurite);

    private IPaymentCollectionStore Store => services.Get<IPaymentCollectionStore>();

    private IProviderReleaseStore Releases => services.Get<IProviderReleaseStore>();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task A_new_release_is_due_one_minute_after_it_was_recorded()
    {
        var release = await RecordAsync();
        var recordedAt = services.Clock.GetUtcNow();

        Assert.Empty(await Releases.FindDueAsync(recordedAt.AddSeconds(59), 10, CancellationToken.None));
        var due = Assert.Single(await Releases.FindDueAsync(recordedAt.AddMinutes(1), 10, CancellationToken.None));
        Assert.Equal(release.SessionId, due.Release.SessionId);
        Assert.Equal(release.CollectionId, due.Release.CollectionId);
    }

    [Fact]
    public async Task The_due_query_skips_dead_records_records_not_yet_due_and_the_documents_across_partitions()
    {
        var dueRelease = await RecordAsync();
        var laterRelease = await RecordAsync();
        var deadRelease = await RecordAsync();
        var now = services.Clock.GetUtcNow().AddHours(1);
        var later = (await Releases.FindAsync(laterRelease.CollectionId, laterRelease.SessionId, CancellationToken.None))!;
        await Releases.SaveAttemptAsync(later with { Attempts = 1, NextAttemptAt = now.AddMinutes(2) }, CancellationToken.None);
        var dead = (await Releases.FindAsync(deadRelease.CollectionId, deadRelease.SessionId, CancellationToken.None))!;
        await Releases.SaveAttemptAsync(dead with { IsDead = true, LastError = "gave up" }, CancellationToken.None);

        var due = await Releases.FindDueAsync(now, 10, CancellationToken.None);

        Assert.Equal([dueRelease.SessionId], due.Select(pending => pending.Release.SessionId));
    }

    [Fact]
    public async Task The_due_query_returns_at_most_the_count_asked_for()
    {
        for (var index = 0; index < 5; index++)
        {
            await RecordAsync();
        }

        var due = await Releases.FindDueAsync(services.Clock.GetUtcNow().AddHours(1), 3, CancellationToken.None);

        Assert.Equal(3, due.Count);
    }

    [Fact]
    public async Task A_saved_attempt_reads_back_with_its_retry_state_and_a_new_version()
    {
        var release = await RecordAsync();
        var pending = (await Releases.FindAsync(release.CollectionId, release.SessionId, CancellationToken.None))!;
        var nextAttempt = pending.Release.RecordedAt.AddMinutes(2);

        await Releases.SaveAttemptAsync(pending with { Attempts = 1, NextAttemptAt = nextAttempt, LastError = "provider unavailable" }, CancellationToken.None);

        var saved = (await Releases.FindAsync(release.CollectionId, release.SessionId, CancellationToken.None))!;
        Assert.Equal(1, saved.Attempts);
        Assert.Equal(nextAttempt, saved.NextAttemptAt);
        Assert.Equal(pending.Release.RecordedAt, saved.Release.RecordedAt);
        Assert.Equal("provider unavailable", saved.LastError);
        Assert.NotEqual(pending.Version, saved.Version);
    }

    [Fact]
    public async Task An_attempt_saved_from_a_stale_version_is_ignored()
    {
        var release = await RecordAsync();
        var read = (await Releases.FindAsync(release.CollectionId, release.SessionId, CancellationToken.None))!;
        await Releases.SaveAttemptAsync(read with { Attempts = 1, LastError = "first worker" }, CancellationToken.None);

        await Releases.SaveAttemptAsync(read with { Attempts = 1, LastError = "second worker" }, CancellationToken.None);

        Assert.Equal("first worker", (await Releases.FindAsync(release.CollectionId, release.SessionId, CancellationToken.None))!.LastError);
    }

    [Fact]
    public async Task Completing_a_release_deletes_it()
    {
        var release = await RecordAsync();
        var pending = (await Releases.FindAsync(release.CollectionId, release.SessionId, CancellationToken.None))!;

        await Releases.CompleteAsync(pending.Release.CollectionId, pending.Release.SessionId, CancellationToken.None);

        Assert.Null(await Releases.FindAsync(release.CollectionId, release.SessionId, CancellationToken.None));
    }

    [Fact]
    public async Task Completing_a_release_another_worker_completed_is_harmless()
    {
        var release = await RecordAsync();
        var pending = (await Releases.FindAsync(release.CollectionId, release.SessionId, CancellationToken.None))!;
        await Releases.CompleteAsync(pending.Release.CollectionId, pending.Release.SessionId, CancellationToken.None);

        await Releases.CompleteAsync(pending.Release.CollectionId, pending.Release.SessionId, CancellationToken.None);
        await Releases.SaveAttemptAsync(pending with { Attempts = 1 }, CancellationToken.None);

        Assert.Null(await Releases.FindAsync(release.CollectionId, release.SessionId, CancellationToken.None));
    }

    private async Task<ProviderRelease> RecordAsync()
    {
        var collection = SampleCollections.WithSession();
        await Store.InsertAsync(collection, CancellationToken.None);
        var release = SampleCollections.ReleaseOf(collection);
        await Store.RecordReleasesAsync(collection.Id, [release], CancellationToken.None);
        return release;
    }
}
