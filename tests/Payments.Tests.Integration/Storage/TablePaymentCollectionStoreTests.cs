using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TablePaymentCollectionStoreTests(AzuriteFixture azurite) : IDisposable
{
    private readonly StorageTestServices services = new(azurite);

    private IPaymentCollectionStore Store => services.Get<IPaymentCollectionStore>();

    private IOutboxStore Outbox => services.Get<IOutboxStore>();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task An_inserted_document_reads_back_exactly_with_the_version_the_insert_returned()
    {
        var collection = SampleCollections.WithSession();

        var version = await Store.InsertAsync(collection, CancellationToken.None);
        var found = await Store.FindAsync(collection.Id, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(version, found.Version);
        Assert.Equal(SampleCollections.Canonical(collection), SampleCollections.Canonical(found.Collection));
        Assert.Equal(87.957975m, found.Collection.Amount);
        Assert.Equal("50.00", found.Collection.AuthorizedAmount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_missing_document_is_not_found()
    {
        Assert.Null(await Store.FindAsync(SampleCollections.NewCollectionId(), CancellationToken.None));
    }

    [Theory]
    [InlineData("pay_col_a/b")]
    [InlineData("pay_col_a\\b")]
    [InlineData("pay_col_a#b")]
    [InlineData("pay_col_a?b")]
    [InlineData("pay_col_a\u0001b")]
    public async Task An_id_that_cannot_be_a_table_key_is_not_found(string collectionId)
    {
        Assert.Null(await Store.FindAsync(collectionId, CancellationToken.None));
    }

    [Fact]
    public async Task Of_two_replaces_from_one_version_one_wins_and_the_other_gets_null()
    {
        var original = SampleCollections.WithSession();
        var version = await Store.InsertAsync(original, CancellationToken.None);
        var first = original with { Amount = 10m };
        var second = original with { Amount = 20m };

        var outcomes = await Task.WhenAll(
            Store.TryReplaceAsync(first, version, [], CancellationToken.None),
            Store.TryReplaceAsync(second, version, [], CancellationToken.None));

        var winner = Assert.Single(outcomes.Select((newVersion, index) => (newVersion, index)), outcome => outcome.newVersion is not null);
        var stored = await Store.FindAsync(original.Id, CancellationToken.None);
        Assert.Equal(winner.newVersion, stored!.Version);
        Assert.Equal(winner.index == 0 ? 10m : 20m, stored.Collection.Amount);
    }

    [Fact]
    public async Task A_replace_from_a_stale_version_gets_null_and_changes_nothing()
    {
        var original = SampleCollections.WithSession();
        var staleVersion = await Store.InsertAsync(original, CancellationToken.None);
        var currentVersion = await Store.TryReplaceAsync(original with { Amount = 10m }, staleVersion, [], CancellationToken.None);

        var late = await Store.TryReplaceAsync(original with { Amount = 99m }, staleVersion, [], CancellationToken.None);

        Assert.Null(late);
        var stored = await Store.FindAsync(original.Id, CancellationToken.None);
        Assert.Equal(currentVersion, stored!.Version);
        Assert.Equal(10m, stored.Collection.Amount);
    }

    [Fact]
    public async Task A_replace_of_a_document_deleted_meanwhile_gets_null_and_writes_no_outbox_message()
    {
        var original = SampleCollections.WithSession();
        var version = await Store.InsertAsync(original, CancellationToken.None);
        await Store.DeleteUnlinkedAsync(original.Id, CancellationToken.None);

        Assert.Null(await Store.TryReplaceAsync(original, version, [], CancellationToken.None));
        Assert.Null(await Store.TryReplaceAsync(original, version, [SampleCollections.NewRelease()], CancellationToken.None));
        Assert.Null(await Store.FindAsync(original.Id, CancellationToken.None));
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task Outbox_messages_are_written_with_the_replace_that_wins()
    {
        var original = SampleCollections.WithSession();
        var version = await Store.InsertAsync(original, CancellationToken.None);
        var release = SampleCollections.NewRelease();

        var newVersion = await Store.TryReplaceAsync(original with { Sessions = [] }, version, [release], CancellationToken.None);

        Assert.NotNull(newVersion);
        Assert.Equal(newVersion, (await Store.FindAsync(original.Id, CancellationToken.None))!.Version);
        var recorded = Assert.Single(await OutboxAsync());
        Assert.Equal(original.Id, recorded.CollectionId);
        Assert.Equal(OutboxReading.Canonical(release), OutboxReading.Canonical(recorded.Message));
        var recordedRelease = Assert.IsType<ProviderRelease>(recorded.Message);
        Assert.True(JsonElement.DeepEquals(release.Data, recordedRelease.Data));
        Assert.Equal((0, release.DueAt, false, null), (recorded.Attempts, recorded.NextAttemptAt, recorded.IsDead, recorded.LastError));
    }

    [Fact]
    public async Task Outbox_messages_are_not_written_when_the_replace_loses()
    {
        var original = SampleCollections.WithSession();
        var staleVersion = await Store.InsertAsync(original, CancellationToken.None);
        await Store.TryReplaceAsync(original with { Amount = 10m }, staleVersion, [], CancellationToken.None);

        var outcome = await Store.TryReplaceAsync(original with { Sessions = [] }, staleVersion, [SampleCollections.NewRelease()], CancellationToken.None);

        Assert.Null(outcome);
        Assert.Empty(await OutboxAsync());
        Assert.Single((await Store.FindAsync(original.Id, CancellationToken.None))!.Collection.Sessions);
    }

    [Fact]
    public async Task A_replace_with_more_outbox_messages_than_one_transaction_holds_is_refused_before_anything_is_written()
    {
        var original = SampleCollections.WithSession();
        var version = await Store.InsertAsync(original, CancellationToken.None);
        var tooMany = Enumerable.Range(0, 100).Select(_ => (OutboxMessage)SampleCollections.NewRelease()).ToList();
        var requests = services.Requests.Count;

        await Assert.ThrowsAsync<ArgumentException>(() => Store.TryReplaceAsync(original with { Amount = 1m }, version, tooMany, CancellationToken.None));

        Assert.Equal(requests, services.Requests.Count);
        Assert.Equal(version, (await Store.FindAsync(original.Id, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task Deleting_an_unlinked_document_keeps_the_outbox_messages_of_its_partition()
    {
        var original = SampleCollections.WithSession();
        await Store.InsertAsync(original, CancellationToken.None);
        var release = SampleCollections.NewRelease(ProviderReleaseReason.LostRace);
        await Store.AppendOutboxAsync(original.Id, [release], CancellationToken.None);

        await Store.DeleteUnlinkedAsync(original.Id, CancellationToken.None);

        Assert.Null(await Store.FindAsync(original.Id, CancellationToken.None));
        Assert.Equal(release.Id, Assert.Single(await OutboxAsync()).Message.Id);
    }

    [Fact]
    public async Task Deleting_an_unlinked_document_that_is_already_gone_is_harmless()
    {
        var collectionId = SampleCollections.NewCollectionId();

        await Store.DeleteUnlinkedAsync(collectionId, CancellationToken.None);

        Assert.Null(await Store.FindAsync(collectionId, CancellationToken.None));
    }

    [Fact]
    public async Task A_document_with_300_KB_of_session_data_round_trips_exactly()
    {
        var sessionData = LargeJsonObject(300_000);
        var collection = SampleCollections.WithSession(sessionDataJson: sessionData);

        var version = await Store.InsertAsync(collection, CancellationToken.None);
        var found = await Store.FindAsync(collection.Id, CancellationToken.None);

        Assert.Equal(version, found!.Version);
        Assert.Equal(sessionData, found.Collection.Sessions[0].Data.GetRawText());
        Assert.Equal(SampleCollections.Canonical(collection), SampleCollections.Canonical(found.Collection));

        var replaced = collection with { Amount = 1m };
        var newVersion = await Store.TryReplaceAsync(replaced, version, [], CancellationToken.None);
        Assert.Equal(SampleCollections.Canonical(replaced), SampleCollections.Canonical((await Store.FindAsync(collection.Id, CancellationToken.None))!.Collection));
        Assert.NotNull(newVersion);
    }

    [Fact]
    public async Task A_document_over_1_MiB_is_refused_before_anything_is_written()
    {
        var collection = SampleCollections.WithSession(sessionDataJson: LargeJsonObject(600_000));

        var refused = await Assert.ThrowsAsync<MedusaException>(() => Store.InsertAsync(collection, CancellationToken.None));

        Assert.Equal(MedusaErrorType.InvalidData, refused.Type);
        Assert.Equal($"Payment collection {collection.Id} is too large to store.", refused.Message);
        Assert.Null(await Store.FindAsync(collection.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_replace_that_would_grow_the_document_over_1_MiB_is_refused_and_the_stored_one_stays()
    {
        var original = SampleCollections.WithSession();
        var version = await Store.InsertAsync(original, CancellationToken.None);
        var grown = SampleCollections.WithSession(original.Id, LargeJsonObject(600_000));
        var requests = services.Requests.Count;

        await Assert.ThrowsAsync<MedusaException>(() => Store.TryReplaceAsync(grown, version, [], CancellationToken.None));

        Assert.Equal(requests, services.Requests.Count);
        Assert.Equal(version, (await Store.FindAsync(original.Id, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task The_document_row_holds_the_json_split_into_parts_no_larger_than_a_table_property()
    {
        var collection = SampleCollections.WithSession(sessionDataJson: LargeJsonObject(100_000));
        await Store.InsertAsync(collection, CancellationToken.None);

        var row = await RawTable("paymentcollections").GetEntityAsync<TableEntity>(collection.Id, "collection");

        var parts = row.Value.GetInt32("document_parts")!.Value;
        Assert.InRange(parts, 4, 5);
        Assert.All(Enumerable.Range(0, parts), part => Assert.InRange(row.Value.GetString($"document_{part}")!.Length, 1, 32_768));
    }

    private Task<IReadOnlyList<PendingOutboxMessage>> OutboxAsync() => Outbox.LiveMessagesAsync();

    private TableClient RawTable(string name) =>
        new TableServiceClient(azurite.ConnectionString).GetTableClient(services.TablePrefix + name);

    /// <summary>A JSON object of about <paramref name="length"/> characters, ASCII so its raw text is kept as it is.</summary>
    private static string LargeJsonObject(int length)
    {
        var json = new StringBuilder("""{"blob":[""");
        for (var index = 0; json.Length < length; index++)
        {
            json.Append(index == 0 ? "" : ",").Append('"').Append(index).Append("-abcdefghijklmnopqrstuvwxyz0123456789\"");
        }

        return json.Append("]}").ToString();
    }
}
