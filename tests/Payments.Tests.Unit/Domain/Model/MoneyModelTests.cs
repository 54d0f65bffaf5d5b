using CsCheck;
using Payments.Domain.Collections;
using Payments.Domain.Money;
using Xunit.Abstractions;

namespace Payments.Tests.Unit.Domain.Model;

/// <summary>
/// The model-based test of issue 14: random sequences of captures and refunds (default and explicit amounts, amounts
/// finer than the currency's unit, retries with the same and new <c>Idempotency-Key</c>s), provider refusals, outages and
/// lost answers, lost storage answers, moves made in the provider's Dashboard with their webhooks, and the outbox timer,
/// run against <see cref="LedgerProvider"/>, a model of the provider's ledger, in both of its styles: one that names
/// every capture, and Stripe's, which captures once and reports only the total received. After every step the document must agree
/// with the ledger; after the last, once reconciliation has had its time, it must equal it. A failure prints the seed
/// (CsCheck's <c>seed</c> parameter replays it) and the shrunk sequence.
/// </summary>
public sealed class MoneyModelTests(ITestOutputHelper output)
{
    private static readonly (string Currency, decimal Unit)[] Currencies = [("usd", 0.01m), ("jpy", 1m), ("kwd", 0.01m), ("bhd", 0.01m), ("iqd", 0.01m), ("lyd", 0.01m)];

    /// <summary>The authorized amount, in hundreds of the currency's minor unit.</summary>
    private const int Authorized = 6;

    private static readonly Gen<decimal?> Amounts = Gen.Frequency(
        (2, Gen.Const((decimal?)null)),
        (10, Gen.Int[1, Authorized].Select(hundreds => (decimal?)(hundreds * 100))),
        (2, Gen.Int[1, 99].Select(units => (decimal?)units)),
        (1, Gen.Const((decimal?)0.5m)));

