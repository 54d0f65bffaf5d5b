using Payments.Api.Listing;
using Payments.Api.Serialization;
using Payments.Domain.RefundReasons;
using static Payments.Tests.Unit.Listing.ListSamples;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Listing;

/// <summary>Spec §6.4: <c>order</c>, then <c>count</c> before pagination, <c>offset</c> and <c>limit</c>.</summary>
public sealed class ListOrderAndPaginationTests
{
    [Theory]
    [InlineData("", "pay_A,pay_B,pay_D,pay_C")]
    [InlineData("order=created_at", "pay_A,pay_B,pay_D,pay_C")]
    [InlineData("order=-created_at", "pay_C,pay_B,pay_D,pay_A")]
    [InlineData("order=id", "pay_A,pay_B,pay_C,pay_D")]
    [InlineData("order=-id", "pay_D,pay_C,pay_B,pay_A")]
    [InlineData("order=provider_id", "pay_B,pay_A,pay_D,pay_C")]
    [InlineData("order=-provider_id", "pay_A,pay_D,pay_C,pay_B")]
    [InlineData("order=payment_collection_id", "pay_A,pay_B,pay_D,pay_C")]
    [InlineData("order=-payment_session_id", "pay_D,pay_C,pay_B,pay_A")]
    [InlineData("order=amount", "pay_C,pay_D,pay_A,pay_B")]
    [InlineData("order=-amount", "pay_B,pay_A,pay_D,pay_C")]
    [InlineData("order=currency_code", "pay_A,pay_B,pay_D,pay_C")]
    [InlineData("order=-updated_at", "pay_A,pay_C,pay_B,pay_D")]
    [InlineData("order=deleted_at", "pay_A,pay_B,pay_D,pay_C")]
    public void Order_sorts_by_one_field_and_breaks_ties_by_created_at_then_id(string query, string expected) =>
        Assert.Equal(Ids(expected), PaymentIds(query));

    [Theory]
    [InlineData("order=captured_at", "pay_C,pay_A,pay_B,pay_D")]
    [InlineData("order=-captured_at", "pay_B,pay_D,pay_A,pay_C")]
    [InlineData("order=canceled_at", "pay_A,pay_B,pay_D,pay_C")]
    public void Unset_values_sort_last_ascending_and_first_descending(string query, string expected) =>
        Assert.Equal(Ids(expected), PaymentIds(query));

    [Theory]
    [InlineData("", "refr_1,refr_2,refr_3")]
    [InlineData("order=label", "refr_3,refr_1,refr_2")]
    [InlineData("order=description", "refr_3,refr_1,refr_2")]
    [InlineData("order=-description", "refr_1,refr_2,refr_3")]
    [InlineData("order=-code", "refr_2,refr_3,refr_1")]
    public void Refund_reasons_order_by_their_own_fields(string query, string expected)
    {
        RefundReason[] reasons =
        [
            Reason("refr_2", "beta", "b", createdAt: At(T1)),
            Reason("refr_3", "Gamma", "b", "Third", At(T1)),
            Reason("refr_1", "alpha", "a", createdAt: At(T0)),
        ];

        var page = List(AdminListSchemas.RefundReasons, reasons, query);

        Assert.Equal(Ids(expected), page.Items.Select(reason => reason.Id));
    }

    [Theory]
    [InlineData("", "pp_a,pp_b,pp_c")]
    [InlineData("order=-id", "pp_c,pp_b,pp_a")]
    [InlineData("order=is_enabled", "pp_b,pp_a,pp_c")]
    public void Payment_providers_are_ordered_by_id(string query, string expected)
    {
        PaymentProviderListing[] providers = [new("pp_c", IsEnabled: true), new("pp_b", IsEnabled: false), new("pp_a", IsEnabled: true)];

        var page = List(AdminListSchemas.PaymentProviders, providers, query);

        Assert.Equal(Ids(expected), page.Items.Select(provider => provider.Id));
    }

    [Theory]
    [InlineData("", "pay_A,pay_B,pay_D,pay_C", 4, 0, 20)]
    [InlineData("limit=2", "pay_A,pay_B", 4, 0, 2)]
    [InlineData("offset=1&limit=2", "pay_B,pay_D", 4, 1, 2)]
    [InlineData("offset=3", "pay_C", 4, 3, 20)]
    [InlineData("offset=10", "", 4, 10, 20)]
    [InlineData("limit=0", "", 4, 0, 0)]
    [InlineData("limit=007&offset=0", "pay_A,pay_B,pay_D,pay_C", 4, 0, 7)]
    [InlineData("id[]=pay_B,pay_C,pay_D&order=-id&limit=1&offset=1", "pay_C", 3, 1, 1)]
    [InlineData("q=nothing", "", 0, 0, 20)]
    public void Count_is_taken_before_offset_and_limit(string query, string expected, int count, int offset, int limit)
    {
        var page = List(AdminListSchemas.Payments, SamplePayments, query);

        Assert.Equal(Ids(expected), page.Items.Select(payment => payment.Entry.PaymentId));
        Assert.Equal((count, offset, limit), (page.Count, page.Offset, page.Limit));
    }

    [Fact]
    public void Refund_reasons_are_listed_fifteen_at_a_time()
    {
        var reasons = Enumerable.Range(10, 20)
            .Select(number => Reason($"refr_{number}", $"Reason {number}", "code", createdAt: At(T0)))
            .ToList();

        var page = List(AdminListSchemas.RefundReasons, reasons, "");

        Assert.Equal((15, 20, 0, 15), (page.Items.Count, page.Count, page.Offset, page.Limit));
        Assert.Equal("refr_10", page.Items[0].Id);
        Assert.Equal("refr_24", page.Items[^1].Id);
    }

    [Fact]
    public void Payment_providers_are_listed_twenty_at_a_time() =>
        Assert.Equal(20, List(AdminListSchemas.PaymentProviders, [Provider("pp_system_default")], "").Limit);
}
