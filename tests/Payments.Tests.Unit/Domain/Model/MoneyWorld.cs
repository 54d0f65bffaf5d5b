using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Outbox;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Reconciliation;
using Payments.Domain.Releases;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain.Model;

/// <summary>How a request ended, as its caller saw it.</summary>
public enum Answer
{
    Succeeded,

    /// <summary>A 4xx: the request was refused, by the rules or by the provider.</summary>
    Refused,

    /// <summary>A 5xx: the provider or storage did not answer (or a 409 to retry).</summary>
    Failed,

    /// <summary>The idempotency gate answered from its record; the request did not run.</summary>
    Replayed,
}

/// <summary>
/// One authorized payment of this service over the provider's ledger model: the money services as production wires them
/// (writer, outbox, dispatcher, reconciler) on an in-memory store with Table Storage's semantics, a clock the test moves,
/// and the <c>Idempotency-Key</c> gate as the HTTP pipeline applies it (a key whose request ended below 500 answers from
/// its record; after a 5xx it runs again).
/// </summary>
internal sealed class MoneyWorld
{
    public const string PaymentId = "pay_1";

    private readonly Dictionary<string, (MoneyMoveKind Kind, decimal? Amount, bool Final)> keys = new(StringComparer.Ordinal);
    private readonly MoneyMoves moves;
    private readonly ProviderReconciler reconciler;
    private readonly OutboxDispatcher dispatcher;

    public MoneyWorld(string currencyCode, decimal authorized, CaptureStyle style)
    {
        CurrencyCode = currencyCode;
        Provider = new LedgerProvider(currencyCode, authorized, style);
        var payment = Payment(amount: authorized, currency: currencyCode, providerId: LedgerProvider.ProviderId) with { Data = LedgerProvider.Data };
        Store.Put(Collection(amount: authorized, currency: currencyCode, sessions: [Session(amount: authorized, status: PaymentSessionStatus.Authorized, paymentId: PaymentId, providerId: LedgerProvider.ProviderId) with { CurrencyCode = currencyCode }], payments: [payment]));
        var index = Substitute.For<IPaymentIndex>();
        index.FindAsync(default!, default).ReturnsForAnyArgs(PaymentIndexEntry.Of(payment));
        var registry = new PaymentProviderRegistry([Provider, new SystemPaymentProvider()]);
        var ids = new EntityIdGenerator(Clock);
        var handlers = new List<IOutboxHandler> { new ProviderReleaseHandler(registry, NullLogger<ProviderReleaseHandler>.Instance) };
        dispatcher = new OutboxDispatcher(Store, new Lazy<IReadOnlyList<IOutboxHandler>>(() => handlers), Clock, NullLogger<OutboxDispatcher>.Instance);
        var writer = new CollectionWriter(Store, dispatcher, new Payments.Domain.Concurrency.CollectionGate(Clock), new InstantBackOff(), NullLogger<CollectionWriter>.Instance);
        moves = new MoneyMoves(new PaymentLookup(index, Store), writer, registry, Substitute.For<IRefundReasonStore>(), Substitute.For<IEntityIndex>(), ids, new CommerceModule(IsEnabled: false), Clock);
        var authorizer = new PaymentSessionAuthorizer(registry, writer, Substitute.For<IEntityIndex>(), new CommerceModule(IsEnabled: false), ids, Clock);
        reconciler = new ProviderReconciler(registry, writer, moves, authorizer, new CommerceModule(IsEnabled: false), ids, Clock, NullLogger<ProviderReconciler>.Instance);
        handlers.Add(new ProviderReconciliationHandler(reconciler));
    }

    public string CurrencyCode { get; }

    public LedgerProvider Provider { get; }

    public InMemoryCollectionStore Store { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public Payment Payment => Store["pay_col_1"].FindPayment(PaymentId)!;

    /// <summary>A capture or refund as an admin asks for it over HTTP, through the idempotency gate.</summary>
    public async Task<Answer> MoveAsync(MoneyMoveKind kind, decimal? amount, string? key)
    {
        if (key is not null && keys.TryGetValue(key, out var used) && (used.Final || used.Kind != kind || used.Amount != amount))
        {
            // The gate answers from its record (or refuses a different body with 422): nothing runs.
            return Answer.Replayed;
        }

        var answer = await AnswerOfAsync(() => moves.MoveAsync(PaymentId, new MoveAsk(kind, amount, key, "user_1"), () => MedusaException.NotFound("not found"), CancellationToken.None));
        if (key is not null)
        {
            keys[key] = (kind, amount, Final: answer != Answer.Failed);
        }

        return answer;
    }

    /// <summary>The provider's webhook that money moved (a Dashboard refund, a capture): the payment is reconciled at once.</summary>
    public Task ReceiveMoneyMovedWebhookAsync() => reconciler.ReconcileAsync("pay_col_1", "payses_1", CancellationToken.None);

    /// <summary>Moves the clock on and runs the outbox timer.</summary>
    public Task RunTimerAfterAsync(TimeSpan elapsed)
    {
        Clock.Advance(elapsed);
        return dispatcher.ProcessDueAsync(CancellationToken.None);
    }

    private static async Task<Answer> AnswerOfAsync(Func<Task<PaymentInCollection>> request)
    {
        try
        {
            await request();
            return Answer.Succeeded;
        }
        catch (MedusaException failure) when (failure.Type is MedusaErrorType.ProviderUnavailable or MedusaErrorType.StorageUnavailable or MedusaErrorType.Conflict)
        {
            return Answer.Failed;
        }
        catch (MedusaException)
        {
            return Answer.Refused;
        }
    }
}
