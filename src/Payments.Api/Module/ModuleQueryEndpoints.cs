using Microsoft.AspNetCore.Http;
using Payments.Api.Endpoints;
using Payments.Api.Fields;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Errors;

namespace Payments.Api.Module;

/// <summary>
/// <c>POST /module/query/{entity}</c> (docs/module-api.md §4.1): what Medusa's <c>list</c>, <c>listAndCount</c> and
/// <c>retrieve</c> calls of its Payment Module ask, with Medusa's filters, relations, order and pages.
/// </summary>
public sealed class ModuleQueryEndpoints(RequestPipeline pipeline, ModuleRows rows)
{
    private const int MaxRelations = 50;
    private const string RefundReasonRelation = "refund_reason";
    private const int MaxSelectedFields = 500;

    private static readonly RouteContract Query = new(
        RouteAuthentication.Module,
        new BodySchema(
            BodyField.Record("filters"),
            BodyField.Strings("relations", MaxRelations),
            BodyField.Strings("select", MaxSelectedFields).Optional(),
            BodyField.Count("skip").Optional().Nullable(),
            BodyField.Count("take").Optional().Nullable(),
            BodyField.Record("order").Optional(),
            BodyField.Boolean("with_deleted").Optional(),
            BodyField.Boolean("count")),
        new QuerySchema());

    public Task<IResult> QueryAsync(HttpRequest request, string entityName, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Query, async (call, cancellation) =>
        {
            var entity = ModuleEntity.All.GetValueOrDefault(entityName) ?? throw MedusaException.NotFound($"The module queries no entity {entityName}.");
            var relations = call.Body.GetStrings("relations")!;
            if (relations.Select(path => FieldPaths.FirstViolation(path)).OfType<FieldPathViolation>().FirstOrDefault() is { } violation)
            {
                throw MedusaException.InvalidData($"The relation path {violation.Path} follows a relation twice or goes too deep.");
            }

            var query = new ModuleQuery(
                MedusaFilter.Of(call.Body.GetRecord("filters")!.Value, entity.Name, entity.Fields),
                call.Body.GetRecord("order"),
                call.Body.GetCount("skip") ?? 0,
                call.Body.GetCount("take"),
                call.Body.GetBoolean("with_deleted") ?? false,
                ShowsRefundReasons: relations.Any(path => path == RefundReasonRelation || path.EndsWith("." + RefundReasonRelation, StringComparison.Ordinal)));
            var (page, count) = await rows.QueryAsync(entity, query, cancellation);
            var selection = entity.Selection(relations, call.Body.GetStrings("select"));
            return JsonResponse.Ok(JsonResponseBody.Of(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("data");
                foreach (var row in page)
                {
                    row.Write(writer, selection);
                }

                writer.WriteEndArray();
                writer.WriteNumber("count", count);
                writer.WriteEndObject();
            }));
        }, cancellationToken);
}
