using Payments.Domain.Ports;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

/// <summary>What each port call costs in table service requests, once its table exists.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableOperationCountTests(AzuriteFixture azurite) : IDisposable
{
    private readonly StorageTestServices services = new(azurite);

    private IPaymentCollectionStore Store => services.Get<IPaymentCollectionStore>();

    private ICartCollectionLinks Links => services.Get<ICartCollectionLinks>();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task Reading_a_collection_is_one_request()
    {
        var collection = SampleCollections.WithSession();
        await Store.InsertAsync(collection, CancellationToken.None);

        Assert.Equal(1, await services.Requests.CountAsync(() => Store.FindAsync(collection.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task Replacing_a_collection_is_one_request_with_or_without_outbox_messages()
    {
        var collection = SampleCollections.WithSession();
        var version = await Store.InsertAsync(collection, CancellationToken.None);
        string? newVersion = null;

        var plain = await services.Requests.CountAsync(async () =>
            newVersion = await Store.TryReplaceAsync(collection with { Amount = 1m }, version, [], CancellationToken.None));
        var withMessages = await services.Requests.CountAsync(() =>
            Store.TryReplaceAsync(collection with { Sessions = [] }, newVersion!, [SampleCollections.NewRelease(), SampleCollections.NewRelease()], CancellationToken.None));

        Assert.Equal(1, plain);
        Assert.Equal(1, withMessages);
    }

    [Fact]
    public async Task Claiming_a_free_cart_is_one_request_and_a_taken_one_two()
    {
        await Links.FindCollectionIdAsync("cart_warm_up", CancellationToken.None);

        var free = await services.Requests.CountAsync(() => Links.LinkIfAbsentAsync("cart_1", SampleCollections.NewCollectionId(), CancellationToken.None));
        var taken = await services.Requests.CountAsync(() => Links.LinkIfAbsentAsync("cart_1", SampleCollections.NewCollectionId(), CancellationToken.None));

        Assert.Equal(1, free);
        Assert.Equal(2, taken);
    }
}
