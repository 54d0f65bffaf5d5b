using Payments.Api.Listing;
using Payments.Domain.Errors;
using static Payments.Tests.Unit.Listing.ListSamples;

namespace Payments.Tests.Unit.Listing;

/// <summary>Spec §3.4 and §6.4: every rejected list query is a 400 <c>invalid_data</c> with an exact message.</summary>
public sealed class ListValidationTests
{
    [Theory]
    [InlineData("foo=1", "Invalid request: Unrecognized fields: 'foo'")]
    [InlineData("foo=1&region_id=reg_1", "Invalid request: Unrecognized fields: 'foo, region_id'")]
    [InlineData("limit=abc", "Invalid request: Expected type: 'number' for field 'limit', got: 'abc'")]
    [InlineData("limit=1.5", "Invalid request: Expected type: 'number' for field 'limit', got: '1.5'")]
    [InlineData("limit=-5", "Invalid request: Value for field 'limit' too small, expected at least: '0'")]
    [InlineData("offset=-1", "Invalid request: Value for field 'offset' too small, expected at least: '0'")]
    [InlineData("offset=x&limit=y", "Invalid request: Expected type: 'number' for field 'offset', got: 'x'; Expected type: 'number' for field 'limit', got: 'y'")]
    [InlineData("order=amount&order=id", "Invalid request: Expected type: 'string' for field 'order', got: 'amount,id'")]
    [InlineData("with_deleted=yes", "Invalid request: Expected type: 'boolean' for field 'with_deleted', got: 'yes'")]
    [InlineData("fields[a]=id", "Invalid request: Expected type: 'string' for field 'fields', got: '[object Object]'")]
    public void List_parameters_are_validated_strictly(string query, string message) =>
        AssertRejected(query, message);

    [Theory]
    [InlineData("created_at[$like]=2026", "$like", "created_at")]
    [InlineData("created_at[$ilike]=2026", "$ilike", "created_at")]
    [InlineData("updated_at[$re]=2026", "$re", "updated_at")]
    [InlineData("deleted_at[$contains]=2026", "$contains", "deleted_at")]
    [InlineData($"created_at[$gte]={T0}&created_at[$like]=x", "$like", "created_at")]
    [InlineData("$and[0][updated_at][$ilike]=x", "$ilike", "$and, 0, updated_at")]
    public void String_operators_on_a_timestamp_are_not_supported(string query, string @operator, string field) =>
        AssertRejected(query, $"Invalid request: Operator '{@operator}' is not supported for field '{field}'");

    [Theory]
    [InlineData("created_at=tomorrow", "Expected type: 'date' for field 'created_at', got: 'tomorrow'")]
    [InlineData("created_at=", "Expected type: 'date' for field 'created_at', got: ''")]
    [InlineData("created_at[$gte]=2026-13-01", "Expected type: 'date' for field 'created_at, $gte', got: '2026-13-01'")]
    [InlineData("created_at[$gte]=null", "Expected type: 'date' for field 'created_at, $gte', got: 'null'")]
    [InlineData($"created_at[]={T0},soon", "Expected type: 'date' for field 'created_at', got: 'soon'")]
    [InlineData("created_at[$gt][]=x", "Expected type: 'string' for field 'created_at, $gt', got: 'x'")]
    [InlineData($"created_at[$in]={T0}", $"Expected type: 'array' for field 'created_at, $in', got: '{T0}'")]
    [InlineData("created_at[$eq][a]=x", "Expected type: 'string, array' for field 'created_at, $eq', got: '[object Object]'")]
    [InlineData("created_at[$foo]=x", "Unrecognized fields: '$foo'")]
    [InlineData($"created_at[lte]={T0}", "Unrecognized fields: 'lte'")]
    [InlineData("id[$in][]=pay_A", "Expected type: 'string, array' for field 'id', got: '[object Object]'")]
    [InlineData("payment_session_id[0][a]=x", "Expected type: 'string, array' for field 'payment_session_id', got: '[object Object]'")]
    [InlineData("q=a&q=b", "Expected type: 'string' for field 'q', got: 'a,b'")]
    [InlineData("$and=x", "Expected type: 'array' for field '$and', got: 'x'")]
    [InlineData("$or[id]=x", "Expected type: 'array' for field '$or', got: '[object Object]'")]
    [InlineData("$or[0]=x", "Expected type: 'object' for field '$or, 0', got: 'x'")]
    [InlineData("$and[0][limit]=5", "Unrecognized fields: 'limit'")]
    [InlineData("$and[0][foo]=1&$and[0][id]=pay_A&$and[0][bar]=2", "Unrecognized fields: 'foo, bar'")]
    [InlineData("$or[0][$and][0][created_at]=x", "Expected type: 'date' for field '$or, 0, $and, 0, created_at', got: 'x'")]
    public void Filters_of_the_wrong_shape_are_rejected(string query, string issue) =>
        AssertRejected(query, "Invalid request: " + issue);

