using System.Text.Json;
using Payments.Api.Requests;
using Payments.Domain.Errors;

namespace Payments.Tests.Unit.Requests;

/// <summary>
/// The fields of the module routes (docs/module-api.md §2): Medusa's three amount forms read exactly, counts, arrays of
/// identifiers, and arrays of objects each as strict as a body, their issues named by path.
/// </summary>
public sealed class ModuleBodyFieldTests
{
    private static readonly BodySchema Collections = new(BodyField.Objects(
        "payment_collections",
        new BodySchema(BodyField.Identifier("currency_code"), BodyField.ExactAmount("amount")),
        maxItems: 2));

    [Theory]
    [InlineData("25", "25")]
    [InlineData("\"25.5\"", "25.5")]
    [InlineData("""{"value":"33.333333333333333333","precision":20}""", "33.333333333333333333")]
    [InlineData("""{"value":25,"precision":20}""", "25")]
    [InlineData("\"1.0000000000000000000e-7\"", "0.0000001")]
    [InlineData("\"-12.50\"", "-12.5")]
    public void Each_of_medusas_amount_forms_is_read_exactly(string amount, string expected)
    {
        var body = new BodySchema(BodyField.ExactAmount("amount")).Validate(Parse($$"""{"amount":{{amount}}}"""));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), body.GetExactAmount("amount"));
    }

    [Theory]
    [InlineData("\"25,5\"")]
    [InlineData("\"0x19\"")]
    [InlineData("\"\"")]
    [InlineData("\"1.\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("""{"value":"25"}""")]
    [InlineData("""{"value":"25","precision":20,"x":1}""")]
    [InlineData("true")]
    public void Anything_else_is_not_an_amount(string amount) =>
        Assert.StartsWith(
            "Invalid request: Expected type: 'number' for field 'amount'",
            Assert.Throws<MedusaException>(() => new BodySchema(BodyField.ExactAmount("amount")).Validate(Parse($$"""{"amount":{{amount}}}"""))).Message);

    [Fact]
    public void An_amount_finer_than_twenty_decimal_places_is_refused_naming_the_bound() =>
        Assert.Equal(
            "Invalid request: Value for field 'amount' has too many decimal places, expected at most: '20'",
            Assert.Throws<MedusaException>(() => new BodySchema(BodyField.ExactAmount("amount")).Validate(Parse("""{"amount":"0.000000000000000000001"}"""))).Message);

    [Fact]
    public void Objects_are_validated_strictly_with_their_path_in_each_issue()
    {
        var failure = Assert.Throws<MedusaException>(() => Collections.Validate(Parse(
            """{"payment_collections":[{"currency_code":"usd","amount":25},{"amount":"x","region_id":"reg_1"}]}""")));

        Assert.Equal(
            "Invalid request: Field 'payment_collections.1.currency_code' is required; Expected type: 'number' for field 'payment_collections.1.amount', got: 'x'; Unrecognized fields: 'payment_collections.1.region_id'",
            failure.Message);
    }

    [Fact]
    public void Valid_objects_are_read_in_order_and_too_many_are_refused()
    {
        var items = Collections.Validate(Parse("""{"payment_collections":[{"currency_code":"usd","amount":{"value":"50","precision":20}},{"currency_code":"eur","amount":1}]}"""))
            .GetObjects("payment_collections")!;

        Assert.Equal([("usd", 50m), ("eur", 1m)], items.Select(item => (item.GetString("currency_code")!, item.GetExactAmount("amount")!.Value)));
        Assert.Equal(
            "Invalid request: Value for field 'payment_collections' too big, expected at most: '2'",
            Assert.Throws<MedusaException>(() => Collections.Validate(Parse("""{"payment_collections":[{"currency_code":"usd","amount":1},{"currency_code":"usd","amount":1},{"currency_code":"usd","amount":1}]}"""))).Message);
    }

    [Fact]
    public void Counts_are_non_negative_whole_numbers_and_identifiers_arrays_of_strings()
    {
        var schema = new BodySchema(BodyField.Count("take").Nullable(), BodyField.Strings("relations", 3));

        var valid = schema.Validate(Parse("""{"take":20,"relations":["payment_sessions","payments.captures"]}"""));

        Assert.Equal(20, valid.GetCount("take"));
        Assert.Equal(["payment_sessions", "payments.captures"], valid.GetStrings("relations")!);
        Assert.Null(schema.Validate(Parse("""{"take":null,"relations":[]}""")).GetCount("take"));
        Assert.Equal(
            "Invalid request: Expected type: 'number' for field 'take', got: '-1'; Expected type: 'array' for field 'relations', got: 'a,1'",
            Assert.Throws<MedusaException>(() => schema.Validate(Parse("""{"take":-1,"relations":["a",1]}"""))).Message);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
