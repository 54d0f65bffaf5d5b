using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Collections;

/// <summary>
/// A release record in <c>paymentcollections</c>: partition = collection id (the document's partition), row key
/// <c>release|&lt;session id&gt;</c>.
/// </summary>
internal static class ProviderReleaseRow
{
    private const string RowKeyPrefix = "release|";

    // The first row key after every "release|…" one: '}' follows '|'.
    private const string RowKeyUpperBound = "release}";

    private const string ProviderIdProperty = "provider_id";
    private const string SessionIdProperty = "session_id";
    private const string DataProperty = "data";
    private const string ReasonProperty = "reason";
    private const string AttemptsProperty = "attempts";
    private const string RecordedAtProperty = "recorded_at";
    private const string FirstAttemptAtProperty = "first_attempt_at";
    private const string LastErrorProperty = "last_error";
    private const string NextAttemptAtProperty = "next_attempt_at";
    private const string DeadProperty = "dead";

    public static string RowKey(string sessionId) => RowKeyPrefix + sessionId;

    /// <summary>
    /// The server-side filter for live release rows due at <paramref name="now"/>, in every partition. Property
    /// names are spelled out: interpolated values become quoted literals.
    /// </summary>
    public static string DueFilter(DateTimeOffset now) =>
        TableClient.CreateQueryFilter($"RowKey ge {RowKeyPrefix} and RowKey lt {RowKeyUpperBound} and next_attempt_at le {now} and dead eq false");

    public static TableEntity ToNewEntity(ProviderRelease release) =>
        ToEntity(new PendingProviderRelease(release, 0, release.FirstAttemptAt, LastError: null, IsDead: false, Version: ""));

    public static TableEntity ToEntity(PendingProviderRelease pending)
    {
        var release = pending.Release;
        var entity = new TableEntity(
            TableKey.EnsureValid(release.CollectionId, nameof(pending)),
            RowKey(TableKey.EnsureValid(release.SessionId, nameof(pending))))
        {
            [ProviderIdProperty] = release.ProviderId,
            [SessionIdProperty] = release.SessionId,
            [ReasonProperty] = ReasonName(release.Reason),
            [AttemptsProperty] = pending.Attempts,
            [NextAttemptAtProperty] = pending.NextAttemptAt,
            [FirstAttemptAtProperty] = release.FirstAttemptAt,
            [RecordedAtProperty] = release.RecordedAt,
            [LastErrorProperty] = pending.LastError,
            [DeadProperty] = pending.IsDead,
        };
        SplitStringProperty.Write(entity, DataProperty, release.Data.GetRawText());
        return entity;
    }

    public static PendingProviderRelease FromEntity(TableEntity entity)
    {
        var release = new ProviderRelease(
            entity.PartitionKey,
            entity.Required(ProviderIdProperty),
            entity.Required(SessionIdProperty),
            ParseData(SplitStringProperty.Read(entity, DataProperty)),
            ParseReason(entity.Required(ReasonProperty)),
            entity.RequiredTime(RecordedAtProperty),
            entity.RequiredTime(FirstAttemptAtProperty));
        return new PendingProviderRelease(
            release,
            entity.GetInt32(AttemptsProperty) ?? 0,
            entity.RequiredTime(NextAttemptAtProperty),
            entity.GetString(LastErrorProperty),
            entity.GetBoolean(DeadProperty) ?? false,
            entity.ETag.ToString());
    }

    private static JsonElement ParseData(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string ReasonName(ProviderReleaseReason reason) => reason switch
    {
        ProviderReleaseReason.Superseded => "superseded",
        ProviderReleaseReason.LostRace => "lost_race",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static ProviderReleaseReason ParseReason(string name) => name switch
    {
        "superseded" => ProviderReleaseReason.Superseded,
        "lost_race" => ProviderReleaseReason.LostRace,
        _ => throw new InvalidDataException($"Unknown provider release reason '{name}'."),
    };
}
