using Payments.Domain.Ports;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableCartCollectionLinksTests(AzuriteFixture azurite) : IDisposable
{
    private readonly StorageTestServices services = new(azurite);

    private ICartCollectionLinks Links => services.Get<ICartCollectionLinks>();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task Sixteen_concurrent_claims_of_one_cart_all_end_linked_to_the_same_collection()
    {
        const string cartId = "cart_01M86MS9K65CQ5DSH0AYYTBNTQ";
        var candidates = Enumerable.Range(0, 16).Select(_ => SampleCollections.NewCollectionId()).ToList();

        var linked = await Task.WhenAll(candidates.Select(collectionId => Task.Run(() => Links.LinkIfAbsentAsync(cartId, collectionId, CancellationToken.None))));

        var winner = Assert.Single(linked.Distinct());
        Assert.Contains(winner, candidates);
        Assert.Equal(winner, await Links.FindCollectionIdAsync(cartId, CancellationToken.None));
    }

    [Fact]
    public async Task A_later_claim_gets_the_collection_linked_first()
    {
        var first = SampleCollections.NewCollectionId();
        await Links.LinkIfAbsentAsync("cart_a", first, CancellationToken.None);

        Assert.Equal(first, await Links.LinkIfAbsentAsync("cart_a", SampleCollections.NewCollectionId(), CancellationToken.None));
    }

    [Fact]
    public async Task A_cart_without_a_link_has_no_collection()
    {
        Assert.Null(await Links.FindCollectionIdAsync("cart_unlinked", CancellationToken.None));
        Assert.Null(await Links.FindCollectionIdAsync("cart/with/slashes", CancellationToken.None));
    }
}
