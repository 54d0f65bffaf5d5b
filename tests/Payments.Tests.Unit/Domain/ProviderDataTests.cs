using System.Text.Json;
using Payments.Domain.Sessions;

namespace Payments.Tests.Unit.Domain;

public sealed class ProviderDataTests
{
    [Theory]
    [InlineData(null, "{}", "{}")]
    [InlineData("""{"note":"anchor"}""", "{}", """{"note":"anchor"}""")]
    [InlineData("""{"a":1,"b":2}""", """{"b":3,"c":4}""", """{"a":1,"b":3,"c":4}""")]
    [InlineData(null, """{"id":"pi_1","client_secret":"s"}""", """{"id":"pi_1","client_secret":"s"}""")]
    public void Overlay_keeps_request_keys_in_place_and_lets_the_provider_win(string? requestData, string providerData, string expected)
    {
        JsonElement? request = requestData is null ? null : JsonDocument.Parse(requestData).RootElement;

        var merged = ProviderData.Overlay(request, JsonDocument.Parse(providerData).RootElement);

        Assert.Equal(expected, merged.GetRawText());
    }

    [Fact]
    public void The_provider_receives_the_request_data_with_the_session_id()
    {
        var data = ProviderData.WithSessionId(JsonDocument.Parse("""{"note":"x"}""").RootElement, "payses_1");

        Assert.Equal("""{"note":"x","session_id":"payses_1"}""", data.GetRawText());
    }
}
