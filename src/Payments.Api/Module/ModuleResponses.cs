using System.Collections.Frozen;
using Payments.Api.Serialization;
using Payments.Api.Serialization.Projection;
using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;

namespace Payments.Api.Module;

/// <summary>
/// The success bodies of the module routes: Medusa's entities with every key (docs/module-api.md §2.2). None expands a
/// refund's reason (Medusa queries for it), so none looks reasons up.
/// </summary>
public static class ModuleResponses
{
    public static JsonResponse Collection(PaymentCollection collection) =>
        Within("payment_collection", ModuleEntity.PaymentCollection, collection, collection, []);

    public static JsonResponse Collections(IReadOnlyList<PaymentCollection> collections) =>
        List("payment_collections", ModuleEntity.PaymentCollection, collections.Select(collection => ((object)collection, Scope(collection))));

    /// <summary><c>{"&lt;key&gt;": [...]}</c> of entities that belong to no collection.</summary>
    internal static JsonResponse StandaloneList(string key, string entityName, IEnumerable<object> items) =>
        List(key, entityName, items.Select(item => (item, ProjectionScope.Standalone)));

    public static JsonResponse Session(PaymentCollection collection, PaymentSession session) =>
        Within("payment_session", ModuleEntity.PaymentSession, session, collection, []);

    /// <summary>A payment with its captures and refunds, each of which Medusa books on the order by id; null is written as such.</summary>
    public static JsonResponse Payment(PaymentInCollection? payment) =>
        payment is null
            ? JsonResponse.Ok(JsonResponseBody.Of(writer =>
            {
                writer.WriteStartObject();
                writer.WriteNull("payment");
                writer.WriteEndObject();
            }))
            : Within("payment", ModuleEntity.Payment, payment.Payment, payment.Collection, ["captures", "refunds"]);

    internal static JsonResponse Standalone(string key, string entityName, object item)
    {
        var entity = ModuleEntity.All[entityName];
        return JsonResponse.Ok(JsonResponseBody.Envelope(key, writer => entity.Row(item, ProjectionScope.Standalone).Write(writer, entity.KeysOnly)));
    }

    private static JsonResponse Within(string key, string entityName, object item, PaymentCollection collection, IReadOnlyList<string> relations)
    {
        var entity = ModuleEntity.All[entityName];
        var row = entity.Row(item, Scope(collection));
        return JsonResponse.Ok(JsonResponseBody.Envelope(key, writer => row.Write(writer, entity.Selection(relations))));
    }

    private static JsonResponse List(string key, string entityName, IEnumerable<(object Item, ProjectionScope Scope)> items)
    {
        var entity = ModuleEntity.All[entityName];
        var selection = entity.KeysOnly;
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

    private static ProjectionScope Scope(PaymentCollection collection) =>
        new(collection, FrozenDictionary<string, RefundReason>.Empty, ContextViewer.Admin);
}
