using System.Text.Json;
using System.Text.Json.Nodes;

namespace Payments.Domain.Sessions;

/// <summary>The JSON object manipulations of provider data.</summary>
public static class ProviderData
{
    /// <summary>A copy of <paramref name="baseData"/> with <paramref name="overlay"/>'s keys set over it (JavaScript's <c>{...base, ...overlay}</c>).</summary>
    public static JsonElement Overlay(JsonElement? baseData, JsonElement overlay)
    {
        var merged = baseData is { } data ? JsonObject.Create(data) ?? [] : [];
        foreach (var property in overlay.EnumerateObject())
        {
            merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        return JsonSerializer.SerializeToElement(merged);
    }

    /// <summary>The request's data with <c>session_id</c> added, as the provider's initiate receives it.</summary>
    public static JsonElement WithSessionId(JsonElement? requestData, string sessionId) =>
        Overlay(requestData, JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["session_id"] = sessionId }));
}
