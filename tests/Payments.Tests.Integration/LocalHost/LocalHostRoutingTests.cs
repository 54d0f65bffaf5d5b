using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Payments.LocalHost;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.LocalHost;

/// <summary>
/// The local host fails where the Functions host in Azure would: it refuses to start with a function the host
/// refuses, and it routes by the host's order, so overlapping templates mis-route here exactly as there.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalHostRoutingTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string documentDirectory = Directory.CreateTempSubdirectory("gateway-").FullName;

    [Fact]
    public void A_function_under_a_reserved_prefix_stops_the_local_host_with_the_hosts_error()
    {
        var app = AppOf(typeof(ReservedPrefixFunctions), ("GET", "/widgets", "admin/widgets", "ListWidgets"));

        var refused = Assert.Throws<InvalidOperationException>(() => LocalFunctionsHost.Build(Arguments(), app));

        Assert.Contains("ListWidgets (route 'admin/widgets'): The specified route conflicts with one or more built in routes.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_literal_route_behind_a_parameter_route_of_an_earlier_function_name_is_captured_by_it()
    {
        var app = AppOf(
            typeof(OverlappingRouteFunctions),
            ("GET", "/widgets/catalogue", "widgets/catalogue", "ListWidgetCatalogue"),
            ("GET", "/widgets/{id}", "widgets/{id}", "GetWidget"),
            ("DELETE", "/widgets/{id}", "widgets/{id}", "DeleteWidget"));
        await using var host = await StartAsync(app);

        var catalogue = await host.Client.GetStringAsync(new Uri("/widgets/catalogue", UriKind.Relative));
        var widget = await host.Client.GetStringAsync(new Uri("/widgets/w1", UriKind.Relative));
        using var deleted = await host.Client.DeleteAsync(new Uri("/widgets/w1", UriKind.Relative));
        using var wrongMethod = await host.Client.PutAsync(new Uri("/widgets/w1", UriKind.Relative), content: null);

        // The gateway picked the literal operation; the host's first match in name order is GetWidget all the same.
        Assert.Equal("GetWidget catalogue", catalogue);
        Assert.Equal("GetWidget w1", widget);
        Assert.Equal("DeleteWidget w1", await deleted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task A_route_the_gateway_document_does_not_describe_answers_404_though_a_function_serves_it()
    {
        var app = AppOf(typeof(OverlappingRouteFunctions), ("GET", "/widgets/{id}", "widgets/{id}", "GetWidget"));
        await using var host = await StartAsync(app);

        using var described = await host.Client.GetAsync(new Uri("/widgets/w1", UriKind.Relative));
        using var undescribed = await host.Client.DeleteAsync(new Uri("/widgets/w1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, undescribed.StatusCode);
    }

    public void Dispose() => Directory.Delete(documentDirectory, recursive: true);

    private string[] Arguments() =>
    [
        "--urls", "http://127.0.0.1:0",
        "--PaymentsStorage:ConnectionString", azurite.ConnectionString,
        "--PaymentsStorage:TablePrefix", AzuriteFixture.NewTablePrefix(),
        "--AdminAuth:JwtSecret", "local-host-routing-tests-jwt-secret-0123456789",
        "--Logging:LogLevel:Default", "Warning",
    ];

    /// <summary>The given function class behind a gateway document of the given operations.</summary>
    private FunctionApp AppOf(Type functionClass, params (string Method, string PublicPath, string FunctionRoute, string OperationId)[] operations)
    {
        var paths = operations.GroupBy(operation => operation.PublicPath).ToDictionary(
            path => path.Key,
            path => path.ToDictionary(
                operation => operation.Method.ToLowerInvariant(),
                operation => new Dictionary<string, string> { ["operationId"] = operation.OperationId, [GatewayRouteTable.FunctionRouteExtension] = operation.FunctionRoute }));
        var document = Path.Combine(documentDirectory, "openapi.json");
        File.WriteAllText(document, JsonSerializer.Serialize(new { openapi = "3.1.0", paths }));
        return new FunctionApp([functionClass], document, Payments.LocalHost.FunctionApp.Payments.HostJsonPath);
    }

    private async Task<RunningHost> StartAsync(FunctionApp app)
    {
        var web = LocalFunctionsHost.Build(Arguments(), app);
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningHost(web, new HttpClient { BaseAddress = new Uri(address) });
    }

    private sealed record RunningHost(WebApplication App, HttpClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
