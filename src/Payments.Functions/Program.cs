using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddPaymentsFunctions(builder.Configuration);

// Only the gateway reaches the app in Azure; the key it sends is a secret setting like the others.
builder.UseMiddleware<GatewayKeyMiddleware>();
builder.Services.AddSingleton(GatewayKey.Setting);

// Traces, metrics and logs go to Application Insights when the deployment names it (infra/app/api.bicep),
// authenticated as the app's managed identity: the resource refuses keys.
if (builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 })
{
    var clientId = builder.Configuration["PaymentsStorage:ClientId"];
    builder.Services.AddOpenTelemetry()
        .UseFunctionsWorkerDefaults()
        .UseAzureMonitorExporter(options => options.Credential = clientId is { Length: > 0 }
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential());
}

builder.Build().Run();
