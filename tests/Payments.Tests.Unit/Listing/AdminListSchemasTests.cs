using Payments.Api.Listing;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.RefundReasons;
using static Payments.Tests.Unit.Listing.ListSamples;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Listing;

/// <summary>The conformance checklist items of spec §9 that the list engine decides, and what the routes read from it.</summary>
public sealed class AdminListSchemasTests
{
    private static readonly RefundReason[] SeededAndCreated =
    [
        Reason("refr_1", "Shipping Issue", "shipping_issue", "Refund due to lost, delayed, or misdelivered shipment", At(T0)),
        Reason("refr_2", "Customer Care Adjustment", "customer_care_adjustment", "Refund given as goodwill or compensation for inconvenience", At(T0)),
        Reason("refr_3", "Pricing Error", "pricing_error", "Refund to correct an overcharge, missing discount, or incorrect price", At(T0)),
        Reason("refr_4", "Damaged in transit", "damaged", "Item arrived damaged", At(T1)),
        Reason("refr_5", "Other", "other", "Box was DAMAGED on arrival", At(T2)),
        Reason("refr_6", "Broken", "broken_damage", createdAt: At(T2)),
    ];

    [Fact]
    public void Checklist_83_payment_session_id_lists_only_that_payment()
    {
        var page = List(AdminListSchemas.Payments, SamplePayments, "payment_session_id=payses_B");

        Assert.Equal("pay_B", Assert.Single(page.Items).Entry.PaymentId);
        Assert.Equal(1, page.Count);
    }

    [Fact]
    public void Checklist_84_created_at_from_tomorrow_counts_nothing()
    {
        var tomorrow = At(T2).AddDays(1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

        var page = List(AdminListSchemas.Payments, SamplePayments, $"created_at[$gte]={tomorrow}");

        Assert.Empty(page.Items);
        Assert.Equal(0, page.Count);
    }

    [Theory]
    [InlineData("is_enabled=false", 0)]
    [InlineData("is_enabled=FALSE", 0)]
    [InlineData("is_enabled=true", 2)]
    public void Checklist_86_is_enabled_false_counts_no_registered_provider(string query, int count)
    {
        PaymentProviderListing[] registered = [Provider("pp_system_default"), Provider("pp_stripe_stripe")];

        Assert.Equal(count, List(AdminListSchemas.PaymentProviders, registered, query).Count);
    }

    [Theory]
    [InlineData("q=damag", "refr_4,refr_5,refr_6")]
    [InlineData("q=DAMAG", "refr_4,refr_5,refr_6")]
    [InlineData("q=refund", "refr_1,refr_2,refr_3")]
    [InlineData("q=pricing_error", "refr_3")]
    [InlineData("q=arrival", "refr_5")]
    public void Checklist_124_q_lists_reasons_whose_label_code_or_description_contains_it(string query, string expected)
    {
        var page = List(AdminListSchemas.RefundReasons, SeededAndCreated, query);

        Assert.Equal(Ids(expected), page.Items.Select(reason => reason.Id));
        Assert.Equal(Ids(expected).Count, page.Count);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("with_deleted=true", true)]
    [InlineData("with_deleted=TRUE", true)]
    [InlineData("with_deleted=false", false)]
    public void With_deleted_is_read_for_the_route(string query, bool withDeleted)
    {
        var schema = AdminListSchemas.RefundReasons;

        Assert.Equal(withDeleted, schema.Read(schema.Query.Validate(QueryParameters.Parse(query))).WithDeleted);
    }

    [Fact]
    public void Fields_and_with_deleted_are_accepted_on_every_list()
    {
        const string query = "fields=id,*captures&with_deleted=true";

        Assert.Equal(4, List(AdminListSchemas.Payments, SamplePayments, query).Count);
        Assert.Equal(6, List(AdminListSchemas.RefundReasons, SeededAndCreated, query).Count);
        Assert.Equal(1, List(AdminListSchemas.PaymentProviders, [Provider("pp_system_default")], query).Count);
    }

    [Fact]
    public void A_filter_name_may_be_declared_once() =>
        Assert.Throws<ArgumentException>(() => new ListSchemaBuilder<RefundReason>(defaultLimit: 15)
            .AnyOf("id", reason => reason.Id)
            .AnyOf("id", reason => reason.Code)
            .Build("id"));

    [Fact]
    public void The_default_order_must_name_orderable_fields() =>
        Assert.Throws<ArgumentException>(() => new ListSchemaBuilder<RefundReason>(defaultLimit: 15)
            .AnyOf("id", reason => reason.Id)
            .Build("created_at"));
}
