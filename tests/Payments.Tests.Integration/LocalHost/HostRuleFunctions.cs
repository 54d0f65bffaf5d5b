using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Payments.Tests.Integration.LocalHost;

// Function classes that break the Functions host's rules, for the local host to fail on as Azure would.

/// <summary>A route under the host's reserved <c>admin</c> prefix: the host refuses the function.</summary>
public sealed class ReservedPrefixFunctions
{
    [Function(nameof(ListWidgets))]
    public IResult ListWidgets([HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/widgets")] HttpRequest request) =>
        Results.Text($"{nameof(ListWidgets)} {request.Path}");
}

/// <summary>
/// A literal route beside a parameter route of the same method: the host tries them in name order, so
/// <see cref="GetWidget"/> (G) captures <c>widgets/catalogue</c> before <see cref="ListWidgetCatalogue"/> (L) is tried.
/// </summary>
public sealed class OverlappingRouteFunctions
{
    [Function(nameof(GetWidget))]
    public IResult GetWidget([HttpTrigger(AuthorizationLevel.Function, "get", Route = "widgets/{id}")] HttpRequest request, string id) =>
        Results.Text($"{nameof(GetWidget)} {id}");

    [Function(nameof(ListWidgetCatalogue))]
    public IResult ListWidgetCatalogue([HttpTrigger(AuthorizationLevel.Function, "get", Route = "widgets/catalogue")] HttpRequest request) =>
        Results.Text($"{nameof(ListWidgetCatalogue)} {request.Path}");

    [Function(nameof(DeleteWidget))]
    public IResult DeleteWidget([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "widgets/{id}")] HttpRequest request, string id) =>
        Results.Text($"{nameof(DeleteWidget)} {id}");
}
