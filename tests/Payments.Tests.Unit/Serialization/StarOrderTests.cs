using Payments.Api.Fields;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using static Payments.Tests.Unit.Serialization.Samples;
using static Payments.Tests.Unit.TestData.DomainRecords;
using static Payments.Tests.Unit.TestData.GoldenCollection;

namespace Payments.Tests.Unit.Serialization;

/// <summary>The canonical (star) key order of every resource, spec §5.1–§5.7.</summary>
public sealed class StarOrderTests
{
    [Fact]
    public void Pending_session_is_written_as_observed_in_G14() =>
        Assert.Equal(
            $$"""{"id":"{{CollectionId}}","payment_sessions":[{{PendingSessionJson}}]}""",
            StoreCollection(WithPendingSession(), "id,*payment_sessions"));

    [Fact]
    public void Authorized_session_refers_to_its_payment_by_id_as_observed_in_G44() =>
        Assert.Equal(
            $$"""{"id":"{{CollectionId}}","payment_sessions":[{{AuthorizedSessionJson}}]}""",
            StoreCollection(Completed(), "id,payment_sessions.*"));

    [Fact]
    public void Collection_is_written_as_observed_in_G83() =>
        Assert.Equal(
            $$"""{"id":"{{PaymentId}}","payment_collection_id":"{{CollectionId}}","payment_collection":{{CompletedCollectionJson}}}""",
            AdminPayment(Completed(), "id,payment_collection.*", NoReasons));

    [Fact]
    public void Payment_is_written_in_the_order_of_section_5_3() =>
        Assert.Equal(
            $$"""{"id":"{{CollectionId}}","payments":[{{PaymentJson}}]}""",
            StoreCollection(Completed(), "id,*payments"));

    [Fact]
    public void Captures_and_refunds_are_written_as_observed_in_G82()
    {
        const string expected =
            """{"id":"pay_01M86MSH8B7JX0F3RY97XAH91H","currency_code":"usd","amount":50,"captured_at":"2026-11-24T11:24:28.494Z","payment_collection_id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","payment_session_id":"payses_01M86MSGT599MV8DNA89573QTT","""
            + """
            "captures":[{"id":"capt_01M86MSM4BCAZ6V9BBZ54MRT1E","payment_id":"pay_01M86MSH8B7JX0F3RY97XAH91H","metadata":null,"created_by":"user_01M86MRZEZC0PTTWRW2WHMXJ0E","raw_amount":{"value":"20","precision":20},"created_at":"2026-11-24T11:24:27.659Z","updated_at":"2026-11-24T11:24:27.659Z","deleted_at":null,"amount":20},
            """
            + """{"id":"capt_01M86MSMYC9QDYPCBVH0PTDT0R","payment_id":"pay_01M86MSH8B7JX0F3RY97XAH91H","metadata":null,"created_by":null,"raw_amount":{"value":"30","precision":20},"created_at":"2026-11-24T11:24:28.490Z","updated_at":"2026-11-24T11:24:28.490Z","deleted_at":null,"amount":30}],"""
            + """
            "refunds":[{"id":"ref_01M86MSQ3KFQMH6ASGNRJ0PHNJ","payment_id":"pay_01M86MSH8B7JX0F3RY97XAH91H","refund_reason_id":"refr_01M86MSNYTDCWJAQM2F6TH1MKD","refund_reason":{"label":"Damaged in transit","code":"damaged","id":"refr_01M86MSNYTDCWJAQM2F6TH1MKD"},"note":"anchor partial refund","created_by":"user_01M86MRZEZC0PTTWRW2WHMXJ0E","metadata":null,"raw_amount":{"value":"10","precision":20},"created_at":"2026-11-24T11:24:30.577Z","updated_at":"2026-11-24T11:24:30.577Z","deleted_at":null,"amount":10},
            """
            + """{"id":"ref_01M86MSRRG0TMGXXT651YKKVH9","payment_id":"pay_01M86MSH8B7JX0F3RY97XAH91H","refund_reason_id":null,"refund_reason":null,"note":null,"created_by":"user_01M86MRZEZC0PTTWRW2WHMXJ0E","metadata":null,"raw_amount":{"value":"40","precision":20},"created_at":"2026-11-24T11:24:32.400Z","updated_at":"2026-11-24T11:24:32.400Z","deleted_at":null,"amount":40}]}""";

        Assert.Equal(expected, AdminPayment(Completed(), "*captures,*refunds", Reasons(Damaged())));
    }

    [Fact]
    public void Star_refund_leaves_out_the_reason_unless_it_is_selected() =>
        Assert.Equal(
            """{"id":"pay_01M86MSH8B7JX0F3RY97XAH91H","refunds":[{"id":"ref_01M86MSRRG0TMGXXT651YKKVH9","payment_id":"pay_01M86MSH8B7JX0F3RY97XAH91H","refund_reason_id":null,"note":null,"created_by":"user_01M86MRZEZC0PTTWRW2WHMXJ0E","metadata":null,"raw_amount":{"value":"40","precision":20},"created_at":"2026-11-24T11:24:32.400Z","updated_at":"2026-11-24T11:24:32.400Z","deleted_at":null,"amount":40}]}""",
            AdminPayment(WithRefundsOf(40m), "id,*refunds", NoReasons));

    [Fact]
    public void Refund_reason_expanded_as_a_star_has_every_field_in_canonical_order() =>
        Assert.Equal(
            """{"id":"pay_01M86MSH8B7JX0F3RY97XAH91H","refunds":[{"id":"ref_01M86MSQ3KFQMH6ASGNRJ0PHNJ","refund_reason_id":"refr_01M86MSNYTDCWJAQM2F6TH1MKD","refund_reason":{"id":"refr_01M86MSNYTDCWJAQM2F6TH1MKD","label":"Damaged in transit","code":"damaged","description":"Item arrived damaged","metadata":{"source":"seed"},"created_at":"2026-11-24T11:24:29.531Z","updated_at":"2026-11-24T11:24:30.102Z","deleted_at":null}}]}""",
            AdminPayment(
                WithRefundsOf(10m, ReasonId),
                "id,refunds.refund_reason.*",
                Reasons(Damaged() with { Metadata = Json("""{"source":"seed"}""") })));

    [Fact]
    public void Refund_reason_defaults_are_written_as_observed_in_G66() =>
        Assert.Equal(
            """{"id":"refr_01M86MSNYTDCWJAQM2F6TH1MKD","label":"Damaged","code":"damaged","description":"Item arrived damaged","created_at":"2026-11-24T11:24:29.531Z","updated_at":"2026-11-24T11:24:29.531Z","deleted_at":null}""",
            Render(writer => writer.WriteRefundReason(
                Damaged() with { Label = "Damaged", UpdatedAt = At("2026-11-24T11:24:29.531Z") },
                FieldSelection.Resolve(null, FieldDefaults.RefundReason))));

    [Fact]
    public void Payment_provider_is_written_as_observed_in_G02() =>
        Assert.Equal(
            """{"id":"pp_system_default","is_enabled":true}""",
            Render(writer => writer.WritePaymentProvider(
                new PaymentProviderListing("pp_system_default", IsEnabled: true),
                FieldSelection.Resolve(null, FieldDefaults.PaymentProviders))));

    private static PaymentCollection WithRefundsOf(decimal amount, string? reasonId = null)
    {
        var collection = Completed();
        var payment = collection.Payments[0];
        var refund = reasonId is null ? payment.Refunds[1] : payment.Refunds[0];
        return collection with { Payments = [payment with { Refunds = [refund with { Amount = amount, RefundReasonId = reasonId }] }] };
    }
}
