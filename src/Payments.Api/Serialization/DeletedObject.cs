namespace Payments.Api.Serialization;

/// <summary>The <c>object</c> names of deletion responses; Medusa spells them inconsistently (G84, §6.10).</summary>
public static class DeletedObject
{
    public const string PaymentCollection = "payment-collection";
    public const string RefundReason = "refund_reason";

    /// <summary>The module routes name every entity as Medusa's joiner does.</summary>
    public const string ModulePaymentCollection = "payment_collection";
    public const string PaymentSession = "payment_session";
    public const string AccountHolder = "account_holder";
}
