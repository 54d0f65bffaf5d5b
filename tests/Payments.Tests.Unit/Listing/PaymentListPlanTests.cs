using Payments.Api.Listing;
using Payments.Api.Requests;
using Payments.Domain.Ports;
using static Payments.Tests.Unit.Listing.ListSamples;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Listing;

/// <summary>What <c>GET /admin/payments</c> reads for a query: decided from the fields the query uses, nothing else.</summary>
public sealed class PaymentListPlanTests
{
    private static readonly PaymentIndexEntry Current = PaymentIndexEntry.Of(Payment());
    private static readonly PaymentIndexEntry Older = Current with { CurrencyCode = null, Amount = null };

    [Theory]
    [InlineData("")]
    [InlineData("order=created_at&limit=20")]
    [InlineData("order=-created_at&offset=40")]
    [InlineData("order=-id")]
    [InlineData("order=provider_id")]
    [InlineData("order=-payment_collection_id")]
    [InlineData("order=payment_session_id")]
    [InlineData("order=deleted_at")]
    [InlineData("q=pay_col_")]
    [InlineData("id[]=pay_A&id[]=pay_B&payment_session_id=payses_B")]
    [InlineData($"created_at[$gte]={T1}&deleted_at=null")]
    [InlineData("$or[0][id]=pay_A&$or[1][$and][0][q]=stripe&$or[1][$and][1][created_at]=" + T0)]
    [InlineData("fields=*captures,+updated_at,captured_at&with_deleted=true")]
    public void A_query_on_the_ids_and_created_at_reads_only_the_documents_of_its_page(string query) =>
        Assert.Equal(PaymentDocumentReads.Page, PaymentListPlan.For(Read(query)));

    [Theory]
    [InlineData("order=amount")]
    [InlineData("order=-currency_code&q=pay&created_at[$lt]=" + T2)]
    public void Ordered_by_the_amount_or_the_currency_the_entries_that_lack_them_are_read_first(string query) =>
        Assert.Equal(PaymentDocumentReads.PageAndOlderEntries, PaymentListPlan.For(Read(query)));

    [Theory]
    [InlineData("order=captured_at")]
    [InlineData("order=-canceled_at")]
    [InlineData("order=updated_at")]
    [InlineData($"updated_at[$gt]={T0}")]
    [InlineData($"id=pay_A&updated_at={T0}")]
    [InlineData($"$or[0][id]=pay_A&$or[1][updated_at][$lt]={T0}")]
    [InlineData($"$and[0][$or][0][updated_at]={T0}&$and[0][$or][1][q]=x")]
    [InlineData($"order=amount&updated_at[$gte]={T0}")]
    public void A_field_that_changes_reads_the_documents_of_every_match(string query) =>
        Assert.Equal(PaymentDocumentReads.EveryMatch, PaymentListPlan.For(Read(query)));

    [Theory]
    [InlineData(PaymentDocumentReads.Page, false, false)]
    [InlineData(PaymentDocumentReads.PageAndOlderEntries, false, true)]
    [InlineData(PaymentDocumentReads.EveryMatch, true, true)]
    public void Which_entries_are_read_before_the_page_is_taken(PaymentDocumentReads reads, bool current, bool older) =>
        Assert.Equal((current, older), (PaymentListPlan.ReadsFirst(reads, Current), PaymentListPlan.ReadsFirst(reads, Older)));

    [Fact]
    public void The_index_conditions_narrow_a_query_on_a_field_that_changes_without_its_documents()
    {
        var conditions = PaymentListPlan.IndexConditions(Read($"id[]=pay_A&id[]=pay_B&updated_at[$gt]={T0}&$or[0][q]=col_x&$or[1][updated_at]={T0}"));

        Assert.Equal(
            [true, false],
            new[] { "pay_A", "pay_C" }.Select(id => conditions(new ListedPayment(Current with { PaymentId = id }))));
    }

    private static ListQuery<ListedPayment> Read(string query) =>
        AdminListSchemas.Payments.Read(AdminListSchemas.Payments.Query.Validate(QueryParameters.Parse(query)));
}
