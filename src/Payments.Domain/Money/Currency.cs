namespace Payments.Domain.Money;

/// <summary>ISO 4217 minor-unit digits, as the spec's §1.7 lists them.</summary>
public static class Currency
{
    private static readonly HashSet<string> ZeroDigit = new(StringComparer.OrdinalIgnoreCase)
    {
        "bif", "clp", "djf", "gnf", "isk", "jpy", "kmf", "krw", "pyg", "rwf", "ugx", "uyi", "vnd", "vuv", "xaf", "xof", "xpf",
    };

    private static readonly HashSet<string> ThreeDigit = new(StringComparer.OrdinalIgnoreCase)
    {
        "bhd", "iqd", "jod", "kwd", "lyd", "omr", "tnd",
    };

    public static int Digits(string currencyCode) =>
        ZeroDigit.Contains(currencyCode) ? 0 : ThreeDigit.Contains(currencyCode) ? 3 : 2;

    /// <summary>The tolerance of refund guards: one minor unit (USD 0.01, JPY 1, KWD 0.001).</summary>
    public static decimal Epsilon(string currencyCode) => Digits(currencyCode) switch
    {
        0 => 1m,
        3 => 0.001m,
        _ => 0.01m,
    };

    /// <summary>
    /// Rounds half away from zero to the currency's digits; 0-digit currencies are compared unrounded, as Medusa does.
    /// </summary>
    public static decimal RoundForComparison(decimal amount, string currencyCode)
    {
        var digits = Digits(currencyCode);
        return digits == 0 ? amount : Math.Round(amount, digits, MidpointRounding.AwayFromZero);
    }
}
