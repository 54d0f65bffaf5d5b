using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payments.Domain.Outbox;

/// <summary>Why a provider payment is given back; stored by these snake_case names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderReleaseReason>))]
public enum ProviderReleaseReason
{
    /// <summary>The session was replaced by a newer one, or dropped by cart synchronisation.</summary>
    [JsonStringEnumMemberName("superseded")]
    Superseded,

    /// <summary>The request that created this provider payment lost a race and wrote nothing.</summary>
    [JsonStringEnumMemberName("lost_race")]
    LostRace,

    /// <summary>The provider reported money (an authorization or a capture) for a session the collection no longer has.</summary>
    [JsonStringEnumMemberName("late_payment")]
    LatePayment,

    /// <summary>The provider authorized a session of a collection that already has a live payment of another session.</summary>
    [JsonStringEnumMemberName("collection_already_paid")]
    CollectionAlreadyPaid,

    /// <summary>The session's collection was deleted.</summary>
    [JsonStringEnumMemberName("collection_deleted")]
    CollectionDeleted,

    /// <summary>The commerce backend canceled the session's payment.</summary>
    [JsonStringEnumMemberName("payment_canceled")]
    PaymentCanceled,

    /// <summary>The provider authorized a session opened after the collection's cart was completed.</summary>
    [JsonStringEnumMemberName("cart_completed")]
    CartCompleted,
}

/// <summary>Money a provider captured that a release gives back: a refund of this amount.</summary>
public sealed record ProviderRefund(decimal Amount, string CurrencyCode);

/// <summary>
/// Gives a provider payment back (spec §7.5, D5): cancelled (the provider's <c>delete</c>), or refunded when
/// <see cref="Refund"/> says money was captured.
/// </summary>
public sealed record ProviderRelease(string ProviderId, string SessionId, JsonElement Data, ProviderReleaseReason Reason) : OutboxMessage
{
    public ProviderRefund? Refund { get; init; }

    /// <summary>
    /// True for money a collection refused (<see cref="Collections.RefusedProviderPayment"/>): never a routine release,
    /// whatever its reason, since it may follow the routine release of the same session (a deleted collection's).
    /// </summary>
    public bool GivesBackRefusedMoney { get; init; }

    /// <summary>
    /// The session id for a session's routine release (the cancel of a session replaced, lost or deleted), and the session
    /// id with the action for money a collection refused, which may follow a routine release of the same session.
    /// </summary>
    [JsonIgnore]
    public override string Id => IsRoutine ? $"release:{SessionId}" : $"release:{SessionId}:{Action}";

    [JsonIgnore]
    public override bool DispatchedAfterWrite => true;

    /// <summary>
    /// The provider's idempotency key: <c>&lt;session id&gt;-cancel</c> for a routine release (spec §7.5), a key of its
    /// own for refused money, so that a provider that kept the answer of an earlier cancel does not replay it.
    /// </summary>
    [JsonIgnore]
    public string IdempotencyKey => IsRoutine ? $"{SessionId}-cancel" : $"{SessionId}-{Action}-refused";

    private bool IsRoutine =>
        !GivesBackRefusedMoney && Refund is null && Reason is ProviderReleaseReason.Superseded or ProviderReleaseReason.LostRace or ProviderReleaseReason.CollectionDeleted or ProviderReleaseReason.PaymentCanceled;

    private string Action => Refund is null ? "cancel" : "refund";
}
