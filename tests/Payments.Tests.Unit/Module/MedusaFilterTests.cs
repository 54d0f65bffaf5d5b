using System.Text.Json;
using Payments.Api.Module;
using Payments.Domain.Errors;

namespace Payments.Tests.Unit.Module;

/// <summary>Medusa's filters as its module reads them (docs/module-api.md §4.1), on an entity's scalar fields.</summary>
public sealed class MedusaFilterTests
{
    private static readonly IReadOnlySet<string> Fields = new HashSet<string> { "id", "status", "amount", "raw_amount", "created_at", "label", "deleted_at" };

    private static readonly JsonElement Entity = Parse("""
        {"id":"payses_1","status":"pending","amount":25.5,"raw_amount":{"value":"25.5","precision":20},
         "created_at":"2026-11-24T11:24:17.238Z","label":"Shipping Issue","deleted_at":null}
        """);

    [Theory]
    [InlineData("""{}""", true)]
    [InlineData("""{"id":"payses_1"}""", true)]
    [InlineData("""{"id":"payses_2"}""", false)]
    [InlineData("""{"id":["payses_2","payses_1"]}""", true)]
    [InlineData("""{"id":{"$in":["payses_2"]}}""", false)]
    [InlineData("""{"id":{"$nin":["payses_2"]},"status":{"$ne":"authorized"}}""", true)]
    [InlineData("""{"amount":{"$gte":25.5,"$lt":26}}""", true)]
    [InlineData("""{"raw_amount":{"$gt":25}}""", true)]
    [InlineData("""{"created_at":{"$gte":"2026-11-24T11:24:17.238Z","$lt":"2026-11-25T00:00:00Z"}}""", true)]
    [InlineData("""{"created_at":{"$lt":"2026-11-24T11:24:17Z"}}""", false)]
    [InlineData("""{"deleted_at":null}""", true)]
    [InlineData("""{"deleted_at":{"$ne":null}}""", false)]
    [InlineData("""{"label":{"$ilike":"shipping%"}}""", true)]
    [InlineData("""{"label":{"$like":"shipping%"}}""", false)]
    [InlineData("""{"$or":[{"status":"authorized"},{"amount":25.5}]}""", true)]
    [InlineData("""{"$and":[{"status":"pending"},{"amount":{"$gt":30}}]}""", false)]
    [InlineData("""{"q":"ISSUE"}""", true)]
    [InlineData("""{"q":"refund"}""", false)]
    public void A_filter_holds_as_medusas_module_would_read_it(string filters, bool matches) =>
        Assert.Equal(matches, MedusaFilter.Of(Parse(filters), "payment_session", Fields).Matches(Entity));

    [Fact]
    public void A_filter_on_a_field_the_entity_lacks_is_refused_even_inside_and()
    {
        var failure = Assert.Throws<MedusaException>(() => MedusaFilter.Of(Parse("""{"$and":[{"cart_id":"cart_1"}]}"""), "payment_session", Fields));

        Assert.Equal((MedusaErrorType.InvalidData, "A payment_session has no field cart_id to filter on."), (failure.Type, failure.Message));
    }

    [Theory]
    [InlineData("""{"id":"a"}""", new[] { "a" })]
    [InlineData("""{"id":["a","b"]}""", new[] { "a", "b" })]
    [InlineData("""{"id":{"$in":["a"]},"status":"x"}""", new[] { "a" })]
    [InlineData("""{"$and":[{"status":"x"},{"id":{"$eq":"a"}}]}""", new[] { "a" })]
    public void The_ids_a_filter_names_are_what_is_read(string filters, string[] ids) =>
        Assert.Equal(ids, MedusaFilter.Of(Parse(filters), "payment_session", Fields).ValuesOf("id"));

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"id":{"$ne":"a"}}""")]
    [InlineData("""{"$or":[{"id":"a"},{"id":"b"}]}""")]
    public void A_filter_that_does_not_narrow_the_ids_names_none(string filters) =>
        Assert.Null(MedusaFilter.Of(Parse(filters), "payment_session", Fields).ValuesOf("id"));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
