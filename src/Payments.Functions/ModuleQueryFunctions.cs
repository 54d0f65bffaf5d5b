using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Module;

namespace Payments.Functions;

/// <summary>The module route that lists, counts and retrieves (docs/module-api.md §4.1).</summary>
public sealed class ModuleQueryFunctions(ModuleQueryEndpoints endpoints)
{
    [Function(nameof(ModuleQuery))]
    public Task<IResult> ModuleQuery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModuleQuery)] HttpRequest request,
        string entity,
        CancellationToken cancellationToken) =>
        endpoints.QueryAsync(request, entity, cancellationToken);
}
