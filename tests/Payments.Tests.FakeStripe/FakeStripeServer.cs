using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Tests.FakeStripe;

/// <summary>Where the fake listens, and the webhook endpoint it delivers Stripe's events to.</summary>
public sealed record FakeStripeServerOptions
{
    /// <summary>Kestrel's address; port 0 takes a free one.</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>The account's webhook endpoint, as configured in Stripe's Dashboard; null: events go nowhere.</summary>
    public Uri? WebhookEndpoint { get; init; }

    /// <summary>The endpoint's signing secret (<c>whsec_…</c>).</summary>
    public string WebhookSecret { get; init; } = StripeWebhooks.Secret;
}

/// <summary>
/// <see cref="FakeStripeApi"/> on a loopback port over real HTTP (Kestrel): point the app's <c>Stripe:ApiBase</c> at
/// <see cref="Url"/> and it talks to this exactly as to Stripe. Beside Stripe's API, a control route plays the
/// shopper's bank for tests in other processes: <c>POST /_test/payment_intents/{id}/succeed</c> completes the payment
/// (<see cref="FakeStripeApi.SucceedAtBank"/>) and delivers the signed <c>payment_intent.succeeded</c> event to the
/// webhook endpoint, as Stripe would, answering the PaymentIntent and the endpoint's answer.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    private const string ControlPrefix = "/_test/";

    private readonly WebApplication app;
    private readonly FakeStripeServerOptions options;
    private readonly HttpClient webhookClient = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int eventCounter;

    private FakeStripeServer(WebApplication app, FakeStripeApi stripe, FakeStripeServerOptions options)
    {
        this.app = app;
        this.options = options;
        Stripe = stripe;
    }

    public FakeStripeApi Stripe { get; }

    public Uri Url => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public static async Task<FakeStripeServer> StartAsync(FakeStripeServerOptions? options = null)
    {
        options ??= new FakeStripeServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.ClearProviders();
        var server = new FakeStripeServer(builder.Build(), new FakeStripeApi(), options);
        server.app.Run(context => context.Request.Path.StartsWithSegments(ControlPrefix.TrimEnd('/'), StringComparison.Ordinal)
            ? server.ControlAsync(context)
            : server.AnswerAsync(context));
        await server.app.StartAsync();
        return server;
    }

    /// <summary>Runs until the process is asked to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        webhookClient.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var form = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        var idempotencyKey = request.Headers.TryGetValue("Idempotency-Key", out var key) ? key.ToString() : null;
        var answer = await Stripe.AnswerAsync(StripeCall.From(request.Method, request.Path.Value!, request.QueryString.Value ?? string.Empty, form, idempotencyKey));
        await WriteAsync(context, answer);
    }

    private async Task ControlAsync(HttpContext context)
    {
        if (context.Request.Method != "POST" || context.Request.Path.Value!.Split('/') is not ["", "_test", "payment_intents", var id, "succeed"])
        {
            await WriteAsync(context, Control(HttpStatusCode.NotFound, "POST /_test/payment_intents/{id}/succeed is the one control route"));
            return;
        }

        JsonObject intent;
        try
        {
            intent = Stripe.SucceedAtBank(id);
        }
        catch (KeyNotFoundException)
        {
            await WriteAsync(context, Control(HttpStatusCode.NotFound, $"No PaymentIntent {id}"));
            return;
        }
        catch (InvalidOperationException refused)
        {
            await WriteAsync(context, Control(HttpStatusCode.Conflict, refused.Message));
            return;
        }

        var webhook = await DeliverAsync("payment_intent.succeeded", intent, context.RequestAborted);
        await WriteAsync(context, FakeStripeApi.Respond(HttpStatusCode.OK, new JsonObject { ["payment_intent"] = intent, ["webhook"] = webhook }));
    }

    /// <summary>
    /// One delivery of the event, signed now; answers the endpoint's status and body, or the failure to reach it (null:
    /// no endpoint). Stripe would retry a failed delivery for days; a test sees it fail instead.
    /// </summary>
    private async Task<JsonObject?> DeliverAsync(string type, JsonObject dataObject, CancellationToken cancellationToken)
    {
        if (options.WebhookEndpoint is not { } endpoint)
        {
            return null;
        }

        var body = StripeWebhooks.Event($"evt_test{Interlocked.Increment(ref eventCounter)}", type, dataObject);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeWebhooks.Signature(body, DateTimeOffset.UtcNow, options.WebhookSecret));
        try
        {
            using var response = await webhookClient.SendAsync(request, cancellationToken);
            return new JsonObject
            {
                ["status"] = (int)response.StatusCode,
                ["body"] = await response.Content.ReadAsStringAsync(cancellationToken),
            };
        }
        catch (Exception failed) when (failed is HttpRequestException or TaskCanceledException)
        {
            return new JsonObject { ["error"] = $"{endpoint} did not answer: {failed.Message}" };
        }
    }

    private static FakeStripeResponse Control(HttpStatusCode status, string message) =>
        FakeStripeApi.Respond(status, new JsonObject { ["error"] = new JsonObject { ["message"] = message } });

    private static async Task WriteAsync(HttpContext context, FakeStripeResponse answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }
}
