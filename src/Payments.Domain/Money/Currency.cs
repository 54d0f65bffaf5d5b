using System.Collections.Frozen;
using System.Globalization;
using Payments.Domain.Errors;

namespace Payments.Domain.Money;

/// <summary>
/// What the smallest amount of a currency is: the money this service records is always a whole number of it
/// (docs/api.md, "Amounts"). The unit is the coarsest of ISO 4217's minor unit and the unit the registered providers
/// move: Stripe moves its zero-decimal currencies in whole units (MGA, whose ISO unit is 1/100, among them), and every
/// ISO three-decimal currency in hundredths (BHD, IQD, JOD, KWD, OMR and TND as multiples of 10 thousandths, LYD as a
/// two-decimal currency), so KWD 0.001 is not an amount any provider could move.
/// </summary>
public static class Currency
{
    private static readonly FrozenSet<string> ZeroDecimal = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "bif", "clp", "djf", "gnf", "isk", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "uyi", "vnd", "vuv", "xaf", "xof", "xpf");

    /// <summary>The smallest amount of <paramref name="currencyCode"/> this service records: 1 or 0.01.</summary>
    public static decimal MinorUnit(string currencyCode) => ZeroDecimal.Contains(currencyCode) ? 1m : 0.01m;

    /// <summary>True when <paramref name="amount"/> is a whole number of the currency's minor unit.</summary>
    public static bool IsWholeMinorUnits(decimal amount, string currencyCode) => amount % MinorUnit(currencyCode) == 0;

    /// <summary>
    /// The amount a caller gives, unchanged, once it is known to be whole minor units; otherwise a 400 that names the
    /// precision. An amount is never rounded on its way to a provider.
    /// </summary>
    /// <param name="field">The request field, for the message (<c>amount</c>).</param>
    public static decimal RequireWholeMinorUnits(decimal amount, string currencyCode, string field = "amount")
    {
        if (!IsWholeMinorUnits(amount, currencyCode))
        {
            var unit = MinorUnit(currencyCode).ToString(CultureInfo.InvariantCulture);
            throw MedusaException.InvalidData(string.Create(
                CultureInfo.InvariantCulture,
                $"The {field} {amount} is finer than the smallest unit of {currencyCode.ToUpperInvariant()} ({unit}): amounts are whole multiples of it."));
        }

        return amount;
    }

    /// <summary>
    /// The one rounding rule (docs/api.md, "Amounts"): an amount this service did not choose and cannot refuse (a cart
    /// total with more decimals after tax) is rounded half away from zero to the minor unit, once, when it becomes a
    /// collection's amount; the session, the provider and the document all carry that rounded amount.
    /// </summary>
    public static decimal RoundToMinorUnit(decimal amount, string currencyCode)
    {
        var unit = MinorUnit(currencyCode);
        return Math.Round(amount / unit, MidpointRounding.AwayFromZero) * unit;
    }
}
