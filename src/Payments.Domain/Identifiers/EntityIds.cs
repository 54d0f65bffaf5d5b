namespace Payments.Domain.Identifiers;

/// <summary>Medusa's id prefixes (spec §1.5).</summary>
public static class EntityIdPrefix
{
    public const string PaymentCollection = "pay_col";
    public const string PaymentSession = "payses";
    public const string Payment = "pay";
    public const string Capture = "capt";
    public const string Refund = "ref";
    public const string RefundReason = "refr";
}

/// <summary>
/// Makes ids of the form <c>prefix_ULID</c>: the ULID's time part comes from the injected clock so ids sort
/// by creation time like Medusa's.
/// </summary>
public sealed class EntityIdGenerator(TimeProvider clock)
{
    public string NewId(string prefix) => $"{prefix}_{System.Ulid.NewUlid(clock.GetUtcNow())}";
}
