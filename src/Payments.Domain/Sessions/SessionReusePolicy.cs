using System.Text.Json;
using Payments.Domain.Collections;

namespace Payments.Domain.Sessions;

/// <summary>
/// Spec D3: storefronts call session initialisation on every visit to the payment step; an unchanged request
/// keeps the existing session (and its Stripe client secret) instead of creating a new provider payment.
/// </summary>
public static class SessionReusePolicy
{
    public static bool CanReuse(PaymentCollection collection, SessionInitialization request) =>
        request.AllowReuse
        && collection.Sessions is [var session]
        && session.ProviderId == request.ProviderId
        && session.Status is PaymentSessionStatus.Pending or PaymentSessionStatus.RequiresMore
        && session.Amount == collection.Amount
        && session.CurrencyCode == collection.CurrencyCode
        && session.ProviderReference is not null

        // A guest's session has no account holder, so a customer gets a session of their own (and the reverse).
        && session.Context?.Customer.Id == request.Caller.Customer?.CustomerId
        && BringsNoNewData(request.Data, session.Data);

    /// <summary>True when every top-level key of the request's data is already in the session's data with an equal value.</summary>
    private static bool BringsNoNewData(JsonElement? requestData, JsonElement sessionData)
    {
        if (requestData is not { } data)
        {
            return true;
        }

        foreach (var property in data.EnumerateObject())
        {
            if (!sessionData.TryGetProperty(property.Name, out var existing) || !SameJson(existing, property.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Structural equality of two JSON values. Numbers are the same when their text is, or when both are decimals of the
    /// same value; a number no decimal holds (<c>1e99999999999</c>) equals only its own text, where
    /// <see cref="JsonElement.DeepEquals"/> would throw on it. Telling two equal values apart only costs a new session.
    /// </summary>
    private static bool SameJson(JsonElement left, JsonElement right) => (left.ValueKind, right.ValueKind) switch
    {
        (JsonValueKind.Object, JsonValueKind.Object) =>
            left.EnumerateObject().Count() == right.EnumerateObject().Count()
            && left.EnumerateObject().All(property => right.TryGetProperty(property.Name, out var other) && SameJson(property.Value, other)),
        (JsonValueKind.Array, JsonValueKind.Array) =>
            left.GetArrayLength() == right.GetArrayLength() && left.EnumerateArray().Zip(right.EnumerateArray()).All(pair => SameJson(pair.First, pair.Second)),
        (JsonValueKind.Number, JsonValueKind.Number) =>
            left.GetRawText() == right.GetRawText() || (left.TryGetDecimal(out var a) && right.TryGetDecimal(out var b) && a == b),
        (JsonValueKind.String, JsonValueKind.String) => left.ValueEquals(right.GetString()),
        var (leftKind, rightKind) => leftKind == rightKind && leftKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null,
    };
}
