using Payments.Api.Fields;

namespace Payments.Tests.Unit.Fields;

/// <summary>Spec §4.1: from the <c>fields</c> parameter to the field list.</summary>
public sealed class FieldSelectionTests
{
    private static readonly string[] Defaults = ["id", "currency_code", "amount", "*payment_sessions"];

    [Fact]
    public void Absent_parameter_gives_the_defaults_unchanged_without_an_extra_id() =>
        Assert.Equal(["label", "code"], Resolve(null, ["label", "code"]));

    [Fact]
    public void Replace_mode_when_a_piece_has_no_prefix() =>
        Assert.Equal(["id", "amount"], Resolve("id,amount"));

    [Fact]
    public void Replace_mode_when_the_parameter_is_empty() =>
        Assert.Equal(["id"], Resolve(""));

    [Fact]
    public void Empty_pieces_are_dropped() =>
        Assert.Equal(["amount", "status", "id"], Resolve(",amount,,status,"));

    [Fact]
    public void Only_empty_pieces_mean_replace_mode() =>
        Assert.Equal(["id"], Resolve(",,"));

    [Fact]
    public void Replace_mode_removes_one_leading_plus_space_or_minus_from_each_piece() =>
        Assert.Equal(["status", "amount", "currency_code", "data", "+x", "id"], Resolve("status,+amount,-currency_code, data,++x"));

    [Fact]
    public void Replace_mode_keeps_star_pieces_as_written() =>
        Assert.Equal(["*payments", "amount", "payment_sessions.*", "id"], Resolve("*payments,amount,payment_sessions.*"));

    [Fact]
    public void Replace_mode_keeps_each_field_once() =>
        Assert.Equal(["amount", "id"], Resolve("amount,+amount,amount"));

    [Fact]
    public void Replace_mode_keeps_unknown_fields_for_the_writer_to_drop() =>
        Assert.Equal(["nope_field", "id"], Resolve("nope_field"));

    [Fact]
    public void Plus_appends_to_the_defaults() =>
        Assert.Equal([.. Defaults, "status"], Resolve("+status"));

    [Fact]
    public void Space_is_a_plus_that_arrived_unencoded_in_the_url() =>
        Assert.Equal(Resolve("+status"), Resolve(" status"));

    [Fact]
    public void Appended_field_is_trimmed_and_loses_its_plus() =>
        Assert.Equal([.. Defaults, "status", "metadata"], Resolve("+status , +metadata"));

    [Fact]
    public void Appended_field_already_present_is_not_repeated() =>
        Assert.Equal(Defaults, Resolve("+amount,+id"));

    [Fact]
    public void Minus_removes_the_field() =>
        Assert.Equal(["id", "currency_code", "*payment_sessions"], Resolve("-amount"));

    [Fact]
    public void Minus_removes_a_star_relation() =>
        Assert.Equal(["id", "currency_code", "amount"], Resolve("-payment_sessions"));

    [Fact]
    public void Minus_removes_everything_below_the_relation_but_not_lookalike_names() =>
        Assert.Equal(
            ["id", "payments_total"],
            Resolve("-payments", ["id", "payments.captures.id", "payments.*", "*payments", "payments", "payments_total"]));

    [Fact]
    public void Minus_of_a_sub_field_leaves_the_rest_of_the_relation() =>
        Assert.Equal(
            ["id", "captures.amount"],
            Resolve("-captures.id", ["id", "captures.id", "captures.amount"]));

    [Fact]
    public void Star_prefixed_relation_is_appended_as_written() =>
        Assert.Equal([.. Defaults, "*payments"], Resolve("*payments"));

    [Fact]
    public void Star_suffixed_relation_is_appended_as_written() =>
        Assert.Equal([.. Defaults, "payments.*"], Resolve("payments.*"));

    [Fact]
    public void Pieces_apply_in_order() =>
        Assert.Equal(["id", "currency_code", "*payment_sessions", "amount"], Resolve("-amount,+amount"));

    [Fact]
    public void Piece_removed_after_being_added_is_gone() =>
        Assert.Equal(Defaults, Resolve("+status,-status"));

    [Fact]
    public void Id_is_appended_when_fields_removed_it() =>
        Assert.Equal(["currency_code", "amount", "*payment_sessions", "id"], Resolve("-id"));

    [Fact]
    public void Id_is_appended_in_replace_mode_after_the_pieces() =>
        Assert.Equal(["amount", "status", "id"], Resolve("amount,status"));

    [Fact]
    public void Id_is_not_repeated_when_requested() =>
        Assert.Equal(["amount", "id", "status"], Resolve("amount,id,status"));

    [Fact]
    public void One_plain_piece_among_modifiers_switches_to_replace_mode() =>
        Assert.Equal(["status", "amount", "*payments", "id"], Resolve("+status,amount,*payments"));

    [Fact]
    public void Defaults_are_not_changed_by_resolving()
    {
        string[] defaults = ["id", "amount"];

        FieldSelection.Resolve("-amount", defaults);

        Assert.Equal(["id", "amount"], defaults);
    }

    [Fact]
    public void Route_defaults_carry_their_id_first()
    {
        IReadOnlyList<string>[] routeDefaults =
        [
            FieldDefaults.StoreCollection, FieldDefaults.PaymentProviders, FieldDefaults.AdminPayment,
            FieldDefaults.AdminCollection, FieldDefaults.RefundReason,
        ];

        Assert.All(routeDefaults, defaults => Assert.Equal("id", defaults[0]));
    }

    /// <summary>
    /// Medusa's store allow-list compares a relation selected whole by its name, however it is starred; anything else
    /// must be listed as written (issue 16: <c>payment_sessions.*</c> was dropped, <c>*payments</c> must be).
    /// </summary>
    [Theory]
    [InlineData("payment_sessions.*", "id,currency_code,amount,*payment_sessions,payment_sessions.*")]
    [InlineData("*payment_providers,payment_providers.*", "id,currency_code,amount,*payment_sessions,*payment_providers,payment_providers.*")]
    [InlineData("+payment_sessions", "id,currency_code,amount,*payment_sessions,payment_sessions")]
    [InlineData("*payments,payments.*,payments.refunds.note,payment_sessions.context", "id")]
    [InlineData("*payment_sessions.*", "id,currency_code,amount,*payment_sessions")]
    public void The_store_allow_list_matches_starred_relations_by_name(string fields, string expected) =>
        Assert.Equal(expected.Split(','), FieldSelection.Resolve(fields, FieldDefaults.StoreCollection, FieldDefaults.StoreCollectionAllowed).Fields);

    private static IReadOnlyList<string> Resolve(string? fields, IReadOnlyList<string>? defaults = null) =>
        FieldSelection.Resolve(fields, defaults ?? Defaults).Fields;
}
