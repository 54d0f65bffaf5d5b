using System.Collections.Frozen;
using System.Text.Json;

namespace Payments.Api.Serialization;

/// <summary>Wire names of the status enums: the snake_case of the member name (<c>NotPaid</c> → <c>not_paid</c>).</summary>
public static class MedusaEnum
{
    public static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum => Encoded(value).Value;

    internal static JsonEncodedText Encoded<TEnum>(TEnum value)
        where TEnum : struct, Enum => WireNames<TEnum>.ByValue[value];

    private static class WireNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, JsonEncodedText> ByValue = Enum.GetValues<TEnum>()
            .Distinct()
            .ToFrozenDictionary(
                value => value,
                value => JsonEncodedText.Encode(JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString())));
    }
}
