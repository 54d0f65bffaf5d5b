using Payments.Tests.Integration.Http;

namespace Payments.Tests.Integration.Hostile;

/// <summary>
/// Real entities the hostile requests aim at, so that an attack reaches past "not found" into validation and the
/// route's own checks: a collection with a pending session, an authorized and partly captured payment (with its
/// collection and session), an order collection, a refund reason and a cart.
/// </summary>
internal sealed record HostileTargets(
    string CartId,
    string CollectionId,
    string SessionId,
    string PaymentId,
    string PaymentCollectionId,
    string PaymentSessionId,
    string OrderCollectionId,
    string RefundReasonId)
{
    public const string OrderId = "order_01M86MSZ3Q5W6N8P9R2T4V6X8Y";

    public static async Task<HostileTargets> CreateAsync(ApiHost api)
    {
        var collectionId = await api.NewCollectionAsync();
        var session = PaymentSessionTests.SessionOf(await api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), """{"provider_id":"pp_system_default"}"""));
        var payment = await PaymentLifecycle.AuthorizedAsync(api);
        Assert.Equal(200, (await payment.CaptureAsync("""{"amount":10}""")).Status);
        var order = await api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{OrderId}}","amount":100}""");
        var reason = await api.AdminAsync(HttpMethod.Post, "/admin/refund-reasons", """{"label":"Damaged","code":"damaged"}""");
        return new HostileTargets(
            await api.NewCartAsync(),
            collectionId,
            session.GetProperty("id").GetString()!,
            payment.PaymentId,
            payment.CollectionId,
            payment.SessionId,
            order.Json.GetProperty("payment_collection").GetProperty("id").GetString()!,
            reason.Json.GetProperty("refund_reason").GetProperty("id").GetString()!);
    }

    /// <summary>Every id a body or a path may name, for attacks that need a real one.</summary>
    public IReadOnlyList<string> Ids =>
        [CartId, CollectionId, SessionId, PaymentId, PaymentCollectionId, PaymentSessionId, OrderCollectionId, RefundReasonId, OrderId, "pp_system_default", "pp_stripe_stripe"];
}
