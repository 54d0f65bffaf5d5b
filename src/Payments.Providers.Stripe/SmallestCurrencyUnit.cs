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

    /// <summary>
    /// The amount in smallest units, exactly: every amount this service sends is a whole number of the currency's minor
    /// unit (<see cref="Domain.Money.Currency.MinorUnit"/>, which makes three-decimal currencies whole hundredths, the
    /// multiples of 10 Stripe requires), so an amount that is not is our own bug, never rounded into another amount.
    /// </summary>
    public static long ToUnits(decimal amount, string currencyCode)
    {
        var units = amount * Multiplier(currencyCode);
        if (units != decimal.Truncate(units) || (ThreeDecimal.Contains(currencyCode) && units % 10 != 0))
        {
            throw new InvalidOperationException($"{amount} {currencyCode} is not a whole number of the units Stripe moves.");
        }

        return (long)units;
    }

    public static decimal ToAmount(long units, string currencyCode) => units / (decimal)Multiplier(currencyCode);

    private static int Multiplier(string currencyCode) =>
        ZeroDecimal.Contains(currencyCode) ? 1 : ThreeDecimal.Contains(currencyCode) ? 1000 : 100;
}
