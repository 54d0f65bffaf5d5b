using System.Text.Json;
using Payments.Api.Fields;
using Payments.Api.Listing;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;

namespace Payments.Api.Endpoints;

/// <summary>The success bodies of the routes, each with the caller's <c>fields</c> over the route's defaults.</summary>
public sealed class Responses(RefundReasonCatalog refundReasons)
{
    public static FieldSelection Fields(RouteCall call, IReadOnlyList<string> defaults) =>
        FieldSelection.Resolve(call.Query.GetString(QueryParameter.Fields.Name), defaults);

    /// <summary><c>{"&lt;plural&gt;": [...], "count", "offset", "limit"}</c> for a page of a list route.</summary>
    public static JsonResponse Page<T>(string plural, ListPage<T> page, Action<Utf8JsonWriter, T> writeItem) =>
        JsonResponse.Ok(JsonResponseBody.List(plural, page.Items, writeItem, page.Count, page.Offset, page.Limit));

    /// <summary>The provider list body of the store and the admin provider routes.</summary>
    public static JsonResponse PaymentProviders(ListPage<PaymentProviderListing> page, RouteCall call)
    {
        var fields = Fields(call, FieldDefaults.PaymentProviders);
        return Page("payment_providers", page, (writer, provider) => writer.WritePaymentProvider(provider, fields));
    }

    /// <summary>
    /// The fields of a store collection route: the caller's <c>fields</c> over Medusa's defaults, reduced to what
    /// Medusa's store routes allow (the rest is dropped silently, as Medusa drops it).
    /// </summary>
    public static FieldSelection StoreCollectionFields(RouteCall call) =>
        FieldSelection.Resolve(call.Query.GetString(QueryParameter.Fields.Name), FieldDefaults.StoreCollection, FieldDefaults.StoreCollectionAllowed);

    public async Task<JsonResponse> CollectionAsync(PaymentCollection collection, FieldSelection fields, ContextViewer viewer, CancellationToken cancellationToken)
    {
        var reasons = await ReasonsOfAsync([collection], cancellationToken);
        return JsonResponse.Ok(JsonResponseBody.Envelope(
            "payment_collection",
            writer => writer.WritePaymentCollection(collection, fields, reasons, viewer)));
    }

    /// <summary>A payment on an admin route, which sees every session's context.</summary>
    public async Task<JsonResponse> PaymentAsync(PaymentInCollection payment, FieldSelection fields, CancellationToken cancellationToken)
    {
        var reasons = await ReasonsOfAsync([payment.Collection], cancellationToken);
        return JsonResponse.Ok(JsonResponseBody.Envelope(
            "payment",
            writer => writer.WritePayment(payment.Payment, payment.Collection, fields, reasons, ContextViewer.Admin)));
    }

    /// <summary>The live refund reasons the refunds of these collections name; no lookup at all when there are none.</summary>
    public Task<IReadOnlyDictionary<string, RefundReason>> ReasonsOfAsync(IEnumerable<PaymentCollection> collections, CancellationToken cancellationToken) =>
        refundReasons.FindLiveAsync(
            collections.SelectMany(collection => collection.Payments)
                .SelectMany(payment => payment.Refunds)
                .Select(refund => refund.RefundReasonId)
                .OfType<string>(),
            cancellationToken);
}
