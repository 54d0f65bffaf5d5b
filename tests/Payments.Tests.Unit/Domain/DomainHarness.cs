using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Concurrency;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Outbox;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Reconciliation;
using Payments.Domain.Releases;
using Payments.Domain.Sessions;
using Payments.Domain.Webhooks;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// The domain services over an in-memory store with Table Storage's semantics (<see cref="InMemoryCollectionStore"/>) and
/// an NSubstitute provider, for deciding interleavings deterministically.
/// </summary>
internal sealed class DomainHarness
{
    public const string CollectionId = "pay_col_1";
    public const string ProviderId = "pp_test_test";

    /// <param name="module">Module mode (docs/module-api.md), off by default.</param>
    public DomainHarness(PaymentCollection collection, CommerceModule? module = null)
    {
        Module = module ?? new CommerceModule(IsEnabled: false);
        Store.Put(collection);
        Provider.Id.Returns(ProviderId);
        Provider.HasLedger.Returns(true);
        Provider.DeleteAsync(default!, default).ReturnsForAnyArgs(EmptyJson.Object);
        Provider.CancelAsync(default!, default).ReturnsForAnyArgs(EmptyJson.Object);
        Provider.RefundAsync(default!, default).ReturnsForAnyArgs(call => new ProviderMove(null, "re_" + call.Arg<ProviderAmountOperation>()?.IdempotencyKey));
        Provider.CaptureAsync(default!, default).ReturnsForAnyArgs(new ProviderMove(Json("""{"captured":true}"""), null));
        Provider.AuthorizeAsync(default!, default).ReturnsForAnyArgs(new ProviderAuthorizeResult(PaymentSessionStatus.Authorized, Json("""{"authorized":true}""")));
        Provider.InitiateAsync(default!, default).ReturnsForAnyArgs(call =>
            new ProviderInitiateResult("ref_" + call.Arg<ProviderInitiateRequest>()?.IdempotencyKey, EmptyJson.Object, Status: null));
        Index.FindAsync(default!, default).ReturnsForAnyArgs(call => new PaymentIndexEntry(call.Arg<string>(), CollectionId, "payses_1", ProviderId, "usd", 50m, Start));
        var registry = new PaymentProviderRegistry([Provider, new SystemPaymentProvider()]);
        var ids = new EntityIdGenerator(Clock);
        Gate = new CollectionGate(Clock);
        var handlers = new List<IOutboxHandler>
        {
            new ProviderReleaseHandler(registry, Logger<ProviderReleaseHandler>()),
            new PaymentIndexingHandler(Index),
            new CartUnlinkingHandler(Links),
        };
        Dispatcher = new OutboxDispatcher(Store, new Lazy<IReadOnlyList<IOutboxHandler>>(() => handlers), Clock, Logger<OutboxDispatcher>());
        Writer = new CollectionWriter(Store, Dispatcher, Gate, new InstantBackOff(), Logger<CollectionWriter>());
        Authorizer = new PaymentSessionAuthorizer(registry, Writer, EntityIndex, Module, ids, Clock);
        Moves = new MoneyMoves(new PaymentLookup(Index, Store), Writer, registry, RefundReasons, EntityIndex, ids, Module, Clock);
        Reconciler = new ProviderReconciler(registry, Writer, Moves, Authorizer, Module, ids, Clock, Logger<ProviderReconciler>());
        handlers.Add(new ProviderReconciliationHandler(Reconciler));
        var contexts = new SessionContexts(
            Substitute.For<ICustomerCatalog>(),
            new AccountHolders(Substitute.For<IAccountHolderStore>(), EntityIndex, new OptimisticConcurrency(new InstantBackOff()), ids, Clock),
            NullLogger<SessionContexts>.Instance);
        Sessions = new PaymentSessionInitializer(Regions, registry, new OpenCarts(Carts, Module), contexts, Writer, EntityIndex, Module, ids, Clock);
        Collections = new AdminPaymentCollections(
            Substitute.For<IOrderCatalog>(), Store, new PaymentCollectionFactory(ids, Clock), Writer, registry, Sessions, Authorizer, Moves, Clock);
        Webhooks = new ProviderWebhookProcessor(registry, ProcessedEvents, Authorizer, Reconciler, Writer, Clock, Logger<ProviderWebhookProcessor>());
    }

