using Microsoft.AspNetCore.Routing.Patterns;
using Payments.Functions;

namespace Payments.LocalHost;

/// <summary>
/// A small stand-in for the Functions HTTP host on Kestrel: serves every HTTP-triggered function of
/// Payments.Functions at the route the Functions host would, with the app's own DI registration.
/// </summary>
public static class LocalFunctionsHost
{
    /// <param name="args">Command line: <c>--urls</c>, <c>--seed FILE</c> and any configuration key.</param>
    /// <param name="configureServices">Replaces registrations after the app's own (tests substitute seams here).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddPaymentsFunctions(builder.Configuration);
        foreach (var job in ScheduledJob.OfTimerFunctions)
        {
            builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<ScheduledJobWorker>(services, job));
        }

        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        MapFunctions(app, HostJsonRoutePrefix.Read(Path.Combine(AppContext.BaseDirectory, "host.json")));
        return app;
    }

    private static void MapFunctions(WebApplication app, string routePrefix)
    {
        foreach (var function in FunctionRoute.Discover(typeof(PaymentsServiceRegistration).Assembly))
        {
            var route = string.IsNullOrEmpty(routePrefix) ? function.Route : $"{routePrefix.Trim('/')}/{function.Route}";
            var handler = RequestDelegateFactory.Create(
                function.Method,
                context => ActivatorUtilities.CreateInstance(context.RequestServices, function.FunctionClass),
                new RequestDelegateFactoryOptions
                {
                    ServiceProvider = app.Services,
                    RouteParameterNames = [.. RoutePatternFactory.Parse(route).Parameters.Select(parameter => parameter.Name)],
                });
            app.MapMethods("/" + route, function.HttpMethods, handler.RequestDelegate).WithName(function.FunctionName);
        }
    }
}
