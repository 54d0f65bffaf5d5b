using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payments.Storage.Json;

/// <summary>Enums as their snake_case names (<c>partially_authorized</c>), the wire names of Medusa's statuses.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
