using Payments.Domain.Outbox;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;
using Payments.Tests.Integration.Webhooks;

namespace Payments.Tests.Integration.Ledger;

/// <summary>
/// Issue 14, case 8: an admin authorization that loses its race answers a 4xx (or the 409 of a conflict storm), never a
/// 500, and the money Stripe authorized for it is given back through the outbox. On the old main a lost authorization
/// left the money authorized at Stripe (the session gone: a 404 with nothing released) or cancelled it directly and
/// answered 500 (conflicts beyond the retry budget).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationRaceTests(ApiFixture fixture) : StripeBackedTests(fixture)
{
    /// <summary>
    /// Session one's authorization reads its PaymentIntent while the shopper starts over: a second session replaces it
    /// (whose release of the first fails: Stripe is down for that cancel) and is authorized. Session one's answer then
    /// comes back authorized, for a session the collection no longer has.
    /// </summary>
    [Fact]
    public async Task An_authorization_that_loses_to_another_sessions_authorization_is_a_404_and_its_money_is_cancelled_through_the_outbox()
    {
        var first = await Service.NewSessionAsync();
        Service.AuthorizeAtStripe(first);
        Stripe.Override = call => call.IsCancelOf(first.PaymentIntentId) && call.IdempotencyKey == $"{first.SessionId}-cancel" ? FakeStripeApi.Outage : null;
        var held = HeldStripeCall.First(Stripe, call => call.IsReadOf(first.PaymentIntentId));

        var losing = Service.Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(first.CollectionId, first.SessionId), "{}");
        await held.ArrivedAsync();
        var replaced = await Service.Api.PostAsync(PaymentSessionTests.SessionsOf(first.CollectionId), """{"provider_id":"pp_stripe_stripe","data":{"tab":"new"}}""");
        var second = new StripeSession(first.CollectionId, PaymentSessionTests.SessionOf(replaced).GetProperty("id").GetString()!, PaymentSessionTests.SessionOf(replaced).GetProperty("data").GetProperty("id").GetString()!);
        Service.AuthorizeAtStripe(second);
        var winning = await Service.Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(second.CollectionId, second.SessionId), "{}");
        held.Release();
        var lost = await losing;

        Assert.Equal((200, 200), (replaced.Status, winning.Status));
        Assert.Equal(
            (404, $$"""{"type":"not_found","message":"PaymentSession with id: {{first.SessionId}} was not found"}"""),
            (lost.Status, lost.Body));
        Assert.Single(Stripe.Calls, call => call.IsCancelOf(first.PaymentIntentId) && call.IdempotencyKey == $"{first.SessionId}-cancel-refused");
        Assert.Equal(("canceled", "requires_capture"), ((string?)Stripe.Intent(first.PaymentIntentId)["status"], (string?)Stripe.Intent(second.PaymentIntentId)["status"]));
        var stored = await StripeLedger.AssertDocumentEqualsStripeAsync(Service, first.CollectionId);
        Assert.Equal(second.SessionId, Assert.Single(stored.Payments).PaymentSessionId);
        var refused = Assert.Single(stored.RefusedProviderPayments);
        Assert.Equal((first.SessionId, ProviderReleaseReason.LatePayment), (refused.SessionId, refused.Reason));
    }

    /// <summary>
    /// Every write of the authorization's answer meets a conflict (another instance's writes, as storage's 412) until the
    /// retry budget is spent: the request answers the 409 that says to retry, and the money is cancelled through the
    /// outbox, which is written beside the document without touching it.
    /// </summary>
    [Fact]
    public async Task An_authorization_whose_answer_cannot_be_recorded_through_conflicts_is_a_409_and_its_money_is_cancelled_through_the_outbox()
    {
        var session = await Service.NewSessionAsync();
        Service.AuthorizeAtStripe(session);
        var conflicts = new DocumentWriteConflicts();
        Service.Api.StorageFaults.Inject(conflicts.FaultOf);

        var lost = await Service.Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(session.CollectionId, session.SessionId), "{}");
        Service.Api.StorageFaults.Heal();

        Assert.Equal(
            (409, """{"code":"invalid_state_error","type":"conflict","message":"The request conflicted with another request. You may retry the request with the provided Idempotency-Key."}"""),
            (lost.Status, lost.Body));
        Assert.True(conflicts.Refused > 1, $"{conflicts.Refused} writes refused");
        Assert.Single(Stripe.Calls, call => call.IsCancelOf(session.PaymentIntentId) && call.IdempotencyKey == $"{session.SessionId}-cancel");
        Assert.Equal("canceled", (string?)Stripe.Intent(session.PaymentIntentId)["status"]);
        Assert.Empty((await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId)).Payments);
    }

    /// <summary>
    /// Refuses, as a 412, each write of the collection document: the conditional write (alone, or the transaction that
    /// carries it with outbox rows) that follows a read of it, the read every decision starts from. A transaction that
    /// follows no read (outbox rows appended alone) goes through.
    /// </summary>
    private sealed class DocumentWriteConflicts
    {
        private int afterRead;
        private int refused;

        public int Refused => Volatile.Read(ref refused);

        public StorageFault FaultOf(TableRequest request)
        {
            if (!request.IsOnCollections)
            {
                return StorageFault.None;
            }

            if (request.Method == "GET")
            {
                Volatile.Write(ref afterRead, 1);
                return StorageFault.None;
            }

            var writesTheDocument = request.Path.EndsWith("$batch", StringComparison.Ordinal) || request is { IsWrite: true, IsConditional: true };
            if (writesTheDocument && Interlocked.Exchange(ref afterRead, 0) == 1)
            {
                Interlocked.Increment(ref refused);
                return StorageFault.PreconditionFailed;
            }

            return StorageFault.None;
        }
    }
}
