using Payments.Api.Requests;
using Payments.Domain.Errors;
using static Payments.Tests.Unit.Requests.RouteSchemas;

namespace Payments.Tests.Unit.Requests;

/// <summary>Spec §3.4 query validation: strict parameter lists, <c>fields</c> as one string, limit/offset integers.</summary>
public sealed class QuerySchemaTests
{
    private static readonly QuerySchema AdminPayments = new(
        QueryParameter.Limit(defaultValue: 20),
        QueryParameter.Offset,
        QueryParameter.Fields,
        QueryParameter.StringOrArray("id"),
        QueryParameter.Boolean("is_enabled"),
        QueryParameter.Any("created_at"));

    [Fact]
    public void A_missing_required_parameter_is_reported() =>
        AssertRejected(StorePaymentProviders, "", "Invalid request: Field 'region_id' is required");

    [Fact]
    public void An_unknown_parameter_is_unrecognized() =>
        AssertRejected(StorePaymentProviders, "region_id=reg_1&foo=1", "Invalid request: Unrecognized fields: 'foo'");

    [Fact]
    public void Missing_and_unknown_parameters_are_reported_in_schema_order_then_unknown_last() =>
        AssertRejected(
            StorePaymentProviders,
            "foo=1&limit=x&bar=2",
            "Invalid request: Field 'region_id' is required; Expected type: 'number' for field 'limit', got: 'x'; Unrecognized fields: 'foo, bar'");

    [Fact]
    public void Only_the_first_three_issues_are_reported() =>
        AssertRejected(
            StorePaymentProviders,
            "limit=x&offset=y&order[a]=1&foo=1",
            "Invalid request: Field 'region_id' is required; Expected type: 'number' for field 'limit', got: 'x'; Expected type: 'number' for field 'offset', got: 'y'");

    [Theory]
    [InlineData("fields=id&fields=amount", "id,amount")]
    [InlineData("fields[]=id,amount", "id,amount")]
    [InlineData("fields[]=id", "id")]
    [InlineData("fields[a]=id", "[object Object]")]
    public void Fields_must_be_a_single_string(string query, string printed) =>
        AssertRejected(
            StorePaymentProviders,
            "region_id=reg_1&" + query,
            $"Invalid request: Expected type: 'string' for field 'fields', got: '{printed}'");

    [Fact]
    public void Limit_and_offset_fall_back_to_their_defaults()
    {
        var query = StorePaymentProviders.Validate(QueryParameters.Parse("region_id=reg_1"));

        Assert.Equal(20, query.GetInteger("limit"));
        Assert.Equal(0, query.GetInteger("offset"));
        Assert.False(query.Has("limit"));
    }

    [Fact]
    public void Limit_and_offset_are_read_as_decimal_integers()
    {
        var query = StorePaymentProviders.Validate(QueryParameters.Parse("region_id=reg_1&limit=1&offset=007"));

        Assert.Equal(1, query.GetInteger("limit"));
        Assert.Equal(7, query.GetInteger("offset"));
    }

    [Theory]
    [InlineData("limit=abc", "Expected type: 'number' for field 'limit', got: 'abc'")]
    [InlineData("limit=1.5", "Expected type: 'number' for field 'limit', got: '1.5'")]
    [InlineData("limit=", "Expected type: 'number' for field 'limit', got: ''")]
    [InlineData("limit=%2B1", "Expected type: 'number' for field 'limit', got: '+1'")]
    [InlineData("limit=+1", "Expected type: 'number' for field 'limit', got: ' 1'")]
    [InlineData("limit=1e2", "Expected type: 'number' for field 'limit', got: '1e2'")]
    [InlineData("limit=1&limit=2", "Expected type: 'number' for field 'limit', got: '1,2'")]
    [InlineData("offset=-1", "Value for field 'offset' too small, expected at least: '0'")]
    [InlineData("offset=99999999999", "Value for field 'offset' too big, expected at most: '2147483647'")]
    public void Limit_and_offset_must_be_non_negative_decimal_integers(string parameter, string issue) =>
        AssertRejected(StorePaymentProviders, "region_id=reg_1&" + parameter, "Invalid request: " + issue);

    [Fact]
    public void An_empty_string_parameter_is_present_and_empty()
    {
        var query = StorePaymentProviders.Validate(QueryParameters.Parse("region_id="));

        Assert.True(query.Has("region_id"));
        Assert.Equal("", query.GetString("region_id"));
        Assert.Null(query.GetString("order"));
    }

    [Theory]
    [InlineData("id=pay_1", new[] { "pay_1" })]
    [InlineData("id=pay_1&id=pay_2", new[] { "pay_1", "pay_2" })]
    [InlineData("id[]=pay_1,pay_2", new[] { "pay_1", "pay_2" })]
    public void A_string_or_array_parameter_is_read_as_a_list(string query, string[] expected) =>
        Assert.Equal(expected, AdminPayments.Validate(QueryParameters.Parse(query)).GetStrings("id"));

    [Theory]
    [InlineData("id[a]=1", "[object Object]")]
    [InlineData("id[0][a]=1", "[object Object]")]
    public void A_string_or_array_parameter_rejects_objects(string query, string printed) =>
        AssertRejected(AdminPayments, query, $"Invalid request: Expected type: 'string, array' for field 'id', got: '{printed}'");

    [Theory]
    [InlineData("is_enabled=true", true)]
    [InlineData("is_enabled=FALSE", false)]
    [InlineData("is_enabled=True", true)]
    public void A_boolean_parameter_accepts_true_and_false_in_any_case(string query, bool expected) =>
        Assert.Equal(expected, AdminPayments.Validate(QueryParameters.Parse(query)).GetBoolean("is_enabled"));

    [Theory]
    [InlineData("is_enabled=yes", "yes")]
    [InlineData("is_enabled=%20true", " true")]
    public void A_boolean_parameter_rejects_other_words(string query, string printed) =>
        AssertRejected(AdminPayments, query, $"Invalid request: Expected type: 'boolean' for field 'is_enabled', got: '{printed}'");

    [Fact]
    public void An_any_parameter_keeps_the_shape_qs_gave_it()
    {
        var query = AdminPayments.Validate(QueryParameters.Parse("created_at[$gte]=2026-11-24T00:00:00.000Z"));

        Assert.Equal("""{"$gte":"2026-11-24T00:00:00.000Z"}""", query.GetValue("created_at")!.Value.GetRawText());
    }

    [Fact]
    public void Asking_for_an_undeclared_parameter_is_a_programming_error()
    {
        var query = AdminPayments.Validate(QueryParameters.Parse(""));

        Assert.Throws<InvalidOperationException>(() => query.GetString("region_id"));
        Assert.Throws<InvalidOperationException>(() => query.GetString("id"));
    }

    [Fact]
    public void A_parameter_may_be_declared_once() =>
        Assert.Throws<ArgumentException>(() => new QuerySchema(QueryParameter.Fields, QueryParameter.String("fields")));

    private static void AssertRejected(QuerySchema schema, string query, string message)
    {
        var exception = Assert.Throws<MedusaException>(() => schema.Validate(QueryParameters.Parse(query)));

        Assert.Equal(MedusaErrorType.InvalidData, exception.Type);
        Assert.Equal(message, exception.Message);
    }
}
