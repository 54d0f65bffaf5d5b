using Payments.Api.Endpoints;
using Payments.Api.Serialization;
using Payments.Api.Serialization.Projection;
using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;

namespace Payments.Api.Module;

/// <summary>The success bodies of the module routes: Medusa's entities with every key (docs/module-api.md §2.2).</summary>
public sealed class ModuleResponses(Responses responses)
{
    public Task<JsonResponse> CollectionAsync(PaymentCollection collection, CancellationToken cancellationToken) =>
        WithinAsync("payment_collection", ModuleEntity.PaymentCollection, collection, collection, [], cancellationToken);

    public async Task<JsonResponse> CollectionsAsync(IReadOnlyList<PaymentCollection> collections, CancellationToken cancellationToken)
    {
        var reasons = await responses.ReasonsOfAsync(collections, cancellationToken);
        return List("payment_collections", ModuleEntity.PaymentCollection, collections.Select(collection => ((object)collection, Scope(collection, reasons))));
    }

    /// <summary><c>{"&lt;key&gt;": [...]}</c> of entities that belong to no collection.</summary>
    internal static JsonResponse StandaloneList(string key, string entityName, IEnumerable<object> items) =>
        List(key, entityName, items.Select(item => (item, ProjectionScope.Standalone)));

    public Task<JsonResponse> SessionAsync(PaymentCollection collection, PaymentSession session, CancellationToken cancellationToken) =>
        WithinAsync("payment_session", ModuleEntity.PaymentSession, session, collection, [], cancellationToken);

    /// <summary>A payment with its captures and refunds, each of which Medusa books on the order by id; null is written as such.</summary>
    public Task<JsonResponse> PaymentAsync(PaymentInCollection? payment, CancellationToken cancellationToken) =>
        payment is null
            ? Task.FromResult(JsonResponse.Ok(JsonResponseBody.Of(writer =>
            {
                writer.WriteStartObject();
                writer.WriteNull("payment");
                writer.WriteEndObject();
            })))
            : WithinAsync("payment", ModuleEntity.Payment, payment.Payment, payment.Collection, ["captures", "refunds"], cancellationToken);

    internal static JsonResponse Standalone(string key, string entityName, object item)
    {
        var entity = ModuleEntity.All[entityName];
        return JsonResponse.Ok(JsonResponseBody.Envelope(key, writer => entity.Row(item, ProjectionScope.Standalone).Write(writer, entity.Selection([]))));
    }

    private async Task<JsonResponse> WithinAsync(
        string key,
        string entityName,
        object item,
        PaymentCollection collection,
        IReadOnlyList<string> relations,
        CancellationToken cancellationToken)
    {
        var entity = ModuleEntity.All[entityName];
        var reasons = await responses.ReasonsOfAsync([collection], cancellationToken);
        var row = entity.Row(item, Scope(collection, reasons));
        return JsonResponse.Ok(JsonResponseBody.Envelope(key, writer => row.Write(writer, entity.Selection(relations))));
    }

    private static JsonResponse List(string key, string entityName, IEnumerable<(object Item, ProjectionScope Scope)> items)
    {
        var entity = ModuleEntity.All[entityName];
        var selection = entity.Selection([]);
        return JsonResponse.Ok(JsonResponseBody.Of(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray(key);
            foreach (var (item, scope) in items)
            {
                entity.Row(item, scope).Write(writer, selection);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }));
    }

    private static ProjectionScope Scope(PaymentCollection collection, IReadOnlyDictionary<string, RefundReason> reasons) =>
        new(collection, reasons, ContextViewer.Admin);
}
