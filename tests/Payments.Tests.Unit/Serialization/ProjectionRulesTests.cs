using Payments.Api.Fields;
using Payments.Api.Serialization;
using static Payments.Tests.Unit.Serialization.Samples;
using static Payments.Tests.Unit.TestData.DomainRecords;
using static Payments.Tests.Unit.TestData.GoldenCollection;

namespace Payments.Tests.Unit.Serialization;

/// <summary>The rules of spec §4.2 and §4.4 beyond the worked examples.</summary>
public sealed class ProjectionRulesTests
{
    private const string C = CollectionId;

    [Fact]
    public void Sub_fields_come_in_requested_order_then_id() =>
        Assert.Equal(
            $$"""{"id":"{{C}}","payment_sessions":[{"status":"pending","amount":50,"id":"{{PendingSessionId}}"}]}""",
            StoreCollection(WithPendingSession(), "payment_sessions.status,payment_sessions.amount"));

    [Fact]
    public void Top_level_scalars_come_in_list_order_before_relations_in_first_mention_order() =>
        Assert.Equal(
            $$"""{"status":"completed","id":"{{C}}","payments":[{"amount":50,"id":"{{PaymentId}}"}],"payment_sessions":[{"status":"authorized","id":"{{AuthorizedSessionId}}"}]}""",
            StoreCollection(Completed(), "status,payments.amount,payment_sessions.status,id,payments.id"));

    [Fact]
    public void Expanded_to_one_relation_follows_its_foreign_key_after_the_requested_sub_fields() =>
        Assert.Equal(
            $$$"""{"id":"{{{C}}}","payments":[{"amount":50,"id":"{{{PaymentId}}}","payment_session_id":"{{{AuthorizedSessionId}}}","payment_session":{"status":"authorized","id":"{{{AuthorizedSessionId}}}"}}]}""",
            StoreCollection(Completed(), "payments.amount,payments.payment_session.status"));

    [Fact]
    public void Foreign_key_is_not_repeated_when_it_was_requested() =>
        Assert.Equal(
            $$$"""{"id":"{{{C}}}","payments":[{"payment_session_id":"{{{AuthorizedSessionId}}}","id":"{{{PaymentId}}}","payment_session":{"id":"{{{AuthorizedSessionId}}}"}}]}""",
            StoreCollection(Completed(), "payments.payment_session_id,payments.payment_session.id"));

    [Fact]
    public void Top_level_to_one_relation_is_preceded_by_its_foreign_key() =>
        Assert.Equal(
            $$$"""{"id":"{{{PaymentId}}}","payment_collection_id":"{{{C}}}","payment_collection":{"status":"completed","id":"{{{C}}}"}}""",
            AdminPayment(Completed(), "payment_collection.status", NoReasons));

    [Fact]
    public void Star_with_a_nested_relation_places_it_right_after_its_foreign_key() =>
        Assert.Equal(
            $$"""{"id":"{{C}}","payment_sessions":[{{PendingSessionJson.Replace(
                $$"""
                "payment_collection_id":"{{C}}",
                """,
                $$"""
                "payment_collection_id":"{{C}}","payment_collection":{"id":"{{C}}"},
                """,
                StringComparison.Ordinal)}}]}""",
            StoreCollection(WithPendingSession(), "id,*payment_sessions,payment_sessions.payment_collection.id"));

    [Fact]
    public void Star_with_a_nested_to_many_relation_appends_it_after_the_canonical_fields() =>
        Assert.Equal(
            $$"""{"id":"{{C}}","payments":[{{PaymentJson[..^1]}},"captures":[{"amount":20,"id":"capt_01M86MSM4BCAZ6V9BBZ54MRT1E"},{"amount":30,"id":"capt_01M86MSMYC9QDYPCBVH0PTDT0R"}]}]}""",
            StoreCollection(Completed(), "id,*payments,payments.captures.amount"));

    [Fact]
    public void Star_wins_over_sub_fields_of_the_same_relation() =>
        Assert.Equal(
            StoreCollection(Completed(), "id,*payments"),
            StoreCollection(Completed(), "id,payments.amount,payments.*"));

    [Theory]
    [InlineData("id,*payments")]
    [InlineData("id,payments.*")]
    public void Star_selects_the_whole_relation(string fields) =>
        Assert.Equal(
            $$"""{"id":"{{C}}","payments":[{{PaymentJson}}]}""",
            StoreCollection(Completed(), fields));

    /// <summary>As a stock Medusa 2.21.2 answers: a bare to-many relation gives no key, a bare to-one its id alone.</summary>
    [Theory]
    [InlineData("id,payments", $$"""{"id":"{{C}}"}""")]
    [InlineData("id,payment_sessions.payment", $$$"""{"id":"{{{C}}}","payment_sessions":[{"id":"{{{AuthorizedSessionId}}}","payment":{"id":"{{{PaymentId}}}"}}]}""")]
    public void A_bare_relation_name_gives_what_medusa_gives(string fields, string expected) =>
        Assert.Equal(expected, StoreCollection(Completed(), fields));

    [Fact]
    public void Deep_star_selects_a_relation_of_a_relation() =>
        Assert.Equal(
            StoreCollection(Completed(), "id,payment_sessions.payment.*"),
            StoreCollection(Completed(), "id,*payment_sessions.payment"));

    [Fact]
    public void Session_payment_with_sub_fields_is_looked_up_in_the_collection() =>
        Assert.Equal(
            $$$"""{"id":"{{{C}}}","payment_sessions":[{"id":"{{{AuthorizedSessionId}}}","payment":{"amount":50,"id":"{{{PaymentId}}}"}}]}""",
            StoreCollection(Completed(), "payment_sessions.payment.amount"));

