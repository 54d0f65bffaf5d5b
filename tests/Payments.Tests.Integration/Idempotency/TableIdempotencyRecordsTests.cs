using System.Text;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Tests.Integration.Infrastructure;
using Payments.Tests.Integration.Storage;

namespace Payments.Tests.Integration.Idempotency;

[Collection(AzuriteCollection.Name)]
public sealed class TableIdempotencyRecordsTests(AzuriteFixture azurite) : IDisposable
{
    private const string PublishableToken = "pk_idempotency_records_test_token";
    private static readonly StoredResponse Ok = new(200, "application/json; charset=utf-8", Encoding.UTF8.GetBytes("""{"payment_collection":{"id":"pay_col_1"}}"""));

    private readonly StorageTestServices services = new(azurite);

    private IIdempotencyRecords Records => services.Get<IIdempotencyRecords>();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task The_first_request_with_a_key_starts_an_in_flight_record_the_next_one_finds()
    {
        var first = Request("key-1", "fp-1");

        var started = Assert.IsType<IdempotencyBegin.Started>(await Records.TryBeginAsync(first, CancellationToken.None));
        var found = Assert.IsType<IdempotencyBegin.Found>(await Records.TryBeginAsync(Request("key-1", "fp-2"), CancellationToken.None));

        Assert.Equal(first, started.Claim.Request);
        Assert.Equal(new IdempotencyRecord("fp-1", first.StartedAt, Response: null, started.Claim.Version, first.OwnerId), found.Record);
    }

    [Fact]
    public async Task A_request_whose_insert_answer_was_lost_finds_its_own_record_as_its_claim()
    {
        var request = Request("key-1", "fp-1");
        var first = Assert.IsType<IdempotencyBegin.Started>(await Records.TryBeginAsync(request, CancellationToken.None));

        // The client's retry of the same insert: storage already holds the record the first try wrote.
        var retried = Assert.IsType<IdempotencyBegin.Started>(await Records.TryBeginAsync(request, CancellationToken.None));

        Assert.Equal(first.Claim, retried.Claim);
        Assert.IsType<IdempotencyBegin.Found>(await Records.TryBeginAsync(Request("key-1", "fp-1"), CancellationToken.None));
    }

    [Fact]
    public async Task A_completed_record_holds_the_response_byte_for_byte()
    {
        var claim = await BeginAsync(Request("key-1", "fp-1"));

        await Records.CompleteAsync(claim, Ok, CancellationToken.None);

        var record = (await FindAsync("key-1")).Record;
        Assert.Equal("fp-1", record.Fingerprint);
        Assert.Equal((Ok.StatusCode, Ok.ContentType), (record.Response!.StatusCode, record.Response.ContentType));
        Assert.Equal(Ok.Body.ToArray(), record.Response.Body.ToArray());
    }

    [Fact]
    public async Task A_body_larger_than_one_property_is_split_and_read_back_whole()
    {
        var claim = await BeginAsync(Request("key-1", "fp-1"));
        var body = Enumerable.Range(0, (3 * 64 * 1024) + 17).Select(index => (byte)(index % 251)).ToArray();

        await Records.CompleteAsync(claim, Ok with { Body = body }, CancellationToken.None);

        Assert.Equal(body, (await FindAsync("key-1")).Record.Response!.Body.ToArray());
    }

    [Fact]
    public async Task An_empty_body_is_kept_as_empty()
    {
        var claim = await BeginAsync(Request("key-1", "fp-1"));

        await Records.CompleteAsync(claim, Ok with { Body = Array.Empty<byte>() }, CancellationToken.None);

        Assert.Equal(0, (await FindAsync("key-1")).Record.Response!.Body.Length);
    }

    [Fact]
    public async Task A_response_too_large_for_one_entity_releases_the_key()
    {
        var claim = await BeginAsync(Request("key-1", "fp-1"));

        await Records.CompleteAsync(claim, Ok with { Body = new byte[1024 * 1024] }, CancellationToken.None);

        Assert.IsType<IdempotencyBegin.Started>(await Records.TryBeginAsync(Request("key-1", "fp-1"), CancellationToken.None));
    }

    [Fact]
    public async Task A_released_key_is_free_again()
    {
        var claim = await BeginAsync(Request("key-1", "fp-1"));

        await Records.ReleaseAsync(claim, CancellationToken.None);

        Assert.IsType<IdempotencyBegin.Started>(await Records.TryBeginAsync(Request("key-1", "fp-2"), CancellationToken.None));
    }

    [Fact]
    public async Task A_take_over_replaces_the_record_read_and_only_that_version()
    {
        var old = await BeginAsync(Request("key-1", "fp-1"));
        await Records.CompleteAsync(old, Ok, CancellationToken.None);
        var completed = (await FindAsync("key-1")).Record;
        var later = Request("key-1", "fp-2", startedAt: completed.StartedAt.AddHours(25));

        var taken = await Records.TryTakeOverAsync(later, completed.Version, CancellationToken.None);
        var lost = await Records.TryTakeOverAsync(Request("key-1", "fp-3"), completed.Version, CancellationToken.None);

        Assert.NotNull(taken);
        Assert.Null(lost);
        Assert.Equal(new IdempotencyRecord("fp-2", later.StartedAt, Response: null, taken.Version, later.OwnerId), (await FindAsync("key-1")).Record);
    }

