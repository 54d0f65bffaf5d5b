using System.Text.Json;

namespace Payments.Tests.Integration.Http;

/// <summary>A checkout driven through the HTTP routes: a cart's collection, its session, its authorization.</summary>
public sealed record PaymentLifecycle(ApiHost Api, string CartId, string CollectionId, string SessionId, string PaymentId)
{
    public static async Task<PaymentLifecycle> AuthorizedAsync(ApiHost api, decimal total = 50m, string currency = "usd")
    {
        var cart = await api.NewCartAsync(total, currency);
        var collectionId = (await api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""")).Json
            .GetProperty("payment_collection").GetProperty("id").GetString()!;
        var sessionId = PaymentSessionTests.SessionOf(await api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), """{"provider_id":"pp_system_default"}"""))
            .GetProperty("id").GetString()!;
        var authorized = await api.AdminAsync(HttpMethod.Post, AuthorizePath(collectionId, sessionId), "{}");
        Assert.Equal(200, authorized.Status);
        var paymentId = authorized.Json.GetProperty("payment_collection").GetProperty("payments")[0].GetProperty("id").GetString()!;
        return new PaymentLifecycle(api, cart, collectionId, sessionId, paymentId);
    }

    public static string AuthorizePath(string collectionId, string sessionId) =>
        $"/admin/payment-collections/{collectionId}/payment-sessions/{sessionId}/authorize";

    /// <param name="idempotencyKey">
    /// Sent as <c>Idempotency-Key</c>: a capture or refund with a key of its own is a move of its own, while one without
    /// a key that asks for the amount of a move still pending is taken for that move's retry.
    /// </param>
    public Task<ApiResponse> CaptureAsync(string body, string? idempotencyKey = null) =>
        Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{PaymentId}/capture", body, idempotencyKey: idempotencyKey);

    /// <param name="idempotencyKey">As for <see cref="CaptureAsync"/>.</param>
    public Task<ApiResponse> RefundAsync(string body, string? idempotencyKey = null) =>
        Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{PaymentId}/refund", body, idempotencyKey: idempotencyKey);

    /// <summary>A fresh <c>Idempotency-Key</c>: the request is an intent of its own.</summary>
    public static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    /// <summary>The collection's status and summary, read through the payment on an admin route (the store routes do not serve them).</summary>
    public async Task<JsonElement> CollectionSummaryAsync()
    {
        var response = await Api.AdminAsync(
            HttpMethod.Get,
            $"/admin/payments/{PaymentId}?fields=payment_collection.status,payment_collection.authorized_amount,payment_collection.captured_amount,payment_collection.refunded_amount,payment_collection.completed_at");
        return response.Json.GetProperty("payment").GetProperty("payment_collection");
    }
}
