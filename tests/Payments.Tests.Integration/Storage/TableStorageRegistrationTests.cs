using Payments.Domain.Ports;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableStorageRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Services_with_different_table_prefixes_do_not_see_each_others_data()
    {
        using var first = new StorageTestServices(azurite);
        using var second = new StorageTestServices(azurite);
        var collection = SampleCollections.WithSession();
        await first.Get<IPaymentCollectionStore>().InsertAsync(collection, CancellationToken.None);
        await first.Get<ICartCollectionLinks>().LinkIfAbsentAsync("cart_1", collection.Id, CancellationToken.None);

        Assert.Null(await second.Get<IPaymentCollectionStore>().FindAsync(collection.Id, CancellationToken.None));
        Assert.Null(await second.Get<ICartCollectionLinks>().FindCollectionIdAsync("cart_1", CancellationToken.None));
        Assert.NotNull(await first.Get<IPaymentCollectionStore>().FindAsync(collection.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_table_is_created_by_its_first_use_only()
    {
        using var services = new StorageTestServices(azurite);
        var store = services.Get<IPaymentCollectionStore>();
        var id = SampleCollections.NewCollectionId();

        var concurrentFirstUses = await services.Requests.CountAsync(() =>
            Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.FindAsync(id, CancellationToken.None))));
        var laterUse = await services.Requests.CountAsync(() => store.FindAsync(id, CancellationToken.None));

        Assert.Equal(8 + 1, concurrentFirstUses);
        Assert.Equal(1, laterUse);
    }

    [Fact]
    public void The_table_service_client_is_one_singleton()
    {
        using var services = new StorageTestServices(azurite);

        Assert.Same(services.Get<Azure.Data.Tables.TableServiceClient>(), services.Get<Azure.Data.Tables.TableServiceClient>());
    }
}
