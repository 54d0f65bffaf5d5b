using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Payments.Domain.Collections;
using Payments.Domain.Concurrency;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Releases;
using Payments.Domain.Sessions;
using Payments.Domain.Webhooks;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// The domain services over NSubstitute seams, for deciding interleavings deterministically. The collection store
/// keeps one document with a version, as Table Storage does (a write with a stale version is refused), and lets a
/// test put another writer's change in before the next write, lose the answer of a write that landed, or take storage
/// away for a number of reads.
/// </summary>
internal sealed class DomainHarness
{
    public const string CollectionId = "pay_col_1";
    public const string ProviderId = "pp_test_test";

    private readonly Lock gate = new();
    private PaymentCollection document;
    private int version = 1;
    private Func<PaymentCollection, PaymentCollection>? beforeNextWrite;
    private (bool Lost, int UnavailableReads)? nextWriteAnswer;
    private int unavailableReads;

    public DomainHarness(PaymentCollection collection)
    {
        document = collection;
        Provider.Id.Returns(ProviderId);
        Provider.DeleteAsync(default!, default).ReturnsForAnyArgs(EmptyJson.Object);
        Provider.CancelAsync(default!, default).ReturnsForAnyArgs(EmptyJson.Object);
        Provider.RefundAsync(default!, default).ReturnsForAnyArgs(Json("""{"refunded":true}"""));
        Provider.CaptureAsync(default!, default).ReturnsForAnyArgs(Json("""{"captured":true}"""));
        Provider.AuthorizeAsync(default!, default).ReturnsForAnyArgs(new ProviderAuthorizeResult(PaymentSessionStatus.Authorized, Json("""{"authorized":true}""")));
        Provider.InitiateAsync(default!, default).ReturnsForAnyArgs(call =>
            new ProviderInitiateResult("ref_" + call.Arg<ProviderInitiateRequest>().IdempotencyKey, EmptyJson.Object, Status: null));
        Index.FindAsync(default!, default).ReturnsForAnyArgs(call => new PaymentIndexEntry(call.Arg<string>(), CollectionId, "payses_1", ProviderId, Start));
        Store.FindAsync(CollectionId, Arg.Any<CancellationToken>()).Returns(_ => AnswerAsync<VersionedCollection?>(Read));
        Store.TryReplaceAsync(default!, default!, default!, default).ReturnsForAnyArgs(call =>
            AnswerAsync<string?>(() => Write(call.Arg<PaymentCollection>(), call.ArgAt<string>(1), call.Arg<IReadOnlyList<ProviderRelease>>())));
        Releaser = new ProviderReleaser(new PaymentProviderRegistry([Provider, new SystemPaymentProvider()]), ReleaseStore, Store, Clock, NullLogger<ProviderReleaser>.Instance);
        var concurrency = new OptimisticConcurrency(new InstantBackOff());
        Gate = new CollectionGate(Clock);
        Updates = new CollectionUpdates(Store, Releaser, concurrency, Gate, Logger<CollectionUpdates>());
        var registry = new PaymentProviderRegistry([Provider, new SystemPaymentProvider()]);
        var ids = new EntityIdGenerator(Clock);
        var lookup = new PaymentLookup(Index, Store);
        var providerCalls = new PaymentProviderCalls(Updates, registry, Clock, Logger<PaymentProviderCalls>());
        Authorizer = new PaymentSessionAuthorizer(registry, Updates, Releaser, Index, ids, Clock);
        Capturer = new PaymentCapturer(lookup, Updates, providerCalls, ids, Clock);
        Refunder = new PaymentRefunder(lookup, Updates, Substitute.For<IRefundReasonStore>(), providerCalls, ids, Clock);
        var contexts = new SessionContexts(
            Substitute.For<ICustomerCatalog>(),
            new AccountHolders(Substitute.For<IAccountHolderStore>(), concurrency, ids, Clock),
            NullLogger<SessionContexts>.Instance);
        Sessions = new PaymentSessionInitializer(
            Substitute.For<IRegionCatalog>(), registry, new CartSynchronizer(Substitute.For<ICartCatalog>(), Clock), contexts, Releaser, Updates, ids, Clock);
        Collections = new AdminPaymentCollections(
            Substitute.For<IOrderCatalog>(), Store, Substitute.For<ICartCollectionLinks>(), new PaymentCollectionFactory(ids, Clock), Updates, Sessions, Authorizer, providerCalls);
        Webhooks = new ProviderWebhookProcessor(registry, ProcessedEvents, Authorizer, Updates, Releaser, ids, Clock, Logger<ProviderWebhookProcessor>());
    }