    private static readonly Gen<string?> Keys = Gen.Frequency((3, Gen.Const((string?)null)), (2, Gen.Int[0, 3].Select(key => (string?)$"key-{key}")));

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (12, Gen.Select(Gen.Enum<MoneyMoveKind>(), Amounts, Keys, Gen.Enum<ProviderFault>(), Gen.Int[0, 9]).Select(
            (kind, amount, key, fault, storage) => (Step)new Move(kind, amount, key, fault, LoseWriteAnswer: storage == 0))),
        (3, Gen.Int[1, 4].Select(minutes => (Step)new Timer(minutes))),
        (2, Gen.Select(Gen.Enum<MoneyMoveKind>(), Gen.Int[1, Authorized]).Select((kind, hundreds) => (Step)new OutsideMove(kind, hundreds * 100))),
        (1, Gen.Const((Step)new MoneyMovedWebhook())));

    private static readonly Gen<(int Currency, CaptureStyle Style, Step[] Steps)> Sequences =
        Gen.Select(Gen.Int[0, Currencies.Length - 1], Gen.Enum<CaptureStyle>(), Steps.Array[1, 30]);

    [Fact]
    public void The_document_records_exactly_the_money_the_provider_moved()
    {
        var stepsRun = 0;
        Sequences.Sample(
            sequence =>
            {
                RunAsync(sequence.Currency, sequence.Style, sequence.Steps).GetAwaiter().GetResult();
                Interlocked.Add(ref stepsRun, sequence.Steps.Length + 1);
            },
            iter: 10_000,
            writeLine: output.WriteLine,
            print: sequence => $"{Currencies[sequence.Currency].Currency}, {sequence.Style}: {string.Join(", ", sequence.Steps.Select(step => step.ToString()))}");
        output.WriteLine($"{stepsRun} steps checked");
    }

    /// <summary>Sequences the random search once found, kept so they run on every build in both ledger styles.</summary>
    public static TheoryData<CaptureStyle> Styles => new(Enum.GetValues<CaptureStyle>());

    [Theory]
    [MemberData(nameof(Styles))]
    public Task A_capture_made_in_the_dashboard_between_unanswered_captures_is_counted_once(CaptureStyle style) =>
        RunAsync(Array.FindIndex(Currencies, currency => currency.Currency == "jpy"), style,
        [
            new Move(MoneyMoveKind.Refund, 100, null, ProviderFault.LostAnswer, false), new Timer(3), new OutsideMove(MoneyMoveKind.Refund, 400),
            new Timer(2), new Move(MoneyMoveKind.Capture, 400, "key-2", ProviderFault.OutageBefore, false),
            new Move(MoneyMoveKind.Refund, 300, "key-2", ProviderFault.None, false), new Move(MoneyMoveKind.Capture, 200, null, ProviderFault.LostAnswer, false),
            new OutsideMove(MoneyMoveKind.Capture, 200), new Move(MoneyMoveKind.Capture, 200, null, ProviderFault.None, false),
            new Move(MoneyMoveKind.Capture, 300, null, ProviderFault.Refuse, false), new Move(MoneyMoveKind.Refund, null, null, ProviderFault.Refuse, false),
            new Move(MoneyMoveKind.Capture, 0.5m, null, ProviderFault.LostAnswer, false), new Move(MoneyMoveKind.Refund, 500, "key-3", ProviderFault.OutageBefore, false),
            new Move(MoneyMoveKind.Refund, 200, null, ProviderFault.LostAnswer, false), new Move(MoneyMoveKind.Refund, null, null, ProviderFault.Refuse, false),
        ]);

    private static async Task RunAsync(int currencyIndex, CaptureStyle style, Step[] steps)
    {
        var (currency, unit) = Currencies[currencyIndex];
        var world = new MoneyWorld(currency, Authorized * 100 * unit, style);
        foreach (var step in steps)
        {
            await RunAsync(world, step, unit);
            MoneyInvariants.HoldBetween(world);
        }

        await world.RunTimerAfterAsync(TimeSpan.FromMinutes(3));
        MoneyInvariants.HoldAtRest(world);
    }

    private static async Task RunAsync(MoneyWorld world, Step step, decimal unit)
    {
        switch (step)
        {
            case Move move:
                world.Provider.NextFault = move.Fault;
                if (move.LoseWriteAnswer)
                {
                    world.Store.LoseNextWriteAnswer(reads: 1);
                }

                var amount = move.Amount * unit;
                var ledgerBefore = (world.Provider.Captured, world.Provider.Refunds.Count);
                var answer = await world.MoveAsync(move.Kind, amount, move.Key);
                world.Provider.NextFault = ProviderFault.None;
                if (amount is { } explicitAmount && !Currency.IsWholeMinorUnits(explicitAmount, world.CurrencyCode))
                {
                    Assert.True(answer is Answer.Refused or Answer.Replayed, $"{explicitAmount} {world.CurrencyCode} is finer than the minor unit, yet the request was {answer}.");
                    Assert.Equal(ledgerBefore, (world.Provider.Captured, world.Provider.Refunds.Count));
                }

                break;
            case Timer timer:
                await world.RunTimerAfterAsync(TimeSpan.FromMinutes(timer.Minutes));
                break;
            case OutsideMove outside:
                if (world.Provider.MoveOutside(outside.Kind, outside.Amount * unit))
                {
                    await world.ReceiveMoneyMovedWebhookAsync();
                }

                break;
            case MoneyMovedWebhook:
                await world.ReceiveMoneyMovedWebhookAsync();
                break;
        }
    }

    private abstract record Step;

    /// <param name="Amount">In minor units of the currency; null asks for Medusa's default, the payment's amount.</param>
    private sealed record Move(MoneyMoveKind Kind, decimal? Amount, string? Key, ProviderFault Fault, bool LoseWriteAnswer) : Step;

    private sealed record Timer(int Minutes) : Step;

    /// <summary>A move made in the provider's Dashboard (in minor units), whose webhook arrives.</summary>
    private sealed record OutsideMove(MoneyMoveKind Kind, int Amount) : Step;

    /// <summary>A redelivered or late webhook that money moved.</summary>
    private sealed record MoneyMovedWebhook : Step;
}
