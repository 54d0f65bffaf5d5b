using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Payments.Domain.Collections;
using Payments.Domain.Ports;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

public sealed class CartSynchronizerTests
{
    private readonly ICartCatalog carts = Substitute.For<ICartCatalog>();
    private readonly FakeTimeProvider clock = new(Start.AddMinutes(5));

    [Fact]
    public async Task A_changed_cart_total_resets_amount_and_drops_the_sessions()
    {
        CartIs(new Cart("cart_1", "reg_1", "USD", 75m, null, null, null, CompletedAt: null));
        var collection = Collection(cartId: "cart_1", sessions: [Session()]);

        var result = await Synchronizer().SynchronizeAsync(collection, Caller.Service, CancellationToken.None);

        Assert.True(result.Changed);
        Assert.Equal(75m, result.Collection.Amount);
        Assert.Equal("usd", result.Collection.CurrencyCode);
        Assert.Empty(result.Collection.Sessions);
        Assert.Equal(clock.GetUtcNow(), result.Collection.UpdatedAt);
        Assert.Equal(["payses_1"], result.RemovedSessions.Select(session => session.Id));
        Assert.NotNull(result.OpenCart);
    }

    [Fact]
    public async Task An_unchanged_cart_leaves_the_collection_alone()
    {
        CartIs(new Cart("cart_1", "reg_1", "usd", 50.00m, null, null, null, CompletedAt: null));
        var collection = Collection(cartId: "cart_1", sessions: [Session()]);

        var result = await Synchronizer().SynchronizeAsync(collection, Caller.Service, CancellationToken.None);

        Assert.False(result.Changed);
        Assert.Same(collection, result.Collection);
        Assert.Equal("cart_1", result.OpenCart?.Id);
    }

    [Fact]
    public async Task A_completed_cart_is_never_synchronised()
    {
        CartIs(new Cart("cart_1", "reg_1", "usd", 75m, null, null, null, CompletedAt: Start));

        var result = await Synchronizer().SynchronizeAsync(Collection(cartId: "cart_1"), Caller.Service, CancellationToken.None);

        Assert.False(result.Changed);
        Assert.Null(result.OpenCart);
        Assert.Equal(50m, result.Collection.Amount);
    }

    [Fact]
    public async Task A_cart_the_port_no_longer_finds_is_not_synchronised()
    {
        var result = await Synchronizer().SynchronizeAsync(Collection(cartId: "cart_1"), Caller.Service, CancellationToken.None);

        Assert.False(result.Changed);
        Assert.Null(result.OpenCart);
    }

    [Fact]
    public async Task An_order_collection_never_reads_a_cart()
    {
        var result = await Synchronizer().SynchronizeAsync(Collection() with { OrderId = "order_1" }, Caller.Service, CancellationToken.None);

        Assert.False(result.Changed);
        await carts.DidNotReceiveWithAnyArgs().FindAsync(default!, default!, default);
    }

    private CartSynchronizer Synchronizer() => new(carts, clock);

    private void CartIs(Cart cart) => carts.FindAsync(cart.Id, Arg.Any<Caller>(), Arg.Any<CancellationToken>()).Returns(cart);
}
