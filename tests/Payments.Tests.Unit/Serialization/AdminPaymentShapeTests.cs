using System.Text;
using Payments.Api.Fields;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using static Payments.Tests.Unit.Serialization.Samples;
using static Payments.Tests.Unit.TestData.DomainRecords;
using static Payments.Tests.Unit.TestData.GoldenCollection;

namespace Payments.Tests.Unit.Serialization;

/// <summary>The admin payment defaults (spec §4.5, §6.4–§6.7; checklist 79–82, 102, 108, 111).</summary>
public sealed class AdminPaymentShapeTests
{
    private const string Head =
        """{"id":"pay_01M86MSH8B7JX0F3RY97XAH91H","currency_code":"usd","amount":50,"captured_at":"2026-11-24T11:24:28.494Z","payment_collection_id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","payment_session_id":"payses_01M86MSGT599MV8DNA89573QTT",""";

    private const string Captures =
        """
        "captures":[{"id":"capt_01M86MSM4BCAZ6V9BBZ54MRT1E","amount":20},{"id":"capt_01M86MSMYC9QDYPCBVH0PTDT0R","amount":30}],
        """;

    private const string ReasonedRefundHead =
        """{"id":"ref_01M86MSQ3KFQMH6ASGNRJ0PHNJ","amount":10,"note":"anchor partial refund","payment_id":"pay_01M86MSH8B7JX0F3RY97XAH91H","refund_reason_id":"refr_01M86MSNYTDCWJAQM2F6TH1MKD",""";

    [Fact]
    public void Payment_list_with_defaults_is_written_as_observed_in_G48()
    {
        var collection = Completed();
        var payment = collection.Payments[0] with { CapturedAt = null, Captures = [], Refunds = [] };
        collection = collection with { Payments = [payment] };

        var body = JsonResponseBody.List(
            "payments",
            [payment],
            (writer, item) => writer.WritePayment(item, collection, FieldSelection.Resolve(null, FieldDefaults.AdminPayment), NoReasons, ContextViewer.Admin),
            count: 1,
            offset: 0,
            limit: 20);

        Assert.Equal(
            """{"payments":[{"id":"pay_01M86MSH8B7JX0F3RY97XAH91H","currency_code":"usd","amount":50,"captured_at":null,"payment_collection_id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","payment_session_id":"payses_01M86MSGT599MV8DNA89573QTT","captures":[],"refunds":[]}],"count":1,"offset":0,"limit":20}""",
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Partial_refund_with_a_reason_is_written_as_observed_in_G72()
    {
        var collection = WithFirstRefundOnly();

        var body = JsonResponseBody.Envelope(
            "payment",
            writer => writer.WritePayment(
                collection.Payments[0], collection, FieldSelection.Resolve(null, FieldDefaults.AdminPayment), Reasons(Damaged()), ContextViewer.Admin));

        Assert.Equal(
            "{\"payment\":" + Head + Captures + "\"refunds\":[" + ReasonedRefundHead
            + """
            "refund_reason":{"label":"Damaged in transit","code":"damaged","id":"refr_01M86MSNYTDCWJAQM2F6TH1MKD"}}]}}
            """,
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Refund_without_a_reason_shows_null_reason_as_observed_in_G80() =>
        Assert.EndsWith(
            """{"id":"ref_01M86MSRRG0TMGXXT651YKKVH9","amount":40,"note":null,"payment_id":"pay_01M86MSH8B7JX0F3RY97XAH91H","refund_reason_id":null,"refund_reason":null}]}""",
            AdminPayment(Completed(), null, Reasons(Damaged())));

    [Fact]
    public void Refund_keeps_its_reason_id_and_shows_null_once_the_reason_is_deleted_as_observed_in_G90() =>
        Assert.Equal(
            Head + Captures + "\"refunds\":[" + ReasonedRefundHead + "\"refund_reason\":null}]}",
            AdminPayment(
                WithFirstRefundOnly(),
                null,
                Reasons(Damaged() with { DeletedAt = At("2026-11-24T11:24:33.000Z") })));

    [Fact]
    public void Refund_whose_reason_is_not_in_the_lookup_shows_null() =>
        Assert.Equal(
            Head + Captures + "\"refunds\":[" + ReasonedRefundHead + "\"refund_reason\":null}]}",
            AdminPayment(WithFirstRefundOnly(), null, NoReasons));

    [Fact]
    public void Payment_of_another_collection_is_refused()
    {
        var collection = Completed();

        Assert.Throws<ArgumentException>(() => Render(writer => writer.WritePayment(
            collection.Payments[0] with { PaymentCollectionId = "pay_col_other" },
            collection,
            FieldSelection.Resolve(null, FieldDefaults.AdminPayment),
            NoReasons,
            ContextViewer.Admin)));
    }

    private static PaymentCollection WithFirstRefundOnly()
    {
        var collection = Completed();
        var payment = collection.Payments[0];
        return collection with { Payments = [payment with { Refunds = [payment.Refunds[0]] }] };
    }
}
