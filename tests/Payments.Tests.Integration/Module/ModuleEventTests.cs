using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Payments.Domain.Outbox;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Module;

/// <summary>
/// The events Medusa's plugin hears (docs/module-api.md §5) over real HTTP: what this service did on its own routes is
/// delivered signed with the module key, right after the write that decided it, again by the outbox timer until the
/// plugin answers, and never for what the module itself asked.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModuleEventTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ModuleBackedApi module = null!;

    /// <summary>
    /// The host's clock, never advanced: every write of a test happens at its instant, so when an outbox message falls due
    /// is fixed, and the host's own timer (which waits on this clock) never runs a pass of its own during the test.
    /// </summary>
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync() =>
        module = await ModuleBackedApi.StartAsync(azurite.ConnectionString, services => services.AddSingleton<TimeProvider>(clock));

    public async Task DisposeAsync() => await module.DisposeAsync();

    [Fact]
    public async Task An_admin_capture_here_is_delivered_as_payment_captured_signed_with_the_module_key()
    {
        var paymentId = await AuthorizedByModuleAsync();

        var captured = await module.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", "{}", ModuleBackedApi.Admin);

        var (body, signature) = Assert.Single(module.Events);
        Assert.True(ModuleBackedApi.IsSignedWith(ModuleBackedApi.ModuleKey, signature, body), signature);
        Assert.False(ModuleBackedApi.IsSignedWith(ModuleBackedApi.ModuleKey + "x", signature, body));
        var envelope = JsonNode.Parse(body)!;
        var captureId = captured.Json.GetProperty("payment").GetProperty("captures")[0].GetProperty("id").GetString();
        Assert.Equal(["id", "type", "created_at", "data"], envelope.AsObject().Select(property => property.Key));
        Assert.Equal(($"evt_{captureId}", "payment.captured"), ((string)envelope["id"]!, (string)envelope["type"]!));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string)envelope["created_at"]!);
        Assert.Equal(
            $$"""{"payment_id":"{{paymentId}}","payment_collection_id":"{{captured.Json.GetProperty("payment").GetProperty("payment_collection_id").GetString()}}","capture_ids":["{{captureId}}"]}""",
            envelope["data"]!.ToJsonString());
    }

    [Fact]
    public async Task An_authorization_here_is_delivered_as_payment_session_authorized_and_the_modules_own_moves_are_not()
    {
        var collectionId = await module.NewCollectionAsync();
        var sessionId = await module.NewSessionAsync(collectionId);

        var authorized = await module.Api.AdminAsync(HttpMethod.Post, $"/admin/payment-collections/{collectionId}/payment-sessions/{sessionId}/authorize", "{}", ModuleBackedApi.Admin);
        var paymentId = authorized.Json.GetProperty("payment_collection").GetProperty("payments")[0].GetProperty("id").GetString();
        var captured = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/capture", "{}");
        var refunded = await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/refund", """{"amount":5}""");

        Assert.Equal(200, authorized.Status);
        Assert.True(captured.Status == 200, captured.Body);
        Assert.True(refunded.Status == 200, refunded.Body);
        var announced = Assert.Single(module.Events.Select(delivered => JsonNode.Parse(delivered.Body)!));
        Assert.Equal("payment_session.authorized", (string)announced["type"]!);
        Assert.Equal(
            $$"""{"payment_session_id":"{{sessionId}}","payment_collection_id":"{{collectionId}}","status":"authorized","amount":25}""",
            announced["data"]!.ToJsonString());
    }

    [Fact]
    public async Task An_event_the_plugin_did_not_take_is_delivered_again_by_the_timer_and_the_answer_of_the_move_is_not_held_back()
    {
        var paymentId = await AuthorizedByModuleAsync();
        module.EventsAnswer(503);

        var captured = await module.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", "{}", ModuleBackedApi.Admin);
        module.EventsAnswer(200);
        var performed = await TimerAfterAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(200, captured.Status);
        Assert.Equal(1, performed);
        Assert.Empty(module.Api.Logs.Leaks([ModuleBackedApi.ModuleKey, module.Events[0].Signature]));
        Assert.Equal(2, module.EventsOf("payment.captured").Count);
        Assert.Equal(module.EventsOf("payment.captured")[0]["id"]!.ToJsonString(), module.EventsOf("payment.captured")[1]["id"]!.ToJsonString());
    }

    [Fact]
    public async Task An_event_the_plugin_refused_as_malformed_is_not_delivered_again()
    {
        var paymentId = await AuthorizedByModuleAsync();
        module.EventsAnswer(400);

        var captured = await module.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", "{}", ModuleBackedApi.Admin);
        var refunded = await module.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/refund", """{"amount":1}""", ModuleBackedApi.Admin);
        var performed = await TimerAfterAsync(TimeSpan.FromSeconds(90));

        Assert.True(captured.Status == 200, captured.Body);
        Assert.True(refunded.Status == 200, refunded.Body);
        Assert.Equal(0, performed);
        Assert.Single(module.EventsOf("payment.captured"));
        Assert.Single(module.EventsOf("payment.refunded"));
    }

    private async Task<string> AuthorizedByModuleAsync() =>
        await module.AuthorizeAsync(await module.NewSessionAsync(await module.NewCollectionAsync()));

    /// <summary>
    /// The outbox timer's pass, as it runs <paramref name="later"/> after the test's writes (a dispatcher of the host's store
    /// and handlers on a clock that far past the host's, which stands still): with 90 s, after the minute an event waits for
    /// its own request, before the two minutes a capture's or refund's reconciliation waits, however long the test took.
    /// </summary>
    private Task<int> TimerAfterAsync(TimeSpan later)
    {
        var services = module.Api.Services;
        var dispatcher = new OutboxDispatcher(
            services.GetRequiredService<IOutboxStore>(),
            new Lazy<IReadOnlyList<IOutboxHandler>>(() => [.. services.GetServices<IOutboxHandler>()]),
            new FakeTimeProvider(clock.GetUtcNow() + later),
            NullLogger<OutboxDispatcher>.Instance);
        return dispatcher.ProcessDueAsync(CancellationToken.None);
    }
}
