using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Idempotency;

/// <summary>
/// A row of <c>idempotencykeys</c>: partition = SHA-256 of the caller id then SHA-256 of the key (lower-case hex:
/// keys may hold characters a table key cannot, and a publishable token is never kept in clear), row key empty;
/// <c>fingerprint</c>, <c>started_at</c>, <c>owner_id</c> (the request that wrote it), and once complete <c>status_code</c>, <c>content_type</c> and the body
/// as binary parts <c>body_0</c>, <c>body_1</c>, … counted in <c>body_parts</c>.
/// </summary>
internal static class IdempotencyRow
{
    public const string RowKey = "";

    // A binary property holds at most 64 KiB, in Azure and in Azurite alike.
    private const int MaxBodyPartBytes = 64 * 1024;

    private const string FingerprintProperty = "fingerprint";
    private const string OwnerIdProperty = "owner_id";
    public const string StartedAtProperty = "started_at";
    private const string StatusCodeProperty = "status_code";
    private const string ContentTypeProperty = "content_type";
    private const string BodyPartsProperty = "body_parts";

    public static string PartitionKey(IdempotentRequest request) => Hash(request.CallerId) + Hash(request.Key);

    public static TableEntity InFlight(IdempotentRequest request) =>
        new(PartitionKey(request), RowKey)
        {
            [FingerprintProperty] = request.Fingerprint,
            [StartedAtProperty] = request.StartedAt,
            [OwnerIdProperty] = request.OwnerId,
        };

    public static TableEntity Completed(IdempotentRequest request, StoredResponse response)
    {
        var entity = InFlight(request);
        entity[StatusCodeProperty] = response.StatusCode;
        entity[ContentTypeProperty] = response.ContentType;
        var parts = 0;
        for (var start = 0; start < response.Body.Length; start += MaxBodyPartBytes, parts++)
        {
            entity[BodyPartName(parts)] = response.Body.Slice(start, Math.Min(MaxBodyPartBytes, response.Body.Length - start)).ToArray();
        }

        entity[BodyPartsProperty] = parts;
        return entity;
    }

    public static IdempotencyRecord ToRecord(TableEntity entity) => new(
        entity.Required(FingerprintProperty),
        entity.RequiredTime(StartedAtProperty),
        entity.GetInt32(StatusCodeProperty) is { } statusCode
            ? new StoredResponse(statusCode, entity.Required(ContentTypeProperty), Body(entity))
            : null,
        entity.ETag.ToString(),
        entity.GetString(OwnerIdProperty));

    private static byte[] Body(TableEntity entity)
    {
        var parts = entity.GetInt32(BodyPartsProperty)
            ?? throw new InvalidDataException($"Row '{entity.PartitionKey}' has no {BodyPartsProperty}.");
        using var body = new MemoryStream();
        for (var part = 0; part < parts; part++)
        {
            body.Write(entity.GetBinary(BodyPartName(part))
                ?? throw new InvalidDataException($"Row '{entity.PartitionKey}' lacks {BodyPartName(part)}."));
        }

        return body.ToArray();
    }

    private static string BodyPartName(int part) => $"body_{part}";

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