    /// <summary>A collection of 50 usd with an authorized session and its payment <c>pay_1</c>, nothing captured, on the test provider.</summary>
    public static DomainHarness WithAuthorizedPayment() => new(Collection(
        payments: [Payment(amount: 50m, providerId: ProviderId)],
        sessions: [Session(status: PaymentSessionStatus.Authorized, paymentId: "pay_1", providerId: ProviderId)]));

    public InMemoryCollectionStore Store { get; } = new();

    public CommerceModule Module { get; }

    public IEntityIndex EntityIndex { get; } = Substitute.For<IEntityIndex>();

    public IRegionCatalog Regions { get; } = Substitute.For<IRegionCatalog>();

    public IPaymentIndex Index { get; } = Substitute.For<IPaymentIndex>();

    public ICartCatalog Carts { get; } = Substitute.For<ICartCatalog>();

    public ICartCollectionLinks Links { get; } = Substitute.For<ICartCollectionLinks>();

    public IRefundReasonStore RefundReasons { get; } = Substitute.For<IRefundReasonStore>();

    public IProcessedWebhookEvents ProcessedEvents { get; } = Substitute.For<IProcessedWebhookEvents>();

    public IPaymentProvider Provider { get; } = Substitute.For<IPaymentProvider>();

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The collection's gate; its patience runs on <see cref="Clock"/>.</summary>
    public CollectionGate Gate { get; }

    /// <summary>Every log entry of the services that log, by category.</summary>
    public List<(string Category, LogLevel Level, string Message)> Logs { get; } = [];

    public OutboxDispatcher Dispatcher { get; }

    public CollectionWriter Writer { get; }

    public PaymentSessionAuthorizer Authorizer { get; }

    public PaymentSessionInitializer Sessions { get; }

    public MoneyMoves Moves { get; }

    public ProviderReconciler Reconciler { get; }

    public AdminPaymentCollections Collections { get; }

    public ProviderWebhookProcessor Webhooks { get; }

    /// <summary>The document as storage holds it now.</summary>
    public PaymentCollection Stored => Store[CollectionId];

    public int ProviderCalls(string method) => Provider.ReceivedCalls().Count(call => call.GetMethodInfo().Name == method);

    /// <summary>A capture of <paramref name="amount"/> (the whole amount when null) of <c>pay_1</c>, as an admin asks for it.</summary>
    public Task<PaymentInCollection> CaptureAsync(decimal? amount = null, string? intentKey = null) =>
        Moves.MoveAsync("pay_1", new MoveAsk(MoneyMoveKind.Capture, amount, intentKey, "user_1"), NotFound, CancellationToken.None);

    /// <summary>A refund of <paramref name="amount"/> (the whole amount when null) of <c>pay_1</c>, as an admin asks for it.</summary>
    public Task<PaymentInCollection> RefundAsync(decimal? amount = null, string? intentKey = null) =>
        Moves.MoveAsync("pay_1", new MoveAsk(MoneyMoveKind.Refund, amount, intentKey, "user_1"), NotFound, CancellationToken.None);

    /// <summary>Moves the clock on and runs the outbox timer once.</summary>
    public Task<int> RunOutboxTimerAfterAsync(TimeSpan elapsed)
    {
        Clock.Advance(elapsed);
        return Dispatcher.ProcessDueAsync(CancellationToken.None);
    }

    private static MedusaException NotFound() => MedusaException.NotFound("Payment with id: pay_1 was not found");

    private ListLogger<T> Logger<T>() => new(Logs);

    private sealed class ListLogger<T>(List<(string Category, LogLevel Level, string Message)> logs) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (logs)
            {
                logs.Add((typeof(T).Name, logLevel, formatter(state, exception)));
            }
        }
    }
}
