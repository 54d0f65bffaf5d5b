using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Payments.Tests.FakeStripe;

/// <summary>
/// <see cref="FakeStripeApi"/> on a free loopback port over real HTTP (Kestrel): point the app's <c>Stripe:ApiBase</c> at
/// <see cref="Url"/> and it talks to this exactly as to Stripe.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeStripeServer(WebApplication app, FakeStripeApi stripe, Uri url)
    {
        this.app = app;
        Stripe = stripe;
        Url = url;
    }

    public FakeStripeApi Stripe { get; }

    public Uri Url { get; }

    public static async Task<FakeStripeServer> StartAsync()
    {
        var stripe = new FakeStripeApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context => AnswerAsync(stripe, context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FakeStripeServer(app, stripe, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task AnswerAsync(FakeStripeApi stripe, HttpContext context)
    {
        var request = context.Request;
        var form = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        var idempotencyKey = request.Headers.TryGetValue("Idempotency-Key", out var key) ? key.ToString() : null;
        var answer = await stripe.AnswerAsync(StripeCall.From(request.Method, request.Path.Value!, request.QueryString.Value ?? string.Empty, form, idempotencyKey));
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }
}