    [Fact]
    public void Session_payment_is_null_before_authorization() =>
        Assert.Equal(
            $$"""{"id":"{{C}}","payment_sessions":[{"id":"{{PendingSessionId}}","payment":null}]}""",
            StoreCollection(WithPendingSession(), "payment_sessions.payment.amount"));

    [Theory]
    [InlineData("nope.id")]
    [InlineData("payments.nope")]
    [InlineData("amount.value")]
    [InlineData("*amount")]
    [InlineData("amount.*")]
    [InlineData("payment_sessions.*.id")]
    [InlineData("*")]
    [InlineData("payments.authorized_amount")]
    [InlineData("payments.captured_amount")]
    [InlineData("cart_id")]
    [InlineData("payment_sessions.provider_reference")]
    public void Entry_that_names_nothing_is_dropped_silently(string field) =>
        Assert.Equal($$"""{"id":"{{C}}"}""", StoreCollection(Completed(), "id," + field));

    [Fact]
    public void Payment_providers_of_a_collection_are_always_empty() =>
        Assert.Equal(
            $$"""{"id":"{{C}}","payment_providers":[]}""",
            StoreCollection(Completed(), "id,payment_providers.id"));

    [Fact]
    public void Payment_session_back_reference_is_the_session_of_the_collection() =>
        Assert.Equal(
            $$$"""{"id":"{{{PaymentId}}}","payment_session_id":"{{{AuthorizedSessionId}}}","payment_session":{"status":"authorized","id":"{{{AuthorizedSessionId}}}"}}""",
            AdminPayment(Completed(), "payment_session.status", NoReasons));

    [Fact]
    public void Payment_session_back_reference_is_null_once_the_session_was_replaced() =>
        Assert.Equal(
            $$"""{"id":"{{PaymentId}}","payment_session_id":"{{AuthorizedSessionId}}","payment_session":null}""",
            AdminPayment(Completed() with { Sessions = WithPendingSession().Sessions }, "payment_session.status", NoReasons));

    [Fact]
    public void Back_references_can_be_followed_as_deep_as_the_list_asks() =>
        Assert.Equal(
            $$$"""{"id":"{{{C}}}","payment_sessions":[{"id":"{{{AuthorizedSessionId}}}","payment_collection_id":"{{{C}}}","payment_collection":{"id":"{{{C}}}","payments":[{"id":"{{{PaymentId}}}"}]}}]}""",
            StoreCollection(Completed(), "payment_sessions.payment_collection.payments.id"));

    [Fact]
    public void Children_are_ordered_by_creation_time_then_id()
    {
        var collection = Completed();
        var payment = collection.Payments[0];
        var late = payment.Captures[1];
        var twin = late with { Id = "capt_01M86MSMYC9QDYPCBVH0PTDT0A", Amount = 1m };
        collection = collection with { Payments = [payment with { Captures = [late, twin, payment.Captures[0]] }] };

        Assert.Equal(
            """{"id":"pay_01M86MSH8B7JX0F3RY97XAH91H","captures":[{"amount":20,"id":"capt_01M86MSM4BCAZ6V9BBZ54MRT1E"},{"amount":1,"id":"capt_01M86MSMYC9QDYPCBVH0PTDT0A"},{"amount":30,"id":"capt_01M86MSMYC9QDYPCBVH0PTDT0R"}]}""",
            AdminPayment(collection, "captures.amount", NoReasons));
    }

    [Fact]
    public void Collection_metadata_is_written_as_stored() =>
        Assert.Equal(
            $$"""{"metadata":{"order":"o_1","tags":["a"]},"id":"{{C}}"}""",
            StoreCollection(Completed() with { Metadata = Json("""{"order":"o_1","tags":["a"]}""") }, "metadata"));

    [Fact]
    public void Admin_collection_defaults_are_written_in_the_order_of_section_6_9()
    {
        var created = Collection(amount: 100m, id: C);

        Assert.Equal(
            $$"""{"id":"{{C}}","currency_code":"usd","amount":100,"status":"not_paid","authorized_amount":null,"captured_amount":null,"refunded_amount":null,"payment_sessions":[],"payments":[]}""",
            Render(writer => writer.WritePaymentCollection(
                created, FieldSelection.Resolve(null, FieldDefaults.AdminCollection), NoReasons, ContextViewer.Admin)));
    }

    [Fact]
    public void Provider_list_selection_drops_what_a_provider_does_not_have() =>
        Assert.Equal(
            """{"is_enabled":false,"id":"pp_stripe_stripe"}""",
            Render(writer => writer.WritePaymentProvider(
                new PaymentProviderListing("pp_stripe_stripe", IsEnabled: false),
                FieldSelection.Resolve("is_enabled,payment_collection.id,orders.id", FieldDefaults.PaymentProviders))));

    [Fact]
    public void Same_field_list_writes_the_same_object_for_different_entities()
    {
        var fields = FieldSelection.Resolve("+status", FieldDefaults.StoreCollection);

        var pending = Render(writer => writer.WritePaymentCollection(WithPendingSession(), fields, NoReasons, ContextViewer.Admin));
        var completed = Render(writer => writer.WritePaymentCollection(Completed(), fields, NoReasons, ContextViewer.Admin));

        Assert.Contains("\"status\":\"not_paid\"", pending, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"completed\"", completed, StringComparison.Ordinal);
    }
}
