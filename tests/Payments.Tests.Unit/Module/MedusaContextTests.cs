using System.Text.Json;
using Payments.Api.Module;

namespace Payments.Tests.Unit.Module;

/// <summary>The context Medusa's workflows hand the module: a customer's session keeps it; anything else is a guest's <c>{}</c>.</summary>
public sealed class MedusaContextTests
{
    private const string Holder = """
        {"id":"acchld_1","provider_id":"pp_system_default","external_id":"cus_1","email":"ada@example.com","data":{},"metadata":null,
         "created_at":"2026-11-24T11:24:17.238Z","updated_at":"2026-11-24T11:24:17.238Z","deleted_at":null}
        """;

    [Fact]
    public void A_customer_with_the_account_holder_medusa_chose_is_the_sessions_context()
    {
        var context = MedusaContext.SessionContextOf(Parse($$"""
            {"customer":{"id":"cus_1","email":"ada@example.com","first_name":"Ada","last_name":"Shopper","phone":null,"company_name":null,
                         "addresses":[],"metadata":{"vip":true},"account_holders":[{{Holder}}]},
             "account_holder":{{Holder}}}
            """))!;

        Assert.Equal(("cus_1", "Ada", "acchld_1", "pp_system_default"), (context.Customer.Id, context.Customer.FirstName, context.AccountHolder.Id, context.AccountHolder.ProviderId));
        Assert.Equal("acchld_1", Assert.Single(context.CustomerAccountHolders).Id);
        Assert.True(context.Customer.Metadata!.Value.GetProperty("vip").GetBoolean());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"customer":{"id":"cus_1"}}""")]
    [InlineData("""{"customer":{"email":"x"},"account_holder":{"id":"acchld_1"}}""")]
    [InlineData("""{"customer":{"id":"cus_1"},"account_holder":{"id":"acchld_1","provider_id":"p"}}""")]
    public void Without_a_customer_and_a_whole_account_holder_the_context_is_a_guests(string json) =>
        Assert.Null(MedusaContext.SessionContextOf(Parse(json)));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
