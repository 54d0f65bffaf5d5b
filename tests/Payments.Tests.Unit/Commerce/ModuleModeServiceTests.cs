using NSubstitute;
using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Sessions;
using Payments.Tests.Unit.Domain;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Commerce;

/// <summary>
/// What module mode changes in the services (docs/module-api.md §6): no cart is read to keep amounts in step, sessions
/// are findable by id before anyone can name them, a paid collection takes no new session, and this service's own
/// changes are announced.
/// </summary>
public sealed class ModuleModeServiceTests
{
    private static readonly CommerceModule On = new(IsEnabled: true);

    [Fact]
    public async Task A_session_initialisation_reads_no_cart_and_indexes_the_session_before_the_provider_creates_it()
    {
        var harness = new DomainHarness(Collection(cartId: "cart_1"), On);
        var indexed = false;
        harness.EntityIndex.AddAsync(Arg.Any<string>(), DomainHarness.CollectionId, Arg.Any<CancellationToken>()).Returns(_ =>
        {
            indexed = harness.ProviderCalls(nameof(IPaymentProvider.InitiateAsync)) == 0;
            return Task.CompletedTask;
        });

        var collection = await harness.Sessions.InitializeAsync(new SessionInitialization(DomainHarness.CollectionId, DomainHarness.ProviderId, Data: null), CancellationToken.None);

        await harness.Carts.DidNotReceiveWithAnyArgs().FindAsync(default!, default!, default);
        await harness.EntityIndex.Received(1).AddAsync(Assert.Single(collection.Sessions).Id, DomainHarness.CollectionId, Arg.Any<CancellationToken>());
        Assert.True(indexed, "the session was indexed before the provider was asked");
    }

    [Fact]
    public async Task Outside_module_mode_a_completed_cart_takes_no_new_session_and_nothing_is_indexed()
    {
        var harness = new DomainHarness(Collection(cartId: "cart_1"));
        harness.Carts.FindAsync("cart_1", Arg.Any<Caller>(), Arg.Any<CancellationToken>())
            .Returns(new Cart("cart_1", "reg_1", "usd", 50m, null, null, null, CompletedAt: Start));

        var failure = await Assert.ThrowsAsync<MedusaException>(() =>
            harness.Sessions.InitializeAsync(new SessionInitialization(DomainHarness.CollectionId, DomainHarness.ProviderId, Data: null), CancellationToken.None));

        Assert.Equal((MedusaErrorType.InvalidData, "Cart cart_1 is already completed."), (failure.Type, failure.Message));
        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.InitiateAsync)));
        await harness.EntityIndex.DidNotReceiveWithAnyArgs().AddAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_paid_collection_takes_no_new_session_in_module_mode_before_any_provider_call()
    {
        var harness = new DomainHarness(DomainHarness.WithAuthorizedPayment().Stored, On);

        var failure = await Assert.ThrowsAsync<MedusaException>(() =>
            harness.Sessions.InitializeAsync(new SessionInitialization(DomainHarness.CollectionId, DomainHarness.ProviderId, Data: Json("""{"n":1}""")), CancellationToken.None));

        Assert.Equal(MedusaErrorType.NotAllowed, failure.Type);
        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.InitiateAsync)));
    }

    [Fact]
    public async Task The_recorded_region_still_decides_which_providers_a_fast_path_session_may_use()
    {
        var harness = new DomainHarness(Collection(cartId: "cart_1") with { RegionId = "reg_1" }, On);
        harness.Regions.FindAsync("reg_1", Arg.Any<Caller>(), Arg.Any<CancellationToken>())
            .Returns(new Region("reg_1", "US", "usd", [SystemPaymentProvider.ProviderId]));

        var failure = await Assert.ThrowsAsync<MedusaException>(() =>
            harness.Sessions.InitializeAsync(new SessionInitialization(DomainHarness.CollectionId, DomainHarness.ProviderId, Data: null), CancellationToken.None));

        Assert.Equal($"Payment provider {DomainHarness.ProviderId} is not enabled in the cart's region reg_1.", failure.Message);
    }

    [Fact]
    public async Task An_admin_capture_is_announced_once_confirmed_and_the_modules_own_capture_is_not()
    {
        var harness = new DomainHarness(DomainHarness.WithAuthorizedPayment().Stored, On);

        await harness.CaptureAsync(20m);
        await harness.Moves.MoveAsync("pay_1", new MoveAsk(MoneyMoveKind.Capture, 30m, null, null) { Source = ChangeSource.Module }, () => MedusaException.NotFound("x"), CancellationToken.None);

        var announced = harness.Store.Writes.SelectMany(write => write.Outbox).OfType<CommerceEvent>().ToList();
        Assert.Equal(CommerceEvent.PaymentCapturedType, Assert.Single(announced).Type);
        await harness.EntityIndex.Received(2).AddAsync(Arg.Is<string>(id => id.StartsWith("capt_", StringComparison.Ordinal)), DomainHarness.CollectionId, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_authorization_on_the_admin_route_is_announced_and_outside_module_mode_nothing_is()
    {
        var inModuleMode = new DomainHarness(Collection(sessions: [Session(providerId: DomainHarness.ProviderId)]), On);
        var withoutModule = new DomainHarness(Collection(sessions: [Session(providerId: DomainHarness.ProviderId)]));

        await inModuleMode.Authorizer.AuthorizeAsync(DomainHarness.CollectionId, "payses_1", CancellationToken.None);
        await withoutModule.Authorizer.AuthorizeAsync(DomainHarness.CollectionId, "payses_1", CancellationToken.None);

        Assert.Equal(CommerceEvent.SessionAuthorizedType, Assert.Single(inModuleMode.Store.Writes.SelectMany(write => write.Outbox).OfType<CommerceEvent>()).Type);
        Assert.Empty(withoutModule.Store.Writes.SelectMany(write => write.Outbox).OfType<CommerceEvent>());
    }
}
