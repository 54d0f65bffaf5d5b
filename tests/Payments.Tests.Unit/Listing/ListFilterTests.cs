using System.Text.Json;
using Payments.Api.Listing;
using Payments.Api.Serialization;
using Payments.Domain.RefundReasons;
using static Payments.Tests.Unit.Listing.ListSamples;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Listing;

/// <summary>Spec §6.4: the filters of the admin list routes, over the payments of <see cref="ListSamples"/>.</summary>
public sealed class ListFilterTests
{
    [Theory]
    [InlineData("", "pay_A,pay_B,pay_D,pay_C")]
    [InlineData("id=pay_B", "pay_B")]
    [InlineData("id=pay_B&id=pay_C", "pay_B,pay_C")]
    [InlineData("id[]=pay_B&id[]=pay_C", "pay_B,pay_C")]
    [InlineData("id[]=pay_B,pay_C", "pay_B,pay_C")]
    [InlineData("id[]=pay_B", "pay_B")]
    [InlineData("id=pay_B,pay_C", "")]
    [InlineData("id=PAY_B", "")]
    [InlineData("id=", "")]
    [InlineData("payment_session_id=payses_D", "pay_D")]
    [InlineData("payment_session_id[]=payses_A,payses_C", "pay_A,pay_C")]
    [InlineData("id=pay_A&payment_session_id=payses_B", "")]
    public void Id_like_filters_match_any_of_the_given_values_exactly(string query, string expected) =>
        Assert.Equal(Ids(expected), PaymentIds(query));

    [Theory]
    [InlineData($"created_at={T1}", "pay_B,pay_D")]
    [InlineData("created_at=2026-11-24T11:24:18Z", "pay_B,pay_D")]
    [InlineData("created_at=2026-11-24T12:24:18.000%2B01:00", "pay_B,pay_D")]
    [InlineData("created_at=2026-11-24T11:24:18", "pay_B,pay_D")]
    [InlineData($"created_at[]={T0},{T2}", "pay_A,pay_C")]
    [InlineData($"created_at[$eq]={T1}", "pay_B,pay_D")]
    [InlineData($"created_at[$eq][]={T0}&created_at[$eq][]={T2}", "pay_A,pay_C")]
    [InlineData($"created_at[$ne]={T1}", "pay_A,pay_C")]
    [InlineData($"created_at[$ne][]={T0}&created_at[$ne][]={T1}", "pay_C")]
    [InlineData($"created_at[$in][]={T0}&created_at[$in][]={T1}", "pay_A,pay_B,pay_D")]
    [InlineData($"created_at[$nin][]={T0}&created_at[$nin][]={T1}", "pay_C")]
    [InlineData($"created_at[$gt]={T1}", "pay_C")]
    [InlineData($"created_at[$gte]={T1}", "pay_B,pay_D,pay_C")]
    [InlineData($"created_at[$lt]={T1}", "pay_A")]
    [InlineData($"created_at[$lte]={T1}", "pay_A,pay_B,pay_D")]
    [InlineData($"created_at[$gt]={T0}&created_at[$lt]={T2}", "pay_B,pay_D")]
    [InlineData("created_at[$gte]=2026-11-24", "pay_A,pay_B,pay_D,pay_C")]
    [InlineData("created_at[$lt]=2026-11-24", "")]
    [InlineData($"updated_at[$gt]={T2}", "pay_A")]
    public void Timestamp_filters_take_a_timestamp_or_an_operator_object(string query, string expected) =>
        Assert.Equal(Ids(expected), PaymentIds(query));

    [Theory]
    [InlineData("deleted_at=null", "pay_A,pay_B,pay_D,pay_C")]
    [InlineData("deleted_at[$eq]=null", "pay_A,pay_B,pay_D,pay_C")]
    [InlineData($"deleted_at[$in][]=null&deleted_at[$in][]={T0}", "pay_A,pay_B,pay_D,pay_C")]
    [InlineData("deleted_at[$ne]=null", "")]
    [InlineData($"deleted_at={T0}", "")]
    [InlineData($"deleted_at[$ne]={T0}", "")]
    [InlineData($"deleted_at[$nin][]={T0}", "")]
    [InlineData($"deleted_at[$lt]={T2}", "")]
    public void An_unset_timestamp_matches_only_equality_with_null(string query, string expected) =>
        Assert.Equal(Ids(expected), PaymentIds(query));

