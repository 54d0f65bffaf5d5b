using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Azure.Data.Tables;
using Payments.Domain.Collections;
using Payments.Domain.Ports;

namespace Payments.Benchmarks.Storage;

/// <summary>
/// The collection document codec of Payments.Storage, whose types are internal and not visible to this
/// assembly: .NET 10's <see cref="UnsafeAccessorTypeAttribute"/> binds these to them by name, at direct-call cost.
/// </summary>
internal static class CollectionDocumentCodec
{
    private const string RowType = "Payments.Storage.Collections.PaymentCollectionRow, Payments.Storage";
    private const string JsonContextType = "Payments.Storage.Json.StorageJsonContext, Payments.Storage";

    /// <summary>The stored JSON contract of a collection (snake_case, exact decimals), without the table row around it.</summary>
    public static JsonTypeInfo<PaymentCollection> DocumentJson { get; } =
        (JsonTypeInfo<PaymentCollection>)((JsonSerializerContext)DefaultJsonContext(null)).GetTypeInfo(typeof(PaymentCollection))!;

    /// <summary>Serializes, splits over <c>document_0..n</c> and checks the 1 MiB entity limit.</summary>
    public static TableEntity ToEntity(PaymentCollection collection) => ToEntity(null, collection);

    /// <summary>Joins the parts and deserializes.</summary>
    public static VersionedCollection FromEntity(TableEntity entity) => FromEntity(null, entity);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "ToEntity")]
    private static extern TableEntity ToEntity([UnsafeAccessorType(RowType)] object? row, PaymentCollection collection);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "FromEntity")]
    private static extern VersionedCollection FromEntity([UnsafeAccessorType(RowType)] object? row, TableEntity entity);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "get_Default")]
    [return: UnsafeAccessorType(JsonContextType)]
    private static extern object DefaultJsonContext([UnsafeAccessorType(JsonContextType)] object? context);
}
