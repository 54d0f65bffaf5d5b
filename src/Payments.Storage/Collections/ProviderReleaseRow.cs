using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Collections;

/// <summary>
/// A release record in <c>paymentcollections</c>: partition = collection id (the document's partition), row key
/// <c>release|&lt;release id&gt;</c> (the session id, or for refused money <c>&lt;session id&gt;|cancel</c> or
/// <c>|refund</c>).
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
    private const string RefundAmountProperty = "refund_amount";
    private const string RefundCurrencyProperty = "refund_currency_code";

    public static string RowKey(string releaseId) => RowKeyPrefix + releaseId;

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
            RowKey(TableKey.EnsureValid(release.Id, nameof(pending))))
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
            [RefundAmountProperty] = release.Refund?.Amount.ToString(CultureInfo.InvariantCulture),
            [RefundCurrencyProperty] = release.Refund?.CurrencyCode,
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
            entity.RequiredTime(FirstAttemptAtProperty))
        {
            Refund = entity.GetString(RefundAmountProperty) is { } amount
                ? new ProviderRefund(decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture), entity.Required(RefundCurrencyProperty))
                : null,
        };
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
        ProviderReleaseReason.LatePayment => "late_payment",
        ProviderReleaseReason.CollectionAlreadyPaid => "collection_already_paid",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static ProviderReleaseReason ParseReason(string name) => name switch
    {
        "superseded" => ProviderReleaseReason.Superseded,
        "lost_race" => ProviderReleaseReason.LostRace,
        "late_payment" => ProviderReleaseReason.LatePayment,
        "collection_already_paid" => ProviderReleaseReason.CollectionAlreadyPaid,
        _ => throw new InvalidDataException($"Unknown provider release reason '{name}'."),
    };
}
