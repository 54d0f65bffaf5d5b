using System.Globalization;

namespace Payments.Api.Requests;

/// <summary>
/// <c>\uD800</c>-style escapes in a JSON string: JavaScript strings may hold a surrogate without its pair, .NET strings
/// cannot become UTF-8 with one (every write to storage or to a response would fail), so such a string is refused.
/// </summary>
internal static class SurrogateEscapes
{
    /// <param name="escapedString">The raw bytes between the quotes of a JSON string that holds escapes, as the reader validated them.</param>
    /// <exception cref="RequestBodyException">An escaped surrogate without its pair.</exception>
    public static void EnsurePaired(ReadOnlySpan<byte> escapedString)
    {
        int? pendingHigh = null;
        for (var i = 0; i < escapedString.Length; i++)
        {
            int? unit = null;
            if (escapedString[i] == (byte)'\\')
            {
                if (escapedString[i + 1] == (byte)'u')
                {
                    unit = int.Parse(escapedString.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    i += 5;
                }
                else
                {
                    i++;
                }
            }

            if (unit is { } low && char.IsLowSurrogate((char)low))
            {
                if (pendingHigh is null)
                {
                    throw Unpaired(low);
                }

                pendingHigh = null;
                continue;
            }

            if (pendingHigh is { } high)
            {
                throw Unpaired(high);
            }

            if (unit is { } code && char.IsHighSurrogate((char)code))
            {
                pendingHigh = code;
            }
        }

        if (pendingHigh is { } last)
        {
            throw Unpaired(last);
        }
    }

    private static RequestBodyException Unpaired(int unit) =>
        RequestBodyException.Malformed($"Unpaired surrogate \\u{unit:x4} in a JSON string");
}
