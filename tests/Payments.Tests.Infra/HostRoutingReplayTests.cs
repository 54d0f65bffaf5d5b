using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Payments.LocalHost;

namespace Payments.Tests.Infra;

/// <summary>
/// Azure in one process: every public route of the contract goes through the gateway as the Bicep deploys it (the
/// snapshot's APIs, operations and rewrites), then through the Functions host's routing replayed on the
/// functions.metadata the Worker SDK generated at build time, and must reach its function. A route the host would
/// refuse, a rewrite to the wrong function route, or a template captured by a function earlier in name order fails
/// here; so does a preflight that the gateway would leave to the host, whose platform CORS grants nothing.
/// </summary>
[Collection(DeploymentSnapshotCollection.Name)]
public sealed class HostRoutingReplayTests(DeploymentSnapshot snapshots)
{
    private static readonly IServiceProvider RoutingServices = new ServiceCollection().AddLogging().AddRouting().BuildServiceProvider();

    /// <summary>Spec §1.1, the webhook and the health check: a request as a client sends it, and the function that must answer.</summary>
    public static TheoryData<string, string, string> ContractRoutes() => new()
    {
        { "POST", "/store/payment-collections", "CreatePaymentCollection" },
        { "POST", "/store/payment-collections/pay_col_1/payment-sessions", "InitializePaymentSession" },
        { "GET", "/store/payment-providers", "ListStorePaymentProviders" },
        { "GET", "/admin/payments", "ListPayments" },
        { "GET", "/admin/payments/pay_1", "GetPayment" },
        { "POST", "/admin/payments/pay_1/capture", "CapturePayment" },
        { "POST", "/admin/payments/pay_1/refund", "RefundPayment" },
        { "GET", "/admin/payments/payment-providers", "ListAdminPaymentProviders" },
        { "POST", "/admin/payment-collections", "CreateOrderPaymentCollection" },
        { "DELETE", "/admin/payment-collections/pay_col_1", "DeletePaymentCollection" },
        { "POST", "/admin/payment-collections/pay_col_1/mark-as-paid", "MarkPaymentCollectionAsPaid" },
        { "POST", "/admin/payment-collections/pay_col_1/payment-sessions", "InitializeAdminPaymentSession" },
        { "GET", "/admin/refund-reasons", "ListRefundReasons" },
        { "POST", "/admin/refund-reasons", "CreateRefundReason" },
        { "GET", "/admin/refund-reasons/refr_1", "GetRefundReason" },
        { "POST", "/admin/refund-reasons/refr_1", "UpdateRefundReason" },
        { "DELETE", "/admin/refund-reasons/refr_1", "DeleteRefundReason" },
        { "POST", "/hooks/payment/stripe_stripe", "ReceiveProviderWebhook" },
        { "POST", "/admin/payment-collections/pay_col_1/payment-sessions/payses_1/authorize", "AuthorizePaymentSession" },
        { "GET", "/health", "Health" },
    };

    /// <summary>The paths a browser calls, each with an origin of its API.</summary>
    public static TheoryData<string, string> BrowserPaths() => new()
    {
        { "/store/payment-collections", "https://shop.example.com" },
        { "/store/payment-collections/pay_col_1/payment-sessions", "http://localhost:8000" },
        { "/store/payment-providers", "https://shop.example.com" },
        { "/admin/payments/payment-providers", DeploymentSnapshot.AdminOrigins },
        { "/admin/payments/pay_1/capture", DeploymentSnapshot.AdminOrigins },
        { "/admin/refund-reasons/refr_1", DeploymentSnapshot.AdminOrigins },
    };

    [Fact]
    public void The_host_refuses_none_of_the_generated_functions()
    {
        Assert.Empty(HostRouteTable.Create(GeneratedHttpFunctions()).Refused);
    }

    [Theory]
    [MemberData(nameof(ContractRoutes))]
    public async Task A_contract_route_reaches_its_function_through_the_deployed_gateway_and_the_host(string method, string path, string expectedFunction)
    {
        foreach (var (tier, snapshot) in snapshots.ByTier)
        {
            var forward = GatewayRouteTable.From(new SnapshotGateway(snapshot).Operations).Match(method, new PathString(path));
            Assert.True(forward is not null, $"{tier}: the gateway has no operation for {method} {path}.");

            var reached = await HostRouteAsync(method, forward.FunctionPath);

            Assert.Equal(expectedFunction, reached);
        }
    }