    [Theory]
    [InlineData("deleted_at[$ne]=null", "refr_gone")]
    [InlineData("deleted_at=null", "refr_kept")]
    [InlineData($"deleted_at[$ne]={T2}", "")]
    [InlineData($"deleted_at={T2}", "refr_gone")]
    [InlineData($"deleted_at[$gte]={T1}", "refr_gone")]
    public void Set_and_unset_timestamps_of_refund_reasons(string query, string expected)
    {
        RefundReason[] reasons =
        [
            Reason("refr_kept", "Kept", "kept", createdAt: At(T0)),
            Reason("refr_gone", "Gone", "gone", createdAt: At(T0), deletedAt: At(T2)),
        ];

        var page = List(AdminListSchemas.RefundReasons, reasons, query);

        Assert.Equal(Ids(expected), page.Items.Select(reason => reason.Id));
    }

    [Theory]
    [InlineData("q=PAY_B", "pay_B")]
    [InlineData("q=stripe", "pay_B")]
    [InlineData("q=Col_Y", "pay_B,pay_D")]
    [InlineData("q=payses_c", "pay_C")]
    [InlineData("q=pay", "pay_A,pay_B,pay_D,pay_C")]
    [InlineData("q=nothing", "")]
    [InlineData("q=", "pay_A,pay_B,pay_D,pay_C")]
    public void Q_is_a_case_insensitive_substring_of_the_searched_fields(string query, string expected) =>
        Assert.Equal(Ids(expected), PaymentIds(query));

    [Theory]
    [InlineData("$or[0][id]=pay_A&$or[1][q]=stripe", "pay_A,pay_B")]
    [InlineData($"$and[0][created_at][$gte]={T1}&$and[1][q]=system", "pay_D,pay_C")]
    [InlineData("$and[0][id][]=pay_A&$and[0][id][]=pay_B&$and[1][id]=pay_B", "pay_B")]
    [InlineData("$and[0][id]=pay_A&$and[1][id]=pay_B", "")]
    [InlineData("q=system&$or[0][id]=pay_A&$or[1][id]=pay_B", "pay_A")]
    [InlineData("$or[0][$and][0][id]=pay_A&$or[0][$and][1][q]=col_x&$or[1][id]=pay_C", "pay_A,pay_C")]
    [InlineData("$or[0][$and][0][id]=pay_A&$or[0][$and][1][q]=col_y&$or[1][id]=pay_C", "pay_C")]
    [InlineData($"$and[0][$or][0][created_at]={T0}&$and[0][$or][1][created_at]={T2}&$and[1][q]=payses_c", "pay_C")]
    public void And_and_or_combine_nested_filter_objects(string query, string expected) =>
        Assert.Equal(Ids(expected), PaymentIds(query));

    [Theory]
    [InlineData("is_enabled=true", "pp_on")]
    [InlineData("is_enabled=TRUE", "pp_on")]
    [InlineData("is_enabled=False", "pp_off")]
    [InlineData("$or[0][is_enabled]=false&$or[1][id]=pp_on", "pp_off,pp_on")]
    [InlineData("id=pp_on&is_enabled=false", "")]
    public void Boolean_filters_read_true_and_false_in_any_case(string query, string expected)
    {
        PaymentProviderListing[] providers = [new("pp_on", IsEnabled: true), new("pp_off", IsEnabled: false)];

        var page = List(AdminListSchemas.PaymentProviders, providers, query);

        Assert.Equal(Ids(expected), page.Items.Select(provider => provider.Id));
    }

    [Theory]
    [InlineData("false", "pp_off")]
    [InlineData("true", "pp_on")]
    public void A_boolean_filter_also_reads_a_json_boolean(string json, string expected)
    {
        var filter = new BooleanFilter<PaymentProviderListing>("is_enabled", provider => provider.IsEnabled);
        var issues = new ListQueryIssues();

        var condition = filter.Read(JsonElement.Parse(json), FieldPath.Root.Child("is_enabled"), issues)!;

        issues.ThrowIfAny();
        Assert.Equal(
            [expected],
            new PaymentProviderListing[] { new("pp_on", IsEnabled: true), new("pp_off", IsEnabled: false) }
                .Where(condition)
                .Select(provider => provider.Id));
    }
}
