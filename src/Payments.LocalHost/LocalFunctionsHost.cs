using System.Reflection;
using Microsoft.AspNetCore.Routing.Patterns;
using Payments.Functions;

namespace Payments.LocalHost;

/// <summary>What the local host serves: the function classes, the gateway's OpenAPI document and the host.json.</summary>
public sealed record FunctionApp(IReadOnlyList<Type> FunctionClasses, string OpenApiDocumentPath, string HostJsonPath)
{
    /// <summary>Payments.Functions with the gateway document and host.json copied beside this host.</summary>
    public static FunctionApp Payments { get; } = new(
        typeof(PaymentsServiceRegistration).Assembly.GetExportedTypes(),
        Path.Combine(AppContext.BaseDirectory, "openapi.json"),
        Path.Combine(AppContext.BaseDirectory, "host.json"));
}

/// <summary>
/// The deployment in one process on Kestrel, so that what works here works in Azure and what Azure would refuse
/// fails here. It plays the gateway (the public paths of the OpenAPI document, each API's CORS, the rewrite to the
/// function route) in front of the Functions host (its route rules, its route order and matching), and runs the
/// timer functions on their schedules. Rate limits and function keys are the gateway's and the host's in Azure and
/// are not replayed.
/// </summary>
public static class LocalFunctionsHost
{
    /// <param name="args">Command line: <c>--urls</c>, <c>--seed FILE</c> and any configuration key.</param>
    /// <param name="configureServices">Replaces registrations after the app's own (tests substitute seams here).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null) =>
        Build(args, FunctionApp.Payments, configureServices);

    /// <exception cref="InvalidOperationException">The Functions host would refuse a function of the app.</exception>
    public static WebApplication Build(string[] args, FunctionApp functionApp, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(functionApp);
        var functions = FunctionCatalog.Discover(functionApp.FunctionClasses);
        var hostRoutes = HostRouteTable.Create(functions.Http.Select(function => function.Routing));
        if (hostRoutes.Refused.Count > 0)
        {
            throw new InvalidOperationException(
                "The Azure Functions host would refuse these functions and answer 404 on their routes:"
                + string.Concat(hostRoutes.Refused.Select(refused => $"{Environment.NewLine}  {refused}")));
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddPaymentsFunctions(builder.Configuration);
        var gateway = GatewayRouteTable.Load(functionApp.OpenApiDocumentPath);
        var corsApis = AddGatewayCors(builder, gateway);
        foreach (var timer in functions.Timers)
        {
            builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<TimerFunctionScheduler>(services, timer));
        }

        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        UseGateway(app, gateway, corsApis);
        app.UseRouter(hostRoutes.BuildRouter(
            HostJsonRoutePrefix.Read(functionApp.HostJsonPath),
            app.Services.GetRequiredService<IInlineConstraintResolver>(),
            served => Handler(app, functions.Http.Single(http => http.Routing.Name == served.Name).Method, served.Route!)));
        return app;
    }

    /// <summary>One named CORS policy per API that has origins configured; the APIs that have one.</summary>
    private static IReadOnlyList<GatewayApi> AddGatewayCors(WebApplicationBuilder builder, GatewayRouteTable gateway)
    {
        var apis = GatewayApi.All
            .Where(api => api.CorsOriginsKey is not null && GatewayCors.Origins(builder.Configuration, api.CorsOriginsKey).Count > 0)
            .ToList();
        builder.Services.AddCors(options =>
        {
            foreach (var api in apis)
            {
                options.AddPolicy(api.Name, GatewayCors.Policy(
                    GatewayCors.Origins(builder.Configuration, api.CorsOriginsKey!),
                    GatewayCors.MethodsOf(api, gateway.Operations)));
            }
        });
        return apis;
    }

    /// <summary>
    /// CORS at API scope, before any operation is matched (preflights are answered there), then the operation: a
    /// request that matches none answers 404; one that does is forwarded to its function route.
    /// </summary>
    private static void UseGateway(WebApplication app, GatewayRouteTable gateway, IReadOnlyList<GatewayApi> corsApis)
    {
        foreach (var api in corsApis)
        {
            app.UseWhen(context => GatewayApi.Of(context.Request.Path) == api, branch => branch.UseCors(api.Name));
        }

        app.Use(async (context, next) =>
        {
            if (gateway.Match(context.Request.Method, context.Request.Path) is not { } forward)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Request.Path = forward.FunctionPath;
            await next(context);
        });
    }

    /// <summary>The function method as the worker invokes it: route values, the request and the abort token bound by name.</summary>
    private static RequestDelegate Handler(WebApplication app, MethodInfo method, string route) =>
        RequestDelegateFactory.Create(
            method,
            context => ActivatorUtilities.CreateInstance(context.RequestServices, method.DeclaringType!),
            new RequestDelegateFactoryOptions
            {
                ServiceProvider = app.Services,
                RouteParameterNames = [.. RoutePatternFactory.Parse(route).Parameters.Select(parameter => parameter.Name)],
            }).RequestDelegate;
}