    [Fact]
    public void Filter_issues_are_reported_in_schema_order_three_at_most() =>
        AssertRejected(
            "deleted_at=w&updated_at=x&created_at=y&id[a]=z",
            "Invalid request: Expected type: 'string, array' for field 'id', got: '[object Object]'; "
            + "Expected type: 'date' for field 'created_at', got: 'y'; Expected type: 'date' for field 'updated_at', got: 'x'");

    [Fact]
    public void Shape_issues_come_before_an_unsupported_operator() =>
        AssertRejected(
            "created_at[$like]=x&updated_at=y",
            "Invalid request: Expected type: 'date' for field 'updated_at', got: 'y'");

    [Theory]
    [InlineData("order=nope", "nope")]
    [InlineData("order=-nope", "nope")]
    [InlineData("order=--id", "-id")]
    [InlineData("order=data", "data")]
    [InlineData("order=raw_amount", "raw_amount")]
    [InlineData("order=Created_at", "Created_at")]
    [InlineData("order=", "")]
    [InlineData("order=-", "")]
    public void An_order_naming_a_field_the_payment_does_not_have_is_rejected(string query, string field) =>
        AssertRejected(query, $"Order field {field} is not valid");

    [Fact]
    public void Filter_issues_come_before_an_invalid_order() =>
        AssertRejected("order=nope&created_at=x", "Invalid request: Expected type: 'date' for field 'created_at', got: 'x'");

    [Theory]
    [InlineData("order=payment_id", "Order field payment_id is not valid")]
    [InlineData("order=metadata", "Order field metadata is not valid")]
    [InlineData("payment_session_id=x", "Invalid request: Unrecognized fields: 'payment_session_id'")]
    public void Refund_reasons_have_their_own_fields(string query, string message) =>
        AssertRejected(AdminListSchemas.RefundReasons, query, message);

    [Theory]
    [InlineData("is_enabled=maybe", "Invalid request: Expected type: 'boolean' for field 'is_enabled', got: 'maybe'")]
    [InlineData("is_enabled=", "Invalid request: Expected type: 'boolean' for field 'is_enabled', got: ''")]
    [InlineData("$and[0][is_enabled]=1", "Invalid request: Expected type: 'boolean' for field '$and, 0, is_enabled', got: '1'")]
    [InlineData($"created_at[$gte]={T0}", "Invalid request: Unrecognized fields: 'created_at'")]
    [InlineData("q=system", "Invalid request: Unrecognized fields: 'q'")]
    [InlineData("order=created_at", "Order field created_at is not valid")]
    public void Payment_providers_have_their_own_fields(string query, string message) =>
        AssertRejected(AdminListSchemas.PaymentProviders, query, message);

    private static void AssertRejected(string query, string message) =>
        AssertRejected(AdminListSchemas.Payments, query, message);

    private static void AssertRejected<T>(ListSchema<T> schema, string query, string message)
    {
        var exception = Assert.Throws<MedusaException>(() => List(schema, [], query));

        Assert.Equal(MedusaErrorType.InvalidData, exception.Type);
        Assert.Equal(message, exception.Message);
    }
}
