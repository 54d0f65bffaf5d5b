using System.Collections.Frozen;

namespace Payments.Providers.Stripe;

/// <summary>
/// Stripe amounts are integers in the currency's smallest unit (spec §7.4). Stripe's list of zero-decimal
/// currencies differs from ISO 4217 (MGA is one, ISK is not), so it is kept here rather than taken from
/// <see cref="Domain.Money.Currency"/>.
/// </summary>
public static class SmallestCurrencyUnit
{
    private static readonly FrozenSet<string> ZeroDecimal = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");

    private static readonly FrozenSet<string> ThreeDecimal = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "bhd", "iqd", "jod", "kwd", "omr", "tnd");

    /// <summary>The amount in smallest units, rounded half away from zero; three-decimal currencies rounded up to a multiple of 10, as Stripe requires.</summary>
    public static long ToUnits(decimal amount, string currencyCode)
    {
        var units = Math.Round(amount * Multiplier(currencyCode), MidpointRounding.AwayFromZero);
        if (ThreeDecimal.Contains(currencyCode))
        {
            units = Math.Ceiling(units / 10) * 10;
        }

        return (long)units;
    }

    public static decimal ToAmount(long units, string currencyCode) => units / (decimal)Multiplier(currencyCode);

    private static int Multiplier(string currencyCode) =>
        ZeroDecimal.Contains(currencyCode) ? 1 : ThreeDecimal.Contains(currencyCode) ? 1000 : 100;
}
