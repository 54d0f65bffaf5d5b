using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Payments.Functions;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.LocalHost;

/// <summary>
/// The middleware that applies <see cref="GatewayKey.Judge"/> in Azure (the local host plays the gateway and does not run
/// it): what an invocation gets without the key, with it, and while the key is unusable, and that the app registers it.
/// </summary>
public sealed class GatewayKeyMiddlewareTests
{
    private const string Key = "gateway-key-0123456789abcdef0123456789abcdef";

    /// <summary>The item under which the ASP.NET Core integration puts an invocation's HttpContext (what GetHttpContext reads).</summary>
    private const string HttpContextItem = "HttpRequestContext";

    private int nextCalls;

    [Theory]
    [InlineData(null)]
    [InlineData("gateway-key")]
    public async Task A_request_without_the_gateways_key_is_answered_401_and_its_function_does_not_run(string? presented)
    {
        var http = await InvokeAsync(Key, presented);

        Assert.Equal((401, 0), (http.Response.StatusCode, nextCalls));
        Assert.Equal("Unauthorized", JsonDocument.Parse(Body(http)).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_request_with_the_gateways_key_runs_its_function()
    {
        var http = await InvokeAsync(Key, Key);

        Assert.Equal((200, 1), (http.Response.StatusCode, nextCalls));
        Assert.Equal(string.Empty, Body(http));
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-payments.vault.azure.net/secrets/gateway-key)")]
    [InlineData(null)]
    public async Task While_the_key_is_unusable_every_request_is_answered_503_even_one_sending_the_same_text(string? configured)
    {
        var http = await InvokeAsync(configured, configured);

        Assert.Equal((503, 0), (http.Response.StatusCode, nextCalls));
        Assert.Equal("unexpected_state", JsonDocument.Parse(Body(http)).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_timer_invocation_runs_without_a_key()
    {
        var context = Substitute.For<FunctionContext>();
        context.Items.Returns(new Dictionary<object, object>());

        await Middleware(configured: null).Invoke(context, _ => Next());

        Assert.Equal(1, nextCalls);
    }

    /// <summary>
    /// The worker runs the middleware only if Program.cs registers it, for every invocation: its line stands at the top
    /// level of the program, not under a condition or in a comment.
    /// </summary>
    [Fact]
    public void The_app_registers_the_middleware_for_every_invocation()
    {
        var program = File.ReadAllLines(Path.Combine(AzuriteFixture.RepositoryRoot(), "src", "Payments.Functions", "Program.cs"));

        Assert.Contains("builder.UseMiddleware<GatewayKeyMiddleware>();", program);
        Assert.Contains("builder.Build().Run();", program);
        Assert.True(
            Array.IndexOf(program, "builder.UseMiddleware<GatewayKeyMiddleware>();") < Array.IndexOf(program, "builder.Build().Run();"),
            "Program.cs registers GatewayKeyMiddleware after the worker is built.");
    }

    private static GatewayKeyMiddleware Middleware(string? configured) =>
        new(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [GatewayKey.Setting.Key] = configured }).Build(),
            NullLogger<GatewayKeyMiddleware>.Instance);

    private async Task<HttpContext> InvokeAsync(string? configured, string? presented)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/admin/payments/pay_1/capture";
        http.Response.Body = new MemoryStream();
        if (presented is not null)
        {
            http.Request.Headers[GatewayKey.HeaderName] = presented;
        }

        var context = Substitute.For<FunctionContext>();
        context.Items.Returns(new Dictionary<object, object> { [HttpContextItem] = http });
        await Middleware(configured).Invoke(context, _ => Next());
        return http;
    }

    private Task Next()
    {
        nextCalls++;
        return Task.CompletedTask;
    }

    private static string Body(HttpContext http) => Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
}
