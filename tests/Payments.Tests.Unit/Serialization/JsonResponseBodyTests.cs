using System.Text;
using Payments.Api.Fields;
using Payments.Api.Serialization;
using static Payments.Tests.Unit.Serialization.Samples;
using static Payments.Tests.Unit.TestData.GoldenCollection;

namespace Payments.Tests.Unit.Serialization;

/// <summary>Spec §1.8 envelopes, compact UTF-8.</summary>
public sealed class JsonResponseBodyTests
{
    [Fact]
    public void Envelope_wraps_the_resource_under_its_key_as_observed_in_G08()
    {
        var collection = WithPendingSession() with { Sessions = [] };

        var body = JsonResponseBody.Envelope(
            "payment_collection",
            writer => writer.WritePaymentCollection(collection, FieldSelection.Resolve(null, FieldDefaults.StoreCollection), NoReasons, ContextViewer.Admin));

        Assert.Equal(
            """{"payment_collection":{"id":"pay_col_01M86MS9YPV14MVVJVNRK0ACEN","currency_code":"usd","amount":50,"payment_sessions":[]}}""",
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void List_carries_the_page_then_count_offset_and_limit_as_observed_in_G02()
    {
        var body = JsonResponseBody.List(
            "payment_providers",
            [new PaymentProviderListing("pp_system_default", IsEnabled: true)],
            (writer, provider) => writer.WritePaymentProvider(provider, FieldSelection.Resolve(null, FieldDefaults.PaymentProviders)),
            count: 1,
            offset: 0,
            limit: 20);

        Assert.Equal(
            """{"payment_providers":[{"id":"pp_system_default","is_enabled":true}],"count":1,"offset":0,"limit":20}""",
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Empty_page_still_reports_the_total_count()
    {
        var body = JsonResponseBody.List<PaymentProviderListing>(
            "payment_providers", [], (_, _) => Assert.Fail("no item to write"), count: 2, offset: 5, limit: 1);

        Assert.Equal("""{"payment_providers":[],"count":2,"offset":5,"limit":1}""", Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData(DeletedObject.RefundReason, """{"id":"refr_1","object":"refund_reason","deleted":true}""")]
    [InlineData(DeletedObject.PaymentCollection, """{"id":"refr_1","object":"payment-collection","deleted":true}""")]
    public void Deletion_names_the_id_and_object(string objectName, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonResponseBody.Deletion("refr_1", objectName)));

    [Fact]
    public void Text_is_not_html_escaped_and_keeps_non_ascii_letters() =>
        Assert.Equal(
            """{"note":"<Café & \"Bar\" 'n' Grill>"}""",
            Encoding.UTF8.GetString(JsonResponseBody.Of(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("note", "<Café & \"Bar\" 'n' Grill>");
                writer.WriteEndObject();
            })));

    [Fact]
    public void Body_rendered_while_rendering_another_does_not_disturb_it()
    {
        var inner = string.Empty;

        var outer = Render(writer =>
        {
            writer.WriteStartArray();
            writer.WriteStringValue("outer");
            inner = Encoding.UTF8.GetString(JsonResponseBody.Deletion("x", DeletedObject.RefundReason));
            writer.WriteNumberValue(1);
            writer.WriteEndArray();
        });

        Assert.Equal("""["outer",1]""", outer);
        Assert.Equal("""{"id":"x","object":"refund_reason","deleted":true}""", inner);
    }

    [Fact]
    public void Consecutive_bodies_do_not_share_bytes()
    {
        var first = JsonResponseBody.Deletion("a_long_identifier", DeletedObject.PaymentCollection);
        var second = JsonResponseBody.Deletion("b", DeletedObject.RefundReason);

        Assert.Equal("""{"id":"a_long_identifier","object":"payment-collection","deleted":true}""", Encoding.UTF8.GetString(first));
        Assert.Equal("""{"id":"b","object":"refund_reason","deleted":true}""", Encoding.UTF8.GetString(second));
    }
}
