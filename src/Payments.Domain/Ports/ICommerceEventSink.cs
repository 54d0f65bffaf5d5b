using System.Globalization;
using System.Text.Json;
using Payments.Domain.Commerce;

namespace Payments.Domain.Ports;

/// <summary>
/// The backend's answer to an event it received: accepted (2xx) with the JSON its handler answered, or refused as
/// malformed (400, with Medusa's error body), which delivering again would not change.
/// </summary>
public sealed record CommerceEventAnswer(bool IsAccepted, JsonElement Body)
{
    /// <summary>
    /// The cart's exact total the plugin answers to <c>payment_collection.created</c>: its <c>raw_total</c>
    /// (<c>{"value", "precision"}</c>), or null when the answer has none.
    /// </summary>
    public decimal? CartTotal =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("cart_total", out var total)
        && (total.ValueKind == JsonValueKind.Object && total.TryGetProperty("value", out var raw) ? raw : total) is var value
        && (value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null) is { } text
        && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            ? exact
            : null;

    /// <summary>The <c>message</c> of a refusal's Medusa error body, or a fallback naming the event.</summary>
    public string RefusalMessage(CommerceEvent commerceEvent) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
            ? message.GetString()!
            : $"The commerce backend refused event {commerceEvent.EventId} ({commerceEvent.Type}).";
}

/// <summary>Where events for the commerce backend's module go (docs/module-api.md §5).</summary>
public interface ICommerceEventSink
{
    /// <summary>Delivers the event, signed; throws when it was not delivered (unreachable, timed out, 401, 5xx), to be delivered again.</summary>
    Task<CommerceEventAnswer> DeliverAsync(CommerceEvent commerceEvent, CancellationToken cancellationToken);
}
