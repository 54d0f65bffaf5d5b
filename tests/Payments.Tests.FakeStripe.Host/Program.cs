using Microsoft.Extensions.Configuration;
using Payments.Tests.FakeStripe;

// Usage: Payments.Tests.FakeStripe.Host [--urls http://127.0.0.1:<port>] [--webhook-url <endpoint> --webhook-secret <whsec_…>]
// Serves the fake Stripe until stopped (SIGTERM, Ctrl+C); prints the address it listens on once it does.
var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
var options = new FakeStripeServerOptions();
options = options with
{
    Url = settings["urls"] ?? options.Url,
    WebhookEndpoint = settings["webhook-url"] is { } endpoint ? new Uri(endpoint) : null,
    WebhookSecret = settings["webhook-secret"] ?? options.WebhookSecret,
};

await using var server = await FakeStripeServer.StartAsync(options);
Console.WriteLine($"Fake Stripe on {server.Url}, webhooks to {options.WebhookEndpoint?.ToString() ?? "nowhere"}");
await server.WaitForShutdownAsync();