    /// <summary>A collection of 50 usd with an authorized session and its payment <c>pay_1</c>, nothing captured, on the test provider.</summary>
    public static DomainHarness WithAuthorizedPayment() => new(Collection(
        payments: [Payment(amount: 50m, providerId: ProviderId)],
        sessions: [Session(status: PaymentSessionStatus.Authorized, paymentId: "pay_1", providerId: ProviderId)]));

    public IPaymentCollectionStore Store { get; } = Substitute.For<IPaymentCollectionStore>();

    public IProviderReleaseStore ReleaseStore { get; } = Substitute.For<IProviderReleaseStore>();

    public IPaymentIndex Index { get; } = Substitute.For<IPaymentIndex>();

    public IProcessedWebhookEvents ProcessedEvents { get; } = Substitute.For<IProcessedWebhookEvents>();

    public IPaymentProvider Provider { get; } = Substitute.For<IPaymentProvider>();

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The collection's gate; its patience runs on <see cref="Clock"/>.</summary>
    public CollectionGate Gate { get; }

    /// <summary>Every log entry of the services that log, by category.</summary>
    public List<(string Category, LogLevel Level, string Message)> Logs { get; } = [];

    public ProviderReleaser Releaser { get; }

    public CollectionUpdates Updates { get; }

    public PaymentSessionAuthorizer Authorizer { get; }

    public PaymentSessionInitializer Sessions { get; }

    public PaymentCapturer Capturer { get; }

    public PaymentRefunder Refunder { get; }

    public AdminPaymentCollections Collections { get; }

    public ProviderWebhookProcessor Webhooks { get; }

    /// <summary>The document as storage holds it now.</summary>
    public PaymentCollection Stored
    {
        get
        {
            lock (gate)
            {
                return document;
            }
        }
    }

    /// <summary>Every write that landed, with the release records written with it.</summary>
    public List<(PaymentCollection Document, IReadOnlyList<ProviderRelease> Releases)> Writes { get; } = [];

    /// <summary>Writes refused because the document had changed since their read (each a 412 from Table Storage).</summary>
    public int RefusedWrites { get; private set; }

    /// <summary>
    /// Storage answers each read and write after yielding, as a real one answers over the network, so that concurrent
    /// requests interleave; otherwise every call completes synchronously.
    /// </summary>
    public bool AnswersAfterYielding { get; set; }

    /// <summary>Another writer's change lands just before the next write of the code under test (which then conflicts).</summary>
    public void BeforeNextWrite(Func<PaymentCollection, PaymentCollection> concurrentChange) => beforeNextWrite = concurrentChange;

    /// <summary>The next write lands, and its answer is lost: storage is unavailable for it, and then for <paramref name="unavailableReads"/> reads.</summary>
    public void LoseNextWriteAnswer(int unavailableReads = 0) => nextWriteAnswer = (true, unavailableReads);

    /// <summary>The next write lands, and the client's retry of it comes back 412 (the version moved on: by the write itself).</summary>
    public void ConflictOnNextWriteAnswer() => nextWriteAnswer = (false, 0);

    public int ProviderCalls(string method) => Provider.ReceivedCalls().Count(call => call.GetMethodInfo().Name == method);

    private async Task<T> AnswerAsync<T>(Func<T> answer)
    {
        if (AnswersAfterYielding)
        {
            await Task.Yield();
        }

        return answer();
    }

    private VersionedCollection Read()
    {
        lock (gate)
        {
            if (unavailableReads > 0)
            {
                unavailableReads--;
                throw MedusaException.StorageUnavailable(new IOException("storage is down"));
            }

            return new VersionedCollection(document, $"v{version}");
        }
    }

    private string? Write(PaymentCollection written, string expectedVersion, IReadOnlyList<ProviderRelease> releases)
    {
        lock (gate)
        {
            if (beforeNextWrite is { } concurrent)
            {
                beforeNextWrite = null;
                document = concurrent(document);
                version++;
            }

            if (expectedVersion != $"v{version}")
            {
                RefusedWrites++;
                return null;
            }

            document = written;
            version++;
            Writes.Add((written, releases));
            if (nextWriteAnswer is { } answer)
            {
                nextWriteAnswer = null;
                if (answer.Lost)
                {
                    unavailableReads = answer.UnavailableReads;
                    throw MedusaException.StorageUnavailable(new IOException("the answer was lost"));
                }

                return null;
            }

            return $"v{version}";
        }
    }

    private ListLogger<T> Logger<T>() => new(Logs);

    /// <summary>A clock whose timers fire at once and move it on by their due time: back-off and budgets pass in simulated time.</summary>
    private sealed class InstantBackOff : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Add(ref ticks, Math.Max(dueTime.Ticks, 0));
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new FiredTimer();
        }

        private sealed class FiredTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

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
