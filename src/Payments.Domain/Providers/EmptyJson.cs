using System.Text.Json;

namespace Payments.Domain.Providers;

public static class EmptyJson
{
    /// <summary>The JSON object <c>{}</c>.</summary>
    public static JsonElement Object { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
