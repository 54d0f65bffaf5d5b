using Payments.Api.Fields;
using static Payments.Tests.Unit.Serialization.Samples;
using static Payments.Tests.Unit.TestData.GoldenCollection;

namespace Payments.Tests.Unit.Serialization;

/// <summary>Every row of spec §4.3: the store collection of G14 under each <c>fields</c> value.</summary>
public sealed class StoreCollectionFieldsExamplesTests
{
    private const string C = CollectionId;
    private const string S = PendingSessionJson;

    public static TheoryData<string?, string[], string> Rows => new()
    {
        { null, ["id", "currency_code", "amount", "*payment_sessions"], $$"""{"id":"{{C}}","currency_code":"usd","amount":50,"payment_sessions":[{{S}}]}""" },
        { "+payment_sessions.data", ["id", "currency_code", "amount", "*payment_sessions", "payment_sessions.data"], $$"""{"id":"{{C}}","currency_code":"usd","amount":50,"payment_sessions":[{{S}}]}""" },
        { "-amount", ["id", "currency_code", "*payment_sessions"], $$"""{"id":"{{C}}","currency_code":"usd","payment_sessions":[{{S}}]}""" },
        { "id,amount", ["id", "amount"], $$"""{"id":"{{C}}","amount":50}""" },
        { "nope_field", ["nope_field", "id"], $$"""{"id":"{{C}}"}""" },
        { "+status", ["id", "currency_code", "amount", "*payment_sessions", "status"], $$"""{"id":"{{C}}","currency_code":"usd","amount":50,"status":"not_paid","payment_sessions":[{{S}}]}""" },
        { "", ["id"], $$"""{"id":"{{C}}"}""" },
        { "amount,status", ["amount", "status", "id"], $$"""{"amount":50,"status":"not_paid","id":"{{C}}"}""" },
        { "-payment_sessions", ["id", "currency_code", "amount"], $$"""{"id":"{{C}}","currency_code":"usd","amount":50}""" },
        { "*payments", ["id", "currency_code", "amount", "*payment_sessions", "*payments"], $$"""{"id":"{{C}}","currency_code":"usd","amount":50,"payment_sessions":[{{S}}],"payments":[]}""" },
        { "+authorized_amount,+captured_amount", ["id", "currency_code", "amount", "*payment_sessions", "authorized_amount", "captured_amount"], $$"""{"id":"{{C}}","currency_code":"usd","amount":50,"authorized_amount":null,"captured_amount":null,"payment_sessions":[{{S}}]}""" },
        { "payment_sessions.id,payment_sessions.status", ["payment_sessions.id", "payment_sessions.status", "id"], $$"""{"id":"{{C}}","payment_sessions":[{"id":"{{PendingSessionId}}","status":"pending"}]}""" },
        { "+payment_sessions.payment.*", ["id", "currency_code", "amount", "*payment_sessions", "payment_sessions.payment.*"], $$"""{"id":"{{C}}","currency_code":"usd","amount":50,"payment_sessions":[{{S}}]}""" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Worked_example_resolves_to_its_field_list(string? fields, string[] expectedList, string _) =>
        Assert.Equal(expectedList, FieldSelection.Resolve(fields, FieldDefaults.StoreCollection).Fields);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Worked_example_writes_its_response_object(string? fields, string[] _, string expectedJson) =>
        Assert.Equal(expectedJson, StoreCollection(WithPendingSession(), fields));

    [Fact]
    public void Nested_payment_star_writes_the_full_payment_in_the_session_once_authorized() =>
        Assert.Equal(
            $$"""{"id":"{{C}}","currency_code":"usd","amount":50,"payment_sessions":[{{AuthorizedSessionJson.Replace(
                $$"""{"id":"{{PaymentId}}"}""", PaymentJson, StringComparison.Ordinal)}}]}""",
            StoreCollection(Completed(), "+payment_sessions.payment.*"));
}
