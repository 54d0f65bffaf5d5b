using System.Globalization;

namespace Payments.Api.Requests;

/// <summary>
/// A money amount as a request writes it: a JSON number, read from its digits (never through a double, nor through
/// <see cref="decimal.Parse(string)"/>, which rounds silently past 28 digits and reads <c>1e-400</c> as 0).
/// </summary>
/// <remarks>
/// The bounds make every amount, and every sum the service computes from amounts, exact: at most
/// 999,999,999,999,999 in magnitude (15 integer digits) with at most 9 decimal places is 24 significant digits; a
/// collection's sums add up at most a few thousand amounts (all of them share one document of at most 1 MiB), so
/// even 10,000 terms stay below 10^28, inside the 28 digits a <see cref="decimal"/> holds exactly. The bounds also
/// keep the Stripe conversion to smallest units (× 1000 at most) inside a <see cref="long"/>.
/// </remarks>
internal readonly record struct AmountLiteral
{
    public const int MaxDecimalPlaces = 9;

    /// <summary>
    /// The decimal places of an amount the commerce backend computed (a tax-inclusive total): Medusa keeps 20 significant
    /// digits, and such an amount is kept as it is, never summed.
    /// </summary>
    public const int MaxExactDecimalPlaces = 20;

    /// <summary>The most significant digits a <see cref="decimal"/> holds exactly.</summary>
    private const int MaxSignificantDigits = 28;

    public const decimal Maximum = 999_999_999_999_999m;

    private const int MaxIntegerDigits = 15;

    // Exponents beyond this already put any digit far outside the bounds; larger ones are not worth counting.
    private const int ExponentCap = 1_000_000;

    private AmountLiteral(int sign, bool isBeyondMaximum, bool hasTooManyDecimalPlaces, decimal value)
    {
        Sign = sign;
        IsBeyondMaximum = isBeyondMaximum;
        HasTooManyDecimalPlaces = hasTooManyDecimalPlaces;
        Value = value;
    }

    /// <summary>-1, 0 or 1, whatever the magnitude.</summary>
    public int Sign { get; }

    /// <summary>The magnitude exceeds <see cref="Maximum"/>.</summary>
    public bool IsBeyondMaximum { get; }

    /// <summary>More significant digits after the point than the reading allows, or more than a decimal holds.</summary>
    public bool HasTooManyDecimalPlaces { get; }

    /// <summary>The exact value; meaningful only when the literal is within both bounds.</summary>
    public decimal Value { get; }

    public static string MaximumText { get; } = Maximum.ToString(CultureInfo.InvariantCulture);

    /// <param name="jsonNumber">The text of a JSON number (<c>-?int(.frac)?([eE][+-]?exp)?</c>), as the reader checked it.</param>
    public static AmountLiteral Read(string jsonNumber) => Read(jsonNumber, MaxDecimalPlaces);

    /// <summary>As <see cref="Read(string)"/>, with up to <see cref="MaxExactDecimalPlaces"/> decimal places.</summary>
    public static AmountLiteral ReadExact(string number) => Read(number, MaxExactDecimalPlaces);

    /// <summary>Whether <paramref name="text"/> is a number as JSON (and BigNumber.js) write one, <c>-?int(.frac)?([eE][+-]?exp)?</c>.</summary>
    public static bool IsNumberText(string text)
    {
        var rest = text.AsSpan();
        rest = rest.StartsWith("-") ? rest[1..] : rest;
        var digits = Digits(ref rest);
        if (digits == 0 || (digits > 1 && text.TrimStart('-')[0] == '0'))
        {
            return false;
        }

        if (rest.StartsWith("."))
        {
            rest = rest[1..];
            if (Digits(ref rest) == 0)
            {
                return false;
            }
        }

        if (rest.Length > 0 && rest[0] is 'e' or 'E')
        {
            rest = rest[1..];
            rest = rest.Length > 0 && rest[0] is '+' or '-' ? rest[1..] : rest;
            if (Digits(ref rest) == 0)
            {
                return false;
            }
        }

        return rest.IsEmpty;
    }

    private static int Digits(ref ReadOnlySpan<char> text)
    {
        var count = 0;
        while (count < text.Length && char.IsAsciiDigit(text[count]))
        {
            count++;
        }

        text = text[count..];
        return count;
    }

    private static AmountLiteral Read(string jsonNumber, int maxDecimalPlaces)
    {
        var negative = jsonNumber.StartsWith('-');
        var unsigned = negative ? jsonNumber[1..] : jsonNumber;
        var exponentAt = unsigned.AsSpan().IndexOfAny('e', 'E');
        var mantissa = exponentAt < 0 ? unsigned : unsigned[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : Exponent(unsigned.AsSpan(exponentAt + 1));
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var fractionLength = pointAt < 0 ? 0 : mantissa.Length - pointAt - 1;

        // value = significant digits × 10^scale
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        if (digits.Length == 0)
        {
            return new AmountLiteral(0, isBeyondMaximum: false, hasTooManyDecimalPlaces: false, 0m);
        }

        var significant = digits.TrimEnd('0');
        var scale = (long)exponent - fractionLength + (digits.Length - significant.Length);
        var sign = negative ? -1 : 1;
        if (significant.Length + scale > MaxIntegerDigits)
        {
            return new AmountLiteral(sign, isBeyondMaximum: true, hasTooManyDecimalPlaces: false, 0m);
        }

        if (-scale > maxDecimalPlaces || significant.Length > MaxSignificantDigits)
        {
            return new AmountLiteral(sign, isBeyondMaximum: false, hasTooManyDecimalPlaces: true, 0m);
        }

        var value = Plain(significant, (int)scale) * sign;
        return new AmountLiteral(sign, Math.Abs(value) > Maximum, hasTooManyDecimalPlaces: false, value);
    }

    private static int Exponent(ReadOnlySpan<char> text)
    {
        var negative = text[0] == '-';
        var digits = text[0] is '-' or '+' ? text[1..] : text;
        var magnitude = 0;
        foreach (var digit in digits)
        {
            magnitude = Math.Min(ExponentCap, (magnitude * 10) + (digit - '0'));
        }

        return negative ? -magnitude : magnitude;
    }

    /// <summary>At most 28 significant digits by now, so the parse is exact.</summary>
    private static decimal Plain(string digits, int scale)
    {
        var text = scale >= 0
            ? digits + new string('0', scale)
            : digits.Length > -scale
                ? digits[..(digits.Length + scale)] + "." + digits[(digits.Length + scale)..]
                : "0." + new string('0', -scale - digits.Length) + digits;
        return decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}
