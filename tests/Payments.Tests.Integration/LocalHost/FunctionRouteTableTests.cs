using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Payments.Functions;
using Payments.LocalHost;

namespace Payments.Tests.Integration.LocalHost;

/// <summary>
/// The one table of contents of the routes (<see cref="FunctionRoutes.All"/>) against everything that must agree
/// with it: spec §1.1, the function attributes, and the gateway's OpenAPI document.
/// </summary>
public sealed class FunctionRouteTableTests
{
    /// <summary>
    /// Spec §1.1 (the authorize extension included), the webhook, the health check and the module routes
    /// (docs/module-api.md §4), as clients call them.
    /// </summary>
    private static readonly string[] PublicRoutes =
    [
        "POST /store/payment-collections",
        "POST /store/payment-collections/{id}/payment-sessions",
        "GET /store/payment-providers",
        "GET /admin/payments",
        "GET /admin/payments/{id}",
        "POST /admin/payments/{id}/capture",
        "POST /admin/payments/{id}/refund",
        "GET /admin/payments/payment-providers",
        "POST /admin/payment-collections",
        "DELETE /admin/payment-collections/{id}",
        "POST /admin/payment-collections/{id}/mark-as-paid",
        "POST /admin/payment-collections/{id}/payment-sessions",
        "GET /admin/refund-reasons",
        "POST /admin/refund-reasons",
        "GET /admin/refund-reasons/{id}",
        "POST /admin/refund-reasons/{id}",
        "DELETE /admin/refund-reasons/{id}",
        "POST /hooks/payment/{provider}",
        "POST /admin/payment-collections/{id}/payment-sessions/{sessionId}/authorize",
        "GET /health",
        "POST /module/query/{entity}",
        "POST /module/payment-collections",
        "POST /module/payment-collections/{id}",
        "DELETE /module/payment-collections/{id}",
        "POST /module/payment-collections/{id}/payment-sessions",
        "POST /module/payment-collections/{id}/cart-completion",
        "DELETE /module/payment-sessions/{id}",
        "POST /module/payment-sessions/{id}/authorize",
        "POST /module/payments/{id}/capture",
        "POST /module/payments/{id}/refund",
        "POST /module/payments/{id}/cancel",
        "POST /module/refund-reasons",
        "POST /module/refund-reasons/{id}",
        "DELETE /module/refund-reasons/{id}",
        "POST /module/refund-reasons/{id}/restore",
        "POST /module/account-holders",
        "DELETE /module/account-holders/{id}",
    ];

    private static readonly FunctionCatalog Functions = FunctionCatalog.Discover(FunctionApp.Payments.FunctionClasses);

    [Fact]
    public void The_table_lists_every_public_route_of_the_contract_once()
    {
        Assert.Equal(PublicRoutes, FunctionRoutes.All.Select(route => $"{route.Method} {route.PublicPath}"));
    }

    [Fact]
    public void The_function_attributes_declare_exactly_the_routes_of_the_table()
    {
        var declared = Functions.Http.SelectMany(function => function.Routing.Methods!.Select(method =>
            $"{method.ToUpperInvariant()} {function.Routing.Route} {function.Routing.Name}"));

        Assert.Equal(
            FunctionRoutes.All.Select(route => $"{route.Method} {route.Route} {route.FunctionName}").Order(StringComparer.Ordinal),
            declared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_gateway_document_forwards_each_public_route_to_the_function_route_of_the_table()
    {
        var gateway = GatewayRouteTable.Load(FunctionApp.Payments.OpenApiDocumentPath);

        Assert.Equal(
            FunctionRoutes.All.Select(route => $"{route.Method} {route.PublicPath} -> {route.Route} ({route.FunctionName})").Order(StringComparer.Ordinal),
            gateway.Operations.Select(operation => $"{operation.Method} {operation.PublicPath} -> {operation.FunctionRoute} ({operation.OperationId})").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_functions_host_serves_every_function()
    {
        var table = HostRouteTable.Create(Functions.Http.Select(function => function.Routing));

        Assert.Empty(table.Refused);
        Assert.Equal(FunctionRoutes.All.Select(route => route.FunctionName).Distinct().Count(), table.Served.Count);
    }

    [Fact]
    public void Every_http_function_is_left_to_the_gateway_key_check_rather_than_host_keys()
    {
        var levels = Functions.Http.Select(function => TriggerOf(function.Method).AuthLevel).Distinct();

        Assert.Equal([AuthorizationLevel.Anonymous], levels);
    }

    [Fact]
    public void No_function_answers_options_because_the_gateway_answers_preflights()
    {
        Assert.DoesNotContain(Functions.Http, function => function.Routing.Methods!.Contains("options", StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Function_names_are_unique()
    {
        var names = Functions.Http.Select(function => function.Routing.Name).Concat(Functions.Timers.Select(timer => timer.Name)).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Routes_have_no_prefix_because_host_json_clears_it() =>
        Assert.Equal(string.Empty, HostJsonRoutePrefix.Read(FunctionApp.Payments.HostJsonPath));

    private static HttpTriggerAttribute TriggerOf(MethodInfo method) =>
        method.GetParameters().Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>()).Single(trigger => trigger is not null)!;
}
