using System.Text.Json.Nodes;
using Payments.Domain.Collections;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Webhooks;

namespace Payments.Tests.Integration.Hostile;

/// <summary>
/// Signed Stripe events that are authentic but malformed: each used to answer 500, which Stripe redelivers for days.
/// They are refused with 400 and change nothing; ids that no table key can hold are still de-duplicated.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileWebhookTests(ApiFixture fixture) : IAsyncLifetime
{
    private StripeBackedApi api = null!;

    public async Task InitializeAsync() => api = await StripeBackedApi.StartAsync(fixture.TablesConnection);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Theory]
    [InlineData("evt_with/slash")]
    [InlineData("evt_with\\backslash")]
    [InlineData("evt_with#hash")]
    [InlineData("evt_with?question")]
    [InlineData("evt_with\u0001control")]
    [InlineData("evt_ünïcødé")]
    [InlineData(null)]
    public async Task An_event_id_no_table_key_can_hold_is_processed_once(string? eventId)
    {
        eventId ??= "evt_" + new string('x', 600);
        var session = await api.NewSessionAsync();
        api.Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "requires_capture");

        var first = await api.DeliverAsync(eventId, "payment_intent.amount_capturable_updated", session.PaymentIntentId);
        var again = await api.DeliverAsync(eventId, "payment_intent.amount_capturable_updated", session.PaymentIntentId);

        Assert.Equal((200, "OK"), (first.Status, first.Body));
        Assert.Equal((200, "OK"), (again.Status, again.Body));
        Assert.True(await api.WasProcessedAsync(eventId));
        Assert.Single((await api.CollectionAsync(session.CollectionId)).Payments);
    }

    [Theory]
    [InlineData("no data.object")]
    [InlineData("data.object is a string")]
    [InlineData("amount is a string")]
    [InlineData("amount is a fraction")]
    [InlineData("amount beyond a long")]
    [InlineData("negative amount")]
    public async Task A_signed_but_malformed_event_is_a_400_that_changes_nothing(string defect)
    {
        var session = await api.NewSessionAsync();
        api.Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "requires_capture");
        var eventId = "evt_malformed_" + Guid.NewGuid().ToString("N");
        var body = JsonNode.Parse(StripeWebhooks.Event(eventId, "payment_intent.amount_capturable_updated", api.Stripe.Intent(session.PaymentIntentId)))!;
        var intent = body["data"]!["object"]!;
        switch (defect)
        {
            case "no data.object":
                body["data"]!.AsObject().Remove("object");
                break;
            case "data.object is a string":
                body["data"]!["object"] = "pi_123";
                break;
            case "amount is a string":
                intent["amount_capturable"] = "5000";
                break;
            case "amount is a fraction":
                intent["amount_capturable"] = 50.5;
                break;
            case "negative amount":
                intent["amount_capturable"] = -5000;
                break;
            default:
                intent["amount_capturable"] = JsonNode.Parse("92233720368547758070");
                break;
        }

        var text = body.ToJsonString();
        var response = await api.PostWebhookAsync(StripeBackedApi.WebhookPath, text, StripeWebhooks.Signature(text, DateTimeOffset.UtcNow));

        Assert.Equal(400, response.Status);
        Assert.StartsWith("Webhook Error: Malformed event: ", response.Body, StringComparison.Ordinal);
        Assert.Equal(PaymentSessionStatus.Pending, Assert.Single((await api.CollectionAsync(session.CollectionId)).Sessions).Status);
        Assert.False(await api.WasProcessedAsync(eventId));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_json_is_a_400()
    {
        const string Text = "{\"id\":\"evt_1\",";

        var response = await api.PostWebhookAsync(StripeBackedApi.WebhookPath, Text, StripeWebhooks.Signature(Text, DateTimeOffset.UtcNow));

        Assert.Equal(400, response.Status);
        Assert.StartsWith("Webhook Error: Malformed event: ", response.Body, StringComparison.Ordinal);
    }
}