    /// <summary>
    /// <c>/admin/payments/{id}</c> also matches <c>/admin/payments/payment-providers</c>, and which operation API
    /// Management prefers is not documented: the request must reach the provider list through either.
    /// </summary>
    [Fact]
    public async Task A_literal_path_reaches_its_function_whichever_overlapping_operation_the_gateway_picks()
    {
        const string path = "/admin/payments/payment-providers";
        var gateway = new SnapshotGateway(snapshots.Consumption);
        var candidates = gateway.Operations
            .Select(operation => (operation, forward: GatewayRouteTable.From([operation]).Match("GET", new PathString(path))))
            .Where(candidate => candidate.forward is not null)
            .ToList();

        Assert.Equal(["GetPayment", "ListAdminPaymentProviders"], candidates.Select(candidate => candidate.operation.OperationId).Order(StringComparer.Ordinal));
        foreach (var (operation, forward) in candidates)
        {
            var functionPath = gateway.LiteralRewritesOf(operation.Api.Name, operation.OperationId).TryGetValue(path, out var literal)
                ? new PathString("/" + literal)
                : forward!.FunctionPath;

            Assert.Equal("ListAdminPaymentProviders", await HostRouteAsync("GET", functionPath));
        }
    }

    [Theory]
    [MemberData(nameof(BrowserPaths))]
    public void A_browser_preflight_is_granted_by_the_gateway_and_never_left_to_the_host(string path, string origin)
    {
        foreach (var (tier, snapshot) in snapshots.ByTier)
        {
            var gateway = new SnapshotGateway(snapshot);
            var api = gateway.Apis.Single(candidate => candidate.Name == GatewayApi.Of(new PathString(path)).Name);
            var forwardedToHost = GatewayRouteTable.From(gateway.Operations).Match("OPTIONS", new PathString(path)) is not null;
            var platformOrigins = snapshot.Single("Microsoft.Web/sites", string.Empty)["properties"]!["siteConfig"]!["cors"]!["allowedOrigins"]!.AsArray()
                .Select(allowed => (string)allowed!);

            // With a cors policy the gateway answers every preflight of the API itself; an OPTIONS operation would take
            // the preflight past it to the host, which answers from the platform CORS list.
            var granted = api.Cors is not null && !forwardedToHost
                ? api.CorsOrigins.Contains(origin)
                : forwardedToHost && platformOrigins.Contains(origin);

            Assert.True(granted, $"{tier}: a preflight of {path} from {origin} is not granted.");
        }
    }

    [Fact]
    public void The_platform_cors_of_the_function_app_grants_no_origin()
    {
        var cors = snapshots.Consumption.Single("Microsoft.Web/sites", string.Empty)["properties"]!["siteConfig"]!["cors"]!;

        Assert.Empty(cors["allowedOrigins"]!.AsArray());
        Assert.False((bool)cors["supportCredentials"]!);
    }

    /// <summary>The HTTP functions of functions.metadata as the host reads them: name, route and methods.</summary>
    private static IEnumerable<HttpFunctionRoute> GeneratedHttpFunctions() =>
        from function in JsonNode.Parse(File.ReadAllText(BuildMetadata.FunctionsMetadataPath))!.AsArray()
        from binding in function!["bindings"]!.AsArray()
        where (string?)binding!["type"] == "httpTrigger"
        select new HttpFunctionRoute(
            (string)function["name"]!,
            (string?)binding["route"],
            binding["methods"]?.AsArray().Select(verb => (string)verb!).ToList());

    /// <summary>The function the host's router picks for a request, or null when none matches (404).</summary>
    private static async Task<string?> HostRouteAsync(string method, PathString path)
    {
        // Refused functions are not served, as in Azure: their routes answer 404.
        var router = HostRouteTable.Create(GeneratedHttpFunctions()).BuildRouter(string.Empty, RoutingServices.GetRequiredService<IInlineConstraintResolver>(), _ => _ => Task.CompletedTask);
        var context = new RouteContext(new DefaultHttpContext { RequestServices = RoutingServices, Request = { Method = method, Path = path } });

        await router.RouteAsync(context);

        return context.Handler is null ? null : (string?)context.RouteData.DataTokens[HostRouteTable.FunctionNameToken];
    }
}
