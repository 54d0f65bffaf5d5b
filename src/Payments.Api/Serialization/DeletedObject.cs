namespace Payments.Api.Serialization;

/// <summary>The <c>object</c> names of deletion responses; Medusa spells them inconsistently (G84, §6.10).</summary>
public static class DeletedObject
{
    public const string PaymentCollection = "payment-collection";
    public const string RefundReason = "refund_reason";
}
