using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Payments.Functions;

/// <summary>The one DI registration of the app, shared by the Functions host and the local host.</summary>
public static class PaymentsServiceRegistration
{
    public static IServiceCollection AddPaymentsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
