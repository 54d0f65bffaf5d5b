using System.Text.Json.Nodes;
using Payments.Domain.Collections;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;

namespace Payments.Tests.Integration.Webhooks;

/// <summary>
/// Every provider of Medusa's Stripe family over real HTTP, against the fake Stripe the app reaches through
/// <c>Stripe:ApiBase</c>: initiate, authorize, capture, refund, release, and the webhooks at each provider's path.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StripeVariantTests(ApiFixture fixture) : IAsyncLifetime
{
    private StripeBackedApi api = null!;

    private FakeStripeApi Stripe => api.Stripe;

    public static TheoryData<string> ProviderIds => StripeVariantCase.ProviderIds;

    public static TheoryData<string> PaymentMethodProviderIds =>
        [.. StripeVariantCase.All.Where(variant => variant.CapturesAutomatically).Select(variant => variant.ProviderId)];

    public static TheoryData<string, string, PaymentSessionStatus> EndingEvents
    {
        get
        {
            var events = new TheoryData<string, string, PaymentSessionStatus>();
            foreach (var variant in StripeVariantCase.All)
            {
                events.Add(variant.ProviderId, "payment_intent.payment_failed", PaymentSessionStatus.Error);
                events.Add(variant.ProviderId, "payment_intent.canceled", PaymentSessionStatus.Canceled);
            }

            return events;
        }
    }

    public async Task InitializeAsync() => api = await StripeBackedApi.StartAsync(fixture.TablesConnection);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Theory]
    [MemberData(nameof(ProviderIds))]
    public async Task A_session_creates_its_payment_intent_with_the_providers_methods_capture_and_keys(string providerId)
    {
        var variant = StripeVariantCase.Of(providerId);
        var collectionId = await api.Api.NewCollectionAsync(12.34m, variant.Currency, variant.Region);

        var response = await api.Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), variant.SessionBody);

        Assert.Equal(200, response.Status);
        var session = PaymentSessionTests.SessionOf(response);
        var create = Assert.Single(Stripe.Creations);
        Assert.Equal(session.GetProperty("id").GetString(), create.IdempotencyKey);
        Assert.Equal(("1234", variant.Currency), (create.Parameters["amount"], create.Parameters["currency"]));
        Assert.Equal(variant.CapturesAutomatically ? "automatic" : "manual", create.Parameters["capture_method"]);
        Assert.Equal(variant.PaymentMethodType, create.Parameters.GetValueOrDefault("allowed_payment_method_types[0]"));
        Assert.Equal(variant.PaymentMethodType == "oxxo" ? "3" : null, create.Parameters.GetValueOrDefault("payment_method_options[oxxo][expires_after_days]"));
        Assert.Equal((session.GetProperty("id").GetString(), collectionId), (create.Parameters["metadata[session_id]"], create.Parameters["metadata[payment_collection_id]"]));
        Assert.Equal((providerId, "pending"), (session.GetProperty("provider_id").GetString(), session.GetProperty("status").GetString()));
        var intentId = session.GetProperty("data").GetProperty("id").GetString()!;
        Assert.Equal(Stripe.Intent(intentId).ToJsonString(), session.GetProperty("data").GetRawText());
        Assert.Equal($"{intentId}_secret_test", session.GetProperty("data").GetProperty("client_secret").GetString());
    }

    [Fact]
    public async Task The_region_that_enables_a_provider_lists_it()
    {
        foreach (var variant in StripeVariantCase.All)
        {
            var response = await api.Api.GetAsync($"/store/payment-providers?region_id={variant.Region}&fields=id");

            var listed = response.Json.GetProperty("payment_providers").EnumerateArray().Select(provider => provider.GetProperty("id").GetString());
            Assert.Equal(new[] { variant.ProviderId, "pp_stripe_stripe" }.Distinct(), listed);
        }
    }

    [Theory]
    [MemberData(nameof(PaymentMethodProviderIds))]
    public async Task A_payment_method_that_succeeded_authorizes_and_records_its_capture_in_one_step_and_is_never_captured_again(string providerId)
    {
        var session = await api.NewSessionAsync(StripeVariantCase.Of(providerId));
        Stripe.SucceedAtBank(session.PaymentIntentId);

        var authorized = await api.Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(session.CollectionId, session.SessionId), "{}");
        var paymentId = authorized.Json.GetProperty("payment_collection").GetProperty("payments")[0].GetProperty("id").GetString();
        var captureAgain = await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", "{}");

        Assert.Equal(200, authorized.Status);
        var collection = await api.CollectionAsync(session.CollectionId);
        Assert.Equal(PaymentSessionStatus.Authorized, Assert.Single(collection.Sessions).Status);
        var capture = Assert.Single(Assert.Single(collection.Payments).Captures);
        Assert.Equal((50m, (string?)null), (capture.Amount, capture.CreatedBy));
        Assert.Equal(PaymentCollectionStatus.Completed, collection.Status);
        Assert.Equal(200, captureAgain.Status);
        Assert.DoesNotContain(Stripe.Calls, call => call.Path.EndsWith("/capture", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ProviderIds))]
    public async Task A_captured_payment_is_refunded_in_the_intents_currency_keyed_by_the_refunds_own_id(string providerId)
    {
        var (collectionId, paymentId) = await CapturedPaymentAsync(StripeVariantCase.Of(providerId));

        var refunded = await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/refund", """{"amount":10.5}""");

        Assert.Equal(200, refunded.Status);
        var refund = Assert.Single(Stripe.Calls, call => call is { Method: "POST", Path: "/v1/refunds" });
        var stored = Assert.Single(Assert.Single((await api.CollectionAsync(collectionId)).Payments).Refunds);
        Assert.Equal(("1050", stored.Id, stored.Id), (refund.Parameters["amount"], refund.IdempotencyKey, refund.Parameters["metadata[move_id]"]));
        Assert.Equal(10.5m, stored.Amount);
    }

    [Theory]
    [MemberData(nameof(ProviderIds))]
    public async Task A_superseded_session_is_released_with_a_cancel_keyed_by_its_session_id(string providerId)
    {
        var variant = StripeVariantCase.Of(providerId);
        var first = await api.NewSessionAsync(variant);

        var replaced = await api.Api.PostAsync(PaymentSessionTests.SessionsOf(first.CollectionId), $$$"""{"provider_id":"{{{providerId}}}","data":{"note":"new"}}""");

        Assert.Equal(200, replaced.Status);
        var cancel = Assert.Single(Stripe.Calls, call => call.Path.EndsWith("/cancel", StringComparison.Ordinal));
        Assert.Equal(($"/v1/payment_intents/{first.PaymentIntentId}/cancel", $"{first.SessionId}-cancel"), (cancel.Path, cancel.IdempotencyKey));
        Assert.Equal("canceled", (string?)Stripe.Intent(first.PaymentIntentId)["status"]);
    }

    [Theory]
    [MemberData(nameof(ProviderIds))]
    public async Task Eight_concurrent_initialisations_leave_one_session_and_cancel_every_other_intent(string providerId)
    {
        var variant = StripeVariantCase.Of(providerId);
        var collectionId = await api.Api.NewCollectionAsync(50m, variant.Currency, variant.Region);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(attempt =>
            api.Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), $$$"""{"provider_id":"{{{providerId}}}","data":{"attempt":{{{attempt}}}}}""")));

        Assert.All(responses, response => Assert.Equal(200, response.Status));
        var listed = Assert.Single((await api.CollectionAsync(collectionId)).Sessions);
        var listedIntent = listed.Data.GetProperty("id").GetString()!;
        var intents = Stripe.Creations.Select(call => call.IdempotencyKey).ToList();
        Assert.Equal(intents.Count, intents.Distinct().Count());
        var others = Stripe.Calls.Where(call => call.Path.EndsWith("/cancel", StringComparison.Ordinal)).Select(call => call.Path.Split('/')[3]).ToHashSet();
        Assert.DoesNotContain(listedIntent, others);
        Assert.Equal("requires_payment_method", (string?)Stripe.Intent(listedIntent)["status"]);
        Assert.Equal(Stripe.Creations.Count - 1, others.Count);
        Assert.All(others, intent => Assert.Equal("canceled", (string?)Stripe.Intent(intent)["status"]));
    }

    [Theory]
    [MemberData(nameof(ProviderIds))]
    public async Task A_succeeded_webhook_at_the_providers_path_authorizes_and_captures_once_however_often_delivered(string providerId)
    {
        var variant = StripeVariantCase.Of(providerId);
        var session = await api.NewSessionAsync(variant);
        Stripe.SucceedAtBank(session.PaymentIntentId);
        var eventId = NewEventId();

        var first = await api.DeliverAsync(eventId, "payment_intent.succeeded", session.PaymentIntentId, variant.WebhookPath);
        var redelivered = await api.DeliverAsync(eventId, "payment_intent.succeeded", session.PaymentIntentId, variant.WebhookPath);
        var resent = await api.DeliverAsync(NewEventId(), "payment_intent.succeeded", session.PaymentIntentId, variant.WebhookPath);

        Assert.Equal((200, "OK", 200, 200), (first.Status, first.Body, redelivered.Status, resent.Status));
        var collection = await api.CollectionAsync(session.CollectionId);
        Assert.Equal(PaymentSessionStatus.Authorized, Assert.Single(collection.Sessions).Status);
        Assert.Equal(50m, Assert.Single(Assert.Single(collection.Payments).Captures).Amount);
        Assert.Equal(PaymentCollectionStatus.Completed, collection.Status);
        Assert.True(await api.WasProcessedAsync(eventId, providerId));
    }

    [Theory]
    [MemberData(nameof(EndingEvents))]
    public async Task A_failed_or_canceled_webhook_at_the_providers_path_ends_the_session(string providerId, string type, PaymentSessionStatus expected)
    {
        var variant = StripeVariantCase.Of(providerId);
        var session = await api.NewSessionAsync(variant);
        Stripe.Change(session.PaymentIntentId, intent => intent["status"] = type == "payment_intent.canceled" ? "canceled" : "requires_payment_method");

        var response = await api.DeliverAsync(NewEventId(), type, session.PaymentIntentId, variant.WebhookPath);

        Assert.Equal((200, "OK"), (response.Status, response.Body));
        Assert.Equal(expected, Assert.Single((await api.CollectionAsync(session.CollectionId)).Sessions).Status);
    }

    [Fact]
    public async Task One_stripe_endpoint_serves_the_family_and_a_second_endpoint_cannot_capture_twice()
    {
        var ideal = StripeVariantCase.Of("pp_stripe-ideal_stripe");
        var session = await api.NewSessionAsync(ideal);
        Stripe.SucceedAtBank(session.PaymentIntentId);
        var eventId = NewEventId();

        // Stripe sends every event of the account to every endpoint: the card provider's path receives iDEAL's too.
        var atCardPath = await api.DeliverAsync(eventId, "payment_intent.succeeded", session.PaymentIntentId, StripeBackedApi.WebhookPath);
        var atIdealPath = await api.DeliverAsync(eventId, "payment_intent.succeeded", session.PaymentIntentId, ideal.WebhookPath);

        Assert.Equal((200, 200), (atCardPath.Status, atIdealPath.Status));
        var payment = Assert.Single((await api.CollectionAsync(session.CollectionId)).Payments);
        Assert.Equal((ideal.ProviderId, 50m), (payment.ProviderId, Assert.Single(payment.Captures).Amount));
    }

    [Fact]
    public async Task An_oxxo_voucher_is_pending_authorization_until_stripe_reports_it_paid()
    {
        var oxxo = StripeVariantCase.Of("pp_stripe-oxxo_stripe");
        var session = await api.NewSessionAsync(oxxo, total: 500m);
        ShowVoucher(session);

        var placed = await api.Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(session.CollectionId, session.SessionId), "{}");
        var waiting = await api.CollectionAsync(session.CollectionId);
        var voucherShown = await api.DeliverAsync(NewEventId(), "payment_intent.requires_action", session.PaymentIntentId, oxxo.WebhookPath);
        Stripe.SucceedAtBank(session.PaymentIntentId);
        var paid = await api.DeliverAsync(NewEventId(), "payment_intent.succeeded", session.PaymentIntentId, oxxo.WebhookPath);

        Assert.Equal((200, 200, 200), (placed.Status, voucherShown.Status, paid.Status));
        Assert.Equal(PaymentSessionStatus.PendingAuthorization, Assert.Single(waiting.Sessions).Status);
        Assert.Empty(waiting.Payments);
        var collection = await api.CollectionAsync(session.CollectionId);
        Assert.Equal(PaymentSessionStatus.Authorized, Assert.Single(collection.Sessions).Status);
        Assert.Equal(500m, Assert.Single(Assert.Single(collection.Payments).Captures).Amount);
    }

    [Fact]
    public async Task An_expired_oxxo_voucher_ends_the_pending_session_in_error()
    {
        var oxxo = StripeVariantCase.Of("pp_stripe-oxxo_stripe");
        var session = await api.NewSessionAsync(oxxo, total: 500m);
        ShowVoucher(session);
        await api.Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(session.CollectionId, session.SessionId), "{}");
        Stripe.Change(session.PaymentIntentId, intent =>
        {
            intent["status"] = "requires_payment_method";
            intent["next_action"] = null;
            intent["last_payment_error"] = new JsonObject { ["code"] = "payment_intent_payment_attempt_expired" };
        });

        var expired = await api.DeliverAsync(NewEventId(), "payment_intent.payment_failed", session.PaymentIntentId, oxxo.WebhookPath);

        Assert.Equal(200, expired.Status);
        var stored = Assert.Single((await api.CollectionAsync(session.CollectionId)).Sessions);
        Assert.Equal(PaymentSessionStatus.Error, stored.Status);
        Assert.Equal("payment_intent_payment_attempt_expired", stored.Data.GetProperty("last_payment_error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_variant_in_a_currency_its_method_does_not_take_is_stripes_400_and_writes_nothing()
    {
        const string region = "reg_test_oxxo_in_dollars";
        await api.Api.SeedAsync(new { regions = new[] { new { id = region, name = "Misconfigured", currency_code = "usd", payment_providers = new[] { "pp_stripe-oxxo_stripe" } } } });
        var collectionId = await api.Api.NewCollectionAsync(50m, "usd", region);

        var response = await api.Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), """{"provider_id":"pp_stripe-oxxo_stripe"}""");

        // Stripe's refusal, with its code and message (issue 14): a 4xx, never a 500.
        Assert.Equal(
            (400, """{"code":"payment_intent_invalid_currency","type":"invalid_data","message":"The currency provided (usd) is invalid for oxxo."}"""),
            (response.Status, response.Body));
        Assert.Empty((await api.CollectionAsync(collectionId)).Sessions);
    }

    /// <summary>
    /// Once its body is read a request no longer depends on the client: the PaymentIntent created for a shopper who hung
    /// up is kept as the collection's session, and the retry reuses it rather than creating a second one.
    /// </summary>
    [Fact]
    public async Task A_shopper_who_hangs_up_while_stripe_is_slow_gets_the_one_session_on_retry()
    {
        var blik = StripeVariantCase.Of("pp_stripe-blik_stripe");
        var collectionId = await api.Api.NewCollectionAsync(50m, blik.Currency, blik.Region);
        var slowOnce = 1;
        Stripe.Override = call =>
        {
            if (call is { Method: "POST", Path: "/v1/payment_intents" } && Interlocked.Exchange(ref slowOnce, 0) == 1)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1.5));
            }

            return null;
        };

        using (var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        using (var request = new HttpRequestMessage(HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId)))
        {
            request.Content = new StringContent(blik.SessionBody, System.Text.Encoding.UTF8, "application/json");
            request.Headers.Add("x-publishable-api-key", ApiHost.PublishableKey);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.Api.Client.SendAsync(request, hangUp.Token));
        }

        var kept = await StoredSessionAsync(collectionId, TimeSpan.FromSeconds(15));
        var retried = await api.Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), blik.SessionBody);

        Assert.Equal(200, retried.Status);
        Assert.Equal(kept.Id, PaymentSessionTests.SessionOf(retried).GetProperty("id").GetString());
        Assert.Equal(kept.Id, Assert.Single((await api.CollectionAsync(collectionId)).Sessions).Id);
        Assert.Single(Stripe.Creations);
    }

    private async Task<PaymentSession> StoredSessionAsync(string collectionId, TimeSpan within)
    {
        var until = DateTimeOffset.UtcNow + within;
        while (true)
        {
            if ((await api.CollectionAsync(collectionId)).Sessions is [var session])
            {
                return session;
            }

            Assert.True(DateTimeOffset.UtcNow < until, "the hung-up request wrote no session");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>The shopper confirmed an OXXO payment: Stripe shows the voucher they pay in a shop later.</summary>
    private void ShowVoucher(StripeSession session) =>
        Stripe.Change(session.PaymentIntentId, intent =>
        {
            intent["status"] = "requires_action";
            intent["next_action"] = new JsonObject { ["type"] = "oxxo_display_details" };
        });

    /// <summary>A payment of <paramref name="variant"/> whose 50 were captured: at once for a payment method, by the admin for cards.</summary>
    private async Task<(string CollectionId, string PaymentId)> CapturedPaymentAsync(StripeVariantCase variant)
    {
        var session = await api.NewSessionAsync(variant);
        if (variant.CapturesAutomatically)
        {
            Stripe.SucceedAtBank(session.PaymentIntentId);
        }
        else
        {
            Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "requires_capture");
        }

        var authorized = await api.Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(session.CollectionId, session.SessionId), "{}");
        var paymentId = authorized.Json.GetProperty("payment_collection").GetProperty("payments")[0].GetProperty("id").GetString()!;
        if (!variant.CapturesAutomatically)
        {
            Assert.Equal(200, (await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", "{}")).Status);
        }

        return (session.CollectionId, paymentId);
    }

    private static string NewEventId() => $"evt_{Guid.NewGuid():N}";
}
