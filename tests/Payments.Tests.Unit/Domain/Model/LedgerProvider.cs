using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Providers;

namespace Payments.Tests.Unit.Domain.Model;

/// <summary>What the provider does with its next money call, whatever it is asked.</summary>
public enum ProviderFault
{
    None,

    /// <summary>It refuses definitively: nothing moves.</summary>
    Refuse,

    /// <summary>It is unreachable: nothing moves, and the key is not remembered.</summary>
    OutageBefore,

    /// <summary>It moves the money and remembers the key, and the answer never arrives.</summary>
    LostAnswer,
}

/// <summary>How a provider captures a payment, and what its ledger says of the captures.</summary>
public enum CaptureStyle
{
    /// <summary>Several captures up to the authorization, each named in the ledger with the move that asked for it.</summary>
    NamedMultiple,

    /// <summary>As Stripe: one capture, after which any other is refused, and a ledger that knows only the total received.</summary>
    OnceByTotal,
}

/// <summary>
/// The model of a payment provider's ledger for one authorized payment: the money it captured and the refunds it made,
/// with idempotency keys replayed as Stripe replays them (a key that moved money answers with that move again), its own
/// limits (captures up to the authorization, or once; refunds up to what was captured), and the faults a test gives its
/// next call. Moves made "in the Dashboard" change the ledger without this service asking.
/// </summary>
internal sealed class LedgerProvider(string currencyCode, decimal authorized, CaptureStyle style) : IPaymentProvider
{
    public const string ProviderId = "pp_ledger_ledger";

    private readonly Lock gate = new();
    private readonly Dictionary<string, ProviderMove> movesByKey = new(StringComparer.Ordinal);
    private readonly List<ProviderLedgerMove> refunds = [];
    private readonly List<ProviderLedgerMove> captures = [];
    private int references;

    public string Id => ProviderId;

    public bool HasLedger => true;

    public ProviderFault NextFault { get; set; }

    public decimal Captured { get; private set; }

    public IReadOnlyList<ProviderLedgerMove> Refunds
    {
        get
        {
            lock (gate)
            {
                return [.. refunds];
            }
        }
    }

    public static JsonElement Data => JsonDocument.Parse("""{"id":"pi_model"}""").RootElement.Clone();

    public Task<ProviderMove> CaptureAsync(ProviderAmountOperation operation, CancellationToken cancellationToken) =>
        Move(operation, MoneyMoveKind.Capture);

    public Task<ProviderMove> RefundAsync(ProviderAmountOperation operation, CancellationToken cancellationToken) =>
        Move(operation, MoneyMoveKind.Refund);

    public Task<ProviderLedger?> ReadLedgerAsync(ProviderOperation operation, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<ProviderLedger?>(new ProviderLedger(Captured, [.. refunds], Data)
            {
                Captures = style == CaptureStyle.NamedMultiple ? [.. captures] : null,
            });
        }
    }

    /// <summary>A move made outside this service (the Stripe Dashboard); false when the provider's limits refuse it.</summary>
    public bool MoveOutside(MoneyMoveKind kind, decimal amount)
    {
        lock (gate)
        {
            if (!Allows(kind, amount))
            {
                return false;
            }

            Apply(kind, amount, moveId: null);
            return true;
        }
    }

    public Task<ProviderInitiateResult> InitiateAsync(ProviderInitiateRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The model starts from an authorized payment.");

    public Task<ProviderAccountHolder> CreateAccountHolderAsync(ProviderAccountHolderRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The model has no customers.");

    public Task<ProviderAuthorizeResult> AuthorizeAsync(ProviderOperation operation, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderAuthorizeResult(PaymentSessionStatus.Authorized, Data));

    public Task<JsonElement> CancelAsync(ProviderOperation operation, CancellationToken cancellationToken) => Task.FromResult(Data);

    public Task<JsonElement> DeleteAsync(ProviderOperation operation, CancellationToken cancellationToken) => Task.FromResult(Data);

    public Task<ProviderWebhookEvent> ParseWebhookAsync(ProviderWebhookRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The model's webhooks are delivered as reconciliations.");

    private Task<ProviderMove> Move(ProviderAmountOperation operation, MoneyMoveKind kind)
    {
        lock (gate)
        {
            var fault = NextFault;
            NextFault = ProviderFault.None;
            if (movesByKey.TryGetValue(operation.IdempotencyKey, out var replayed))
            {
                return fault == ProviderFault.OutageBefore ? throw Outage() : Task.FromResult(replayed);
            }

            switch (fault)
            {
                case ProviderFault.Refuse:
                    throw new ProviderRefusedException(ProviderId, "refused_by_test", "The test refused this move.");
                case ProviderFault.OutageBefore:
                    throw Outage();
            }

            if (operation.CurrencyCode != currencyCode || operation.Amount <= 0 || !Allows(kind, operation.Amount))
            {
                throw new ProviderRefusedException(ProviderId, "amount_too_large", $"The {kind} of {operation.Amount} exceeds what the payment allows.");
            }

            var move = Apply(kind, operation.Amount, operation.IdempotencyKey);
            movesByKey[operation.IdempotencyKey] = move;
            return fault == ProviderFault.LostAnswer ? throw Outage() : Task.FromResult(move);
        }
    }

    private bool Allows(MoneyMoveKind kind, decimal amount) => kind == MoneyMoveKind.Capture
        ? Captured + amount <= authorized && (style == CaptureStyle.NamedMultiple || Captured == 0)
        : refunds.Sum(refund => refund.Amount) + amount <= Captured;

    private ProviderMove Apply(MoneyMoveKind kind, decimal amount, string? moveId)
    {
        var reference = $"{(kind == MoneyMoveKind.Capture ? "ch" : "re")}_{++references}";
        if (kind == MoneyMoveKind.Capture)
        {
            Captured += amount;
            captures.Add(new ProviderLedgerMove(reference, amount, moveId));
            return new ProviderMove(Data, style == CaptureStyle.NamedMultiple ? reference : null);
        }

        refunds.Add(new ProviderLedgerMove(reference, amount, moveId));
        return new ProviderMove(PaymentData: null, reference);
    }

    private static MedusaException Outage() => MedusaException.ProviderUnavailable(ProviderId, new HttpRequestException("no answer"));
}
