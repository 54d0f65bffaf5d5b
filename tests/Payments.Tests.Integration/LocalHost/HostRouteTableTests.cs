using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Payments.LocalHost;

namespace Payments.Tests.Integration.LocalHost;

/// <summary>The Functions host's route rules as <see cref="HostRouteTable"/> replays them (azure-functions-host 4.x).</summary>
public sealed class HostRouteTableTests
{
    private static readonly IServiceProvider RoutingServices = new ServiceCollection().AddLogging().AddRouting().BuildServiceProvider();

    [Theory]
    [InlineData("admin/payments")]
    [InlineData("/Admin/payments")]
    [InlineData("administration/things")]
    [InlineData("runtime/webhooks")]
    [InlineData("runtimes")]
    public void A_route_starting_with_a_reserved_prefix_is_refused(string route)
    {
        var table = HostRouteTable.Create([new HttpFunctionRoute("F", route, ["get"])]);

        Assert.Empty(table.Served);
        Assert.Equal("The specified route conflicts with one or more built in routes.", Assert.Single(table.Refused).Reason);
    }

    [Fact]
    public void A_function_without_a_route_is_served_at_its_name()
    {
        var table = HostRouteTable.Create([new HttpFunctionRoute("Ping", null, ["get"])]);

        Assert.Equal("Ping", Assert.Single(table.Served).Route);
    }

    [Fact]
    public void The_same_route_with_a_shared_method_is_refused_for_the_later_name_only()
    {
        var table = HostRouteTable.Create(
        [
            new HttpFunctionRoute("UpdateThing", "things/{id}", ["post"]),
            new HttpFunctionRoute("GetThing", "things/{id}", ["get"]),
            new HttpFunctionRoute("ReplaceThing", "/Things/{id}/", ["put", "post"]),
            new HttpFunctionRoute("AnyThing", "things/{id}", null),
        ]);

        Assert.Equal(["AnyThing"], table.Served.Select(function => function.Name));
        Assert.All(table.Refused, refused => Assert.Equal("The route specified conflicts with the route defined by function 'AnyThing'.", refused.Reason));
    }

    [Fact]
    public void Functions_are_tried_in_name_order_ignoring_case()
    {
        var table = HostRouteTable.Create(
        [
            new HttpFunctionRoute("listThings", "a", ["get"]),
            new HttpFunctionRoute("GetThing", "b", ["get"]),
            new HttpFunctionRoute("CreateThing", "c", ["post"]),
        ]);

        Assert.Equal(["CreateThing", "GetThing", "listThings"], table.Served.Select(function => function.Name));
    }

    [Theory]
    [InlineData("GET", "/things/catalogue", "GetThing")]
    [InlineData("get", "/THINGS/t1", "GetThing")]
    [InlineData("POST", "/things/catalogue", "PostCatalogue")]
    [InlineData("DELETE", "/things/t1", null)]
    [InlineData("GET", "/things", null)]
    public async Task The_first_route_in_name_order_whose_template_and_method_match_wins(string method, string path, string? expected)
    {
        var table = HostRouteTable.Create(
        [
            new HttpFunctionRoute("ListCatalogue", "things/catalogue", ["get"]),
            new HttpFunctionRoute("GetThing", "things/{id}", ["get"]),
            new HttpFunctionRoute("PostCatalogue", "things/catalogue", ["post"]),
        ]);
        var router = table.BuildRouter(string.Empty, RoutingServices.GetRequiredService<IInlineConstraintResolver>(), _ => _ => Task.CompletedTask);
        var context = new RouteContext(new DefaultHttpContext { RequestServices = RoutingServices, Request = { Method = method, Path = path } });

        await router.RouteAsync(context);

        Assert.Equal(expected, context.Handler is null ? null : (string?)context.RouteData.DataTokens[HostRouteTable.FunctionNameToken]);
    }

    [Fact]
    public async Task The_route_prefix_goes_in_front_of_every_route()
    {
        var router = HostRouteTable.Create([new HttpFunctionRoute("GetThing", "things/{id}", ["get"])])
            .BuildRouter("api", RoutingServices.GetRequiredService<IInlineConstraintResolver>(), _ => _ => Task.CompletedTask);
        var prefixed = new RouteContext(new DefaultHttpContext { RequestServices = RoutingServices, Request = { Method = "GET", Path = "/api/things/t1" } });
        var bare = new RouteContext(new DefaultHttpContext { RequestServices = RoutingServices, Request = { Method = "GET", Path = "/things/t1" } });

        await router.RouteAsync(prefixed);
        await router.RouteAsync(bare);

        Assert.Equal((true, false, "t1"), (prefixed.Handler is not null, bare.Handler is not null, (string?)prefixed.RouteData.Values["id"]));
    }
}
