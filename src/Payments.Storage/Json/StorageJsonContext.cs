using System.Text.Json.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.Outbox;

namespace Payments.Storage.Json;

/// <summary>
/// The JSON of what this service stores (collection documents, outbox messages): snake_case names, enums as snake_case strings, decimals as exact JSON
/// numbers (their scale kept), provider data passed through as it is.
/// </summary>
/// <remarks>
/// A document nests a session's or a payment's data three levels deep (document, list, entity); request bodies
/// nest at most 32 levels and provider objects far less, so the serializer's depth of 64 is never reached.
/// </remarks>
[JsonSourceGenerationOptions(
    MaxDepth = 64,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnakeCaseEnumConverter<PaymentCollectionStatus>), typeof(SnakeCaseEnumConverter<PaymentSessionStatus>), typeof(SnakeCaseEnumConverter<MoneyMoveKind>)])]
[JsonSerializable(typeof(PaymentCollection))]
[JsonSerializable(typeof(OutboxMessage))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
