using Payments.Api.Fields;
using Payments.Api.Requests;
using Payments.Domain.Errors;

namespace Payments.Tests.Unit.Fields;

/// <summary>The bounds on how far a <c>fields</c> path reaches: each relation once, at most four levels.</summary>
public sealed class FieldPathsTests
{
    private static readonly QuerySchema FieldsOnly = new(QueryParameter.Fields);

    [Theory]
    [InlineData("id,amount")]
    [InlineData("")]
    [InlineData("+payment_sessions.payment.*")]
    [InlineData("*payment_sessions.payment")]
    [InlineData("payment_sessions.payment_collection.payments.id")]
    [InlineData("payments.refunds.refund_reason.label")]
    [InlineData("-payments.captures.amount,+status")]
    [InlineData("payments.payment_collection.payment_sessions.payment.*")]
    [InlineData("a....b")]
    public void Paths_within_both_bounds_are_accepted(string fields) => Assert.Null(FieldPaths.FirstViolation(fields));

    [Theory]
    [InlineData("payment_collection.payments.payment_collection.payments.id", "payment_collection.payments.payment_collection", "payment_collection")]
    [InlineData("payments.payment_collection.payments.id", "payments.payment_collection.payments", "payments")]
    [InlineData("id, +payments.payments", "payments.payments", "payments")]
    [InlineData("*refunds.refunds.*", "refunds.refunds", "refunds")]
    public void A_path_that_follows_a_relation_twice_is_refused(string fields, string path, string repeated) =>
        Assert.Equal(new FieldPathViolation(path, repeated), FieldPaths.FirstViolation(fields));

    [Theory]
    [InlineData("payments.payment_collection.payment_sessions.payment.captures.id", "payments.payment_collection.payment_sessions.payment.captures")]
    [InlineData("a.b.c.d.e", "a.b.c.d.e")]
    [InlineData("*a.b.c.d.e.*", "a.b.c.d.e")]
    public void A_path_deeper_than_four_levels_is_refused(string fields, string path) =>
        Assert.Equal(new FieldPathViolation(path, RepeatedRelation: null), FieldPaths.FirstViolation(fields));

    [Fact]
    public void The_attack_of_thirteen_round_trips_is_refused_at_the_first_one()
    {
        var fields = string.Concat(Enumerable.Repeat("payment_collection.payments.", 13)) + "id";

        Assert.Equal(new FieldPathViolation("payment_collection.payments.payment_collection", "payment_collection"), FieldPaths.FirstViolation(fields));
    }

    [Fact]
    public void The_query_schema_refuses_a_violation_before_any_route_runs()
    {
        var repeated = Assert.Throws<MedusaException>(() => FieldsOnly.Validate(QueryParameters.Parse("?fields=payments.payment_collection.payments.id")));
        var deep = Assert.Throws<MedusaException>(() => FieldsOnly.Validate(QueryParameters.Parse("?fields=%2Ba.b.c.d.e")));

        Assert.Equal(
            "Invalid request: Value for field 'fields' follows 'payments' twice in 'payments.payment_collection.payments': a path may follow each relation once",
            repeated.Message);
        Assert.Equal("Invalid request: Value for field 'fields' has the path 'a.b.c.d.e' deeper than 4 levels", deep.Message);
    }

    [Fact]
    public void Accepted_fields_read_back_as_a_string() =>
        Assert.Equal("+status", FieldsOnly.Validate(QueryParameters.Parse("?fields=%2Bstatus")).GetString("fields"));
}
