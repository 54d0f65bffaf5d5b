using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Payments.Domain.Configuration;
using Payments.Domain.Ports;

namespace Payments.CommerceBackend;

public static class CommerceBackendRegistration
{
    /// <summary>
    /// Backend mode: when the section <c>CommerceBackend</c> sets a <c>Url</c>, the reference-data ports read that Medusa
    /// backend instead of the tables (registered before this call, and replaced by it). Without a Url nothing changes.
    /// </summary>
    public static IServiceCollection AddCommerceBackend(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(CommerceBackendOptions.SectionName);
        var options = section.Get<CommerceBackendOptions>() ?? new CommerceBackendOptions();
        if (!options.IsEnabled)
        {
            return SecretSettings.StateOf(options.ModuleApiKey) == SecretState.Absent
                ? services
                : throw new InvalidOperationException($"{CommerceBackendOptions.ModuleApiKeyKey} is set but {CommerceBackendOptions.SectionName}:Url is not: module mode runs beside a commerce backend.");
        }

        options.Validate();
        services.AddSingleton(Options.Create(options));
        AddBackendClient(services, MedusaBackendClient.ClientName, options)
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(100);
                resilience.Retry.DisableForUnsafeHttpMethods();
                resilience.CircuitBreaker.SamplingDuration = Max(TimeSpan.FromSeconds(30), 2 * options.AttemptTimeout);
                resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
            });
        services.AddSingleton<MedusaBackendClient>();
        if (options.IsModuleMode)
        {
            AddEventSink(services, options);
        }

        services.Replace(ServiceDescriptor.Singleton<ICartCatalog, BackendCartCatalog>());
        services.Replace(ServiceDescriptor.Singleton<IRegionCatalog, BackendRegionCatalog>());
        services.Replace(ServiceDescriptor.Singleton<IOrderCatalog, BackendOrderCatalog>());
        services.Replace(ServiceDescriptor.Singleton<ICustomerCatalog, BackendCustomerCatalog>());
        services.Replace(ServiceDescriptor.Singleton<IApiKeyCatalog, BackendApiKeyCatalog>());
        return services;
    }

    /// <summary>
    /// The events for the backend's module, POSTed to its plugin. One attempt per delivery, bounded in time: the outbox
    /// retries what fails, and the fast path's synchronous event must answer within the request's deadline.
    /// </summary>
    private static void AddEventSink(IServiceCollection services, CommerceBackendOptions options)
    {
        AddBackendClient(services, MedusaEventSink.ClientName, options)
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.AttemptTimeout.Timeout = MedusaEventSink.Timeout;
                resilience.TotalRequestTimeout.Timeout = MedusaEventSink.Timeout;
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
                resilience.CircuitBreaker.SamplingDuration = Max(TimeSpan.FromSeconds(30), 2 * MedusaEventSink.Timeout);
            });
        services.AddSingleton<ICommerceEventSink, MedusaEventSink>();
    }

    /// <summary>A named client of the backend whose headers (credentials, signatures) never reach the logs.</summary>
    private static IHttpClientBuilder AddBackendClient(IServiceCollection services, string name, CommerceBackendOptions options) =>
        services.AddHttpClient(name, client =>
            {
                client.BaseAddress = options.Url;

                // The resilience handler's total timeout decides; HttpClient's own 100 s would only hide it.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RedactLoggedHeaders(_ => true);

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;
}
