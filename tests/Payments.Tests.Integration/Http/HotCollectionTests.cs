using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Outbox;
using Payments.Tests.Integration.Infrastructure;
using Payments.Tests.Integration.Storage;

namespace Payments.Tests.Integration.Http;

/// <summary>
/// Many requests for one collection at once (issue 7). Inside one instance they take turns at the collection's gate, so
/// storage refuses none of their conditional writes; two instances on the same tables do not share a gate, and there
/// the version check still decides: every request answers, one session is kept, every superseded one is released, and
/// captures never pass the authorized amount. Storage gets 5 ms of latency per request, as a real account adds, so the
/// requests overlap.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HotCollectionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string tablePrefix = AzuriteFixture.NewTablePrefix();
    private readonly StorageTestServices.RequestCounter firstCounter = new();
    private readonly StorageTestServices.RequestCounter secondCounter = new();
    private ApiHost first = null!;
    private ApiHost second = null!;

    public async Task InitializeAsync()
    {
        first = await StartOnSharedTablesAsync(firstCounter);
        second = await StartOnSharedTablesAsync(secondCounter);
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Sixteen_new_sessions_at_once_in_one_instance_queue_and_storage_refuses_no_write()
    {
        var id = await first.NewCollectionAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(index => first.PostAsync(PaymentSessionTests.SessionsOf(id), NewData(index))));

        Assert.All(responses, response => Assert.Equal(200, response.Status));
        Assert.Equal(0, firstCounter.PreconditionFailures);
        await AssertOneSessionAndNothingLeftToReleaseAsync(id, responses);
    }

    [Fact]
    public async Task Two_instances_on_the_same_tables_collide_and_the_version_check_keeps_one_session()
    {
        var id = await first.NewCollectionAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(index =>
            (index % 2 == 0 ? first : second).PostAsync(PaymentSessionTests.SessionsOf(id), NewData(index))));

        Assert.All(responses, response => Assert.Equal(200, response.Status));
        Assert.True(firstCounter.PreconditionFailures + secondCounter.PreconditionFailures > 0, "the instances' writes collided: the test passes the gate by");
        await AssertOneSessionAndNothingLeftToReleaseAsync(id, responses);
    }

    [Fact]
    public async Task Captures_through_two_instances_stop_exactly_at_the_authorized_amount()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(first, total: 50m);
        var throughSecond = payment with { Api = second };

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(index =>
            (index % 2 == 0 ? payment : throughSecond).CaptureAsync("""{"amount":5}""", PaymentLifecycle.NewKey())));

        Assert.All(responses, response => Assert.Contains(response.Status, new[] { 200, 400 }));
        var stored = await MoneyInvariants.AssertHoldAsync(first, payment.CollectionId);
        var captures = Assert.Single(stored.Payments).Captures;
        Assert.Equal((10, 50m), (captures.Count, captures.Sum(capture => capture.Amount)));
    }

    private async Task<ApiHost> StartOnSharedTablesAsync(StorageTestServices.RequestCounter counter)
    {
        var host = await ApiHost.StartAsync(azurite.ConnectionString, counter.CountTableRequests, ["--PaymentsStorage:TablePrefix", tablePrefix]);
        host.StorageFaults.Latency = TimeSpan.FromMilliseconds(5);
        return host;
    }

    private static string NewData(int index) => $$$"""{"provider_id":"pp_system_default","data":{"n":{{{index}}}}}""";

    /// <summary>Each response shows one session, the document keeps one of them, and no superseded session waits in the outbox for its release.</summary>
    private async Task AssertOneSessionAndNothingLeftToReleaseAsync(string collectionId, ApiResponse[] responses)
    {
        var answered = responses.Select(response => PaymentSessionTests.SessionOf(response).GetProperty("id").GetString()).ToList();
        var stored = await MoneyInvariants.AssertHoldAsync(first, collectionId);
        Assert.Contains(Assert.Single(stored.Sessions).Id, answered);
        Assert.Empty(await first.Services.GetRequiredService<IOutboxStore>().LiveMessagesOfAsync(collectionId));
    }
}
