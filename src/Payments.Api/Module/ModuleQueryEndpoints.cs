using System.Text.Json;
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

            var filter = MedusaFilter.Of(call.Body.GetRecord("filters")!.Value, entity.Name, entity.Fields);
            var found = await rows.FindAsync(entity, filter, call.Body.GetBoolean("with_deleted") ?? false, cancellation);
            var matching = Ordered(found.Where(row => filter.Matches(row.Fields)), call.Body.GetRecord("order"), entity).ToList();
            var page = matching.Skip(call.Body.GetCount("skip") ?? 0).Take(call.Body.GetCount("take") ?? int.MaxValue);
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
                writer.WriteNumber("count", matching.Count);
                writer.WriteEndObject();
            }));
        }, cancellationToken);

    /// <summary>
    /// Medusa's <c>order</c> (<c>{"created_at": "DESC"}</c>) on the entity's own keys, then <c>created_at</c> and <c>id</c>, the
    /// default; orders of relations (nested objects) are left to Medusa, which sorts what it reads.
    /// </summary>
    private static IEnumerable<ModuleRow> Ordered(IEnumerable<ModuleRow> rows, JsonElement? order, ModuleEntity entity)
    {
        List<JsonProperty> given = order is { } asked ? [.. asked.EnumerateObject()] : [];
        var keys = given
            .Where(key => key.Value.ValueKind == JsonValueKind.String)
            .Select(key => entity.Fields.Contains(key.Name)
                ? (Field: key.Name, Descending: key.Value.GetString()!.Equals("DESC", StringComparison.OrdinalIgnoreCase))
                : throw MedusaException.InvalidData($"A {entity.Name} has no field {key.Name} to order by."))
            .Concat([(Field: "created_at", Descending: false), (Field: "id", Descending: false)])
            .Where(key => entity.Fields.Contains(key.Field))
            .ToList();
        return rows.Order(Comparer<ModuleRow>.Create((left, right) =>
        {
            foreach (var (field, descending) in keys)
            {
                var compared = MedusaFilter.Compare(left.Fields.GetProperty(field), right.Fields.GetProperty(field));
                if (compared != 0)
                {
                    return descending ? -compared : compared;
                }
            }

            return 0;
        }));
    }
}
