using System.Globalization;
using System.Text.Json;

namespace Payments.Api.Requests;

/// <summary>
/// How JavaScript prints a parsed JSON value inside a template string: Medusa's validation messages quote the
/// offending value that way (<c>got: '10'</c>, <c>got: '[object Object]'</c>).
/// </summary>
internal static class JavaScriptText
{
    public static string Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => OfNumber(double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object => "[object Object]",
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(OfArrayElement)),
        _ => "null",
    };

    /// <summary>ECMAScript Number::toString: the shortest round-trip digits, exponent form below 1e-6 and from 1e21.</summary>
    public static string OfNumber(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "Infinity" : "-Infinity";
        }

        if (number == 0)
        {
            return "0";
        }

        var (digits, pointPosition) = Decompose(Math.Abs(number).ToString("R", CultureInfo.InvariantCulture));
        return (number < 0 ? "-" : "") + Place(digits, pointPosition);
    }

    private static string OfArrayElement(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? "" : Of(element);

    /// <summary>The significant digits of a .NET round-trip string and where the decimal point goes after the first n digits.</summary>
    private static (string Digits, int PointPosition) Decompose(string roundTrip)
    {
        var exponentAt = roundTrip.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var allDigits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var integerDigits = pointAt < 0 ? mantissa.Length : pointAt;
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        return (allDigits.Trim('0'), integerDigits + exponent - leadingZeros);
    }

    private static string Place(string digits, int n)
    {
        var k = digits.Length;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var exponent = n - 1;
        var exponentText = (exponent >= 0 ? "+" : "-") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        return k == 1 ? digits + "e" + exponentText : digits[0] + "." + digits[1..] + "e" + exponentText;
    }
}