    [Fact]
    public async Task An_owner_whose_record_was_taken_over_can_neither_complete_nor_release_it()
    {
        var abandoned = await BeginAsync(Request("key-1", "fp-1"));
        var current = await Records.TryTakeOverAsync(Request("key-1", "fp-2"), abandoned.Version, CancellationToken.None);

        await Records.CompleteAsync(abandoned, Ok, CancellationToken.None);
        await Records.ReleaseAsync(abandoned, CancellationToken.None);

        Assert.Equal(new IdempotencyRecord("fp-2", current!.Request.StartedAt, Response: null, current.Version, current.Request.OwnerId), (await FindAsync("key-1")).Record);
    }

    [Fact]
    public async Task A_take_over_of_a_deleted_record_is_lost()
    {
        var released = await BeginAsync(Request("key-1", "fp-1"));
        await Records.ReleaseAsync(released, CancellationToken.None);

        Assert.Null(await Records.TryTakeOverAsync(Request("key-1", "fp-2"), released.Version, CancellationToken.None));
    }

    [Fact]
    public async Task Keys_are_per_caller()
    {
        await BeginAsync(Request("key-1", "fp-1"));

        Assert.IsType<IdempotencyBegin.Started>(
            await Records.TryBeginAsync(Request("key-1", "fp-1") with { CallerId = "user_other" }, CancellationToken.None));
    }

    [Fact]
    public async Task Keys_with_characters_a_table_key_forbids_are_kept()
    {
        const string key = "order/42#retry?x=1\\y";

        await BeginAsync(Request(key, "fp-1"));

        Assert.Equal("fp-1", (await FindAsync(key)).Record.Fingerprint);
    }

    [Fact]
    public async Task Neither_the_caller_token_nor_the_key_is_stored_in_clear()
    {
        await BeginAsync(Request("key-in-clear", "fp-1"));

        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(services.TablePrefix + "idempotencykeys");
        var entity = Assert.Single(await table.QueryAsync<TableEntity>().ToListAsync());
        var stored = string.Join("|", entity.Select(property => $"{property.Key}={property.Value}").Prepend(entity.PartitionKey));
        Assert.DoesNotContain(PublishableToken, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("key-in-clear", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_use_a_replay_and_a_release_each_cost_two_requests()
    {
        await Records.TryBeginAsync(Request("warm-up", "fp"), CancellationToken.None);
        IdempotencyClaim? claim = null;

        var firstUse = await services.Requests.CountAsync(async () =>
        {
            claim = ((IdempotencyBegin.Started)await Records.TryBeginAsync(Request("key-1", "fp-1"), CancellationToken.None)).Claim;
            await Records.CompleteAsync(claim, Ok, CancellationToken.None);
        });
        var replay = await services.Requests.CountAsync(() => Records.TryBeginAsync(Request("key-1", "fp-1"), CancellationToken.None));
        var released = await services.Requests.CountAsync(async () =>
        {
            var failed = await BeginAsync(Request("key-2", "fp-1"));
            await Records.ReleaseAsync(failed, CancellationToken.None);
        });

        Assert.Equal((2, 2, 2), (firstUse, replay, released));
    }

    [Fact]
    public async Task Purging_deletes_only_the_records_started_before_the_cutoff()
    {
        var now = services.Clock.GetUtcNow();
        await Records.CompleteAsync(await BeginAsync(Request("key-old", "fp", now.AddHours(-25))), Ok, CancellationToken.None);
        await BeginAsync(Request("key-recent", "fp", now.AddHours(-1)));

        var purged = await Records.PurgeStartedBeforeAsync(now.AddHours(-24), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.IsType<IdempotencyBegin.Started>(await Records.TryBeginAsync(Request("key-old", "fp-new"), CancellationToken.None));
        Assert.IsType<IdempotencyBegin.Found>(await Records.TryBeginAsync(Request("key-recent", "fp"), CancellationToken.None));
    }

    private IdempotentRequest Request(string key, string fingerprint, DateTimeOffset? startedAt = null) =>
        new(PublishableToken, key, fingerprint, startedAt ?? services.Clock.GetUtcNow());

    private async Task<IdempotencyClaim> BeginAsync(IdempotentRequest request) =>
        Assert.IsType<IdempotencyBegin.Started>(await Records.TryBeginAsync(request, CancellationToken.None)).Claim;

    private async Task<IdempotencyBegin.Found> FindAsync(string key) =>
        Assert.IsType<IdempotencyBegin.Found>(await Records.TryBeginAsync(Request(key, "probe"), CancellationToken.None));
}
