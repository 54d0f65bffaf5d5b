using Payments.Functions;
using Payments.LocalHost;

namespace Payments.Tests.Integration.Http;

/// <summary>
/// The function classes declare exactly the routes of spec §1.1 that this version serves, once each.
/// </summary>
public sealed class FunctionRouteTableTests
{
    private static readonly string[] SpecRoutes =
    [
        "POST store/payment-collections",
        "POST store/payment-collections/{id}/payment-sessions",
        "GET store/payment-providers",
        "GET admin/payments",
        "GET admin/payments/{id}",
        "POST admin/payments/{id}/capture",
        "POST admin/payments/{id}/refund",
        "GET admin/payments/payment-providers",
        "POST admin/payment-collections",
        "DELETE admin/payment-collections/{id}",
        "POST admin/payment-collections/{id}/mark-as-paid",
        "POST admin/payment-collections/{id}/payment-sessions",
        "GET admin/refund-reasons",
        "POST admin/refund-reasons",
        "GET admin/refund-reasons/{id}",
        "POST admin/refund-reasons/{id}",
        "DELETE admin/refund-reasons/{id}",
        "POST admin/payment-collections/{id}/payment-sessions/{sessionId}/authorize",
        "POST hooks/payment/{provider}",
    ];

    [Fact]
    public void Every_spec_route_is_served_once_and_nothing_else()
    {
        var served = Served().Where(route => !route.StartsWith("OPTIONS ", StringComparison.Ordinal)).ToList();

        Assert.Equal(SpecRoutes.Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_store_and_admin_path_answers_the_cors_preflight_once()
    {
        var browserPaths = SpecRoutes.Select(route => route.Split(' ')[1]).Where(path => !path.StartsWith("hooks/", StringComparison.Ordinal)).Distinct();
        var preflights = Served().Where(route => route.StartsWith("OPTIONS ", StringComparison.Ordinal)).Select(route => route["OPTIONS ".Length..]).ToList();

        Assert.Equal(browserPaths.Order(StringComparer.Ordinal), preflights.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Function_names_are_unique()
    {
        var names = FunctionRoute.Discover(typeof(PaymentsServiceRegistration).Assembly).Select(function => function.FunctionName).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    private static IEnumerable<string> Served() =>
        FunctionRoute.Discover(typeof(PaymentsServiceRegistration).Assembly)
            .SelectMany(function => function.HttpMethods.Select(method => $"{method} {function.Route}"));

    [Fact]
    public void Routes_have_no_prefix_because_host_json_clears_it() =>
        Assert.Equal(string.Empty, HostJsonRoutePrefix.Read(Path.Combine(AppContext.BaseDirectory, "host.json")));
}
