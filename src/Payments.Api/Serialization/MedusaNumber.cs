using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Payments.Api.Serialization;

/// <summary>Money as Medusa writes it (spec §1.7): JSON numbers and their <c>raw_*</c> companions.</summary>
public static class MedusaNumber
{
    /// <summary>Medusa's raw amounts always carry this precision.</summary>
    public const int RawPrecision = 20;

    // Medusa's BigNumber reads values this close to zero as 0 when it converts them to a JS number.
    private const decimal ZeroThreshold = 0.0001m;

    // 29 digits, a sign and a decimal point.
    private const int MaxDecimalLength = 31;

    private static readonly JsonEncodedText ValueProperty = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText PrecisionProperty = JsonEncodedText.Encode("precision");

    /// <summary>The JSON number text: shortest plain form (<c>50</c>, <c>87.96</c>), <c>0</c> when |x| ≤ 0.0001.</summary>
    public static string Format(decimal value) => FormatPlain(Math.Abs(value) <= ZeroThreshold ? 0m : value);

    /// <summary>The <c>value</c> of a raw companion: plain decimal, trailing fractional zeros removed.</summary>
    public static string FormatRaw(decimal value) => FormatPlain(value);

    /// <summary>Writes the amount as a JSON number, or <c>null</c>.</summary>
    public static void WriteAmount(Utf8JsonWriter writer, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not { } amount)
        {
            writer.WriteNullValue();
            return;
        }

        Span<byte> text = stackalloc byte[MaxDecimalLength];
        writer.WriteRawValue(PlainUtf8(Math.Abs(amount) <= ZeroThreshold ? 0m : amount, text), skipInputValidation: true);
    }

    /// <summary>Writes <c>{"value":"…","precision":20}</c>, or <c>null</c>.</summary>
    public static void WriteRawAmount(Utf8JsonWriter writer, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not { } amount)
        {
            writer.WriteNullValue();
            return;
        }

        Span<byte> text = stackalloc byte[MaxDecimalLength];
        writer.WriteStartObject();
        writer.WriteString(ValueProperty, PlainUtf8(amount, text));
        writer.WriteNumber(PrecisionProperty, RawPrecision);
        writer.WriteEndObject();
    }

    private static string FormatPlain(decimal value)
    {
        Span<byte> text = stackalloc byte[MaxDecimalLength];
        return Encoding.ASCII.GetString(PlainUtf8(value, text));
    }

    /// <summary>
    /// A decimal keeps its scale (50.0m prints "50.0"); its general format never uses an exponent, so trimming
    /// the trailing fractional zeros gives the shortest plain form.
    /// </summary>
    private static ReadOnlySpan<byte> PlainUtf8(decimal value, Span<byte> buffer)
    {
        if (value == 0m)
        {
            buffer[0] = (byte)'0';
            return buffer[..1];
        }

        Utf8Formatter.TryFormat(value, buffer, out var length);
        var text = buffer[..length];
        if (text.IndexOf((byte)'.') < 0)
        {
            return text;
        }

        text = text.TrimEnd((byte)'0');
        return text[^1] == (byte)'.' ? text[..^1] : text;
    }
}
