using System.Globalization;
using System.Text.Json;

namespace Payments.Api.Serialization;

/// <summary>Timestamps as Medusa writes them (spec §1.6): UTC, exactly three fractional digits, <c>Z</c>.</summary>
public static class MedusaTimestamp
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // "2026-11-24T11:24:18.236Z"
    private const int Length = 24;

    /// <summary>E.g. <c>2026-11-24T11:24:18.236Z</c>; sub-millisecond digits are dropped, as a JS Date has none.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Writes the timestamp as a JSON string, or <c>null</c>.</summary>
    public static void WriteValue(Utf8JsonWriter writer, DateTimeOffset? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not { } timestamp)
        {
            writer.WriteNullValue();
            return;
        }

        Span<byte> text = stackalloc byte[Length];
        timestamp.UtcDateTime.TryFormat(text, out var written, Pattern, CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }
}
