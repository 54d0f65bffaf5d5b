using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Payments.Domain.Concurrency;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Sessions;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

/// <summary>Exactly one account holder per customer and provider, across requests and instances (spec D8), in Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableAccountHolderStoreTests : IDisposable
{
    private static readonly Customer Ada = new("cus_ada", "ada@anchor.test", "Ada", "Shopper", null, null, null, null);

    private readonly StorageTestServices instanceA;
    private readonly StorageTestServices instanceB;

    /// <summary>Two instances of the app: two service providers, two table clients, one set of tables.</summary>
    public TableAccountHolderStoreTests(AzuriteFixture azurite)
    {
        instanceA = new StorageTestServices(azurite);
        instanceB = new StorageTestServices(azurite, instanceA.TablePrefix);
    }

    public void Dispose()
    {
        instanceA.Dispose();
        instanceB.Dispose();
    }

    [Fact]
    public async Task Of_concurrent_claims_from_two_instances_exactly_one_wins()
    {
        var stores = new[] { instanceA.Get<IAccountHolderStore>(), instanceB.Get<IAccountHolderStore>() };
        var until = DateTimeOffset.UtcNow.AddSeconds(30);

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(index =>
            stores[index % 2].TryClaimAsync("cus_race", SystemPaymentProvider.ProviderId, $"acchld_{index}", until, CancellationToken.None)));

        Assert.Single(claims, claim => claim is not null);
        Assert.Single(await stores[0].ListAsync("cus_race", CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_first_sessions_on_two_instances_ask_the_provider_once()
    {
        var provider = Substitute.For<IPaymentProvider>();
        provider.Id.Returns(SystemPaymentProvider.ProviderId);
        provider.CreateAccountHolderAsync(default!, default).ReturnsForAnyArgs(async _ =>
        {
            await Task.Delay(50);
            return new ProviderAccountHolder("ext_ada", Domain.Providers.EmptyJson.Object);
        });

        var contexts = await Task.WhenAll(Enumerable.Range(0, 12).Select(index =>
            Holders(index % 2 == 0 ? instanceA : instanceB).ContextForAsync(Ada, provider, CancellationToken.None)));

        Assert.Single(contexts.Select(context => context.AccountHolder.Id).Distinct());
        await provider.ReceivedWithAnyArgs(1).CreateAccountHolderAsync(default!, default);
    }

    [Fact]
    public async Task A_provider_failure_releases_the_claim_so_the_next_session_creates_the_holder()
    {
        var provider = Substitute.For<IPaymentProvider>();
        provider.Id.Returns(SystemPaymentProvider.ProviderId);
        provider.CreateAccountHolderAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("provider down"));

        await Assert.ThrowsAsync<HttpRequestException>(() => Holders(instanceA).ContextForAsync(Ada, provider, CancellationToken.None));
        Assert.Empty(await instanceA.Get<IAccountHolderStore>().ListAsync(Ada.Id, CancellationToken.None));

        var context = await Holders(instanceA).ContextForAsync(Ada, new SystemPaymentProvider(), CancellationToken.None);
        Assert.Equal(Ada.Id, context.AccountHolder.ExternalId);
    }

    [Fact]
    public async Task A_claim_whose_creator_died_is_taken_over_once_expired()
    {
        var store = instanceA.Get<IAccountHolderStore>();
        await store.TryClaimAsync(Ada.Id, SystemPaymentProvider.ProviderId, "acchld_dead", instanceA.Clock.GetUtcNow().AddSeconds(30), CancellationToken.None);
        instanceA.Clock.Advance(TimeSpan.FromSeconds(31));

        var context = await Holders(instanceA).ContextForAsync(Ada, new SystemPaymentProvider(), CancellationToken.None);

        Assert.Equal("acchld_dead", context.AccountHolder.Id);
        Assert.Empty(context.CustomerAccountHolders);
        Assert.NotNull(Assert.Single(await store.ListAsync(Ada.Id, CancellationToken.None)).Holder);
    }

    private static AccountHolders Holders(StorageTestServices instance) =>
        new(instance.Get<IAccountHolderStore>(), instance.Get<IEntityIndex>(), new OptimisticConcurrency(TimeProvider.System), new EntityIdGenerator(instance.Clock), instance.Clock);
}
