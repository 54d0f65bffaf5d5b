using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Payments.Api.Authentication;
using Payments.Api.Errors;
using Payments.Domain.Configuration;

namespace Payments.Tests.Unit.Authentication;

/// <summary>The module routes' credential (docs/module-api.md §2): the module API key as a Bearer token, and nothing else.</summary>
public sealed class ModuleAuthenticatorTests
{
    private const string Key = "module-key-0123456789abcdef0123456789abcdef";

    [Fact]
    public void The_configured_key_as_a_bearer_token_is_the_module()
    {
        Assert.Equal(ModuleAuthenticator.CallerId, Authenticator(Key).Authenticate(Request($"Bearer {Key}")));
        Assert.Equal(ModuleAuthenticator.CallerId, Authenticator(Key).Authenticate(Request($"bearer {Key}")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer module-key-0123456789abcdef0123456789abcdeX")]
    [InlineData("Bearer module-key-0123456789abcdef0123456789abcdef0")]
    [InlineData("Basic bW9kdWxlLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjo=")]
    public void Anything_else_is_unauthorized(string? authorization) =>
        Assert.Throws<AdminUnauthorizedException>(() => Authenticator(Key).Authenticate(Request(authorization)));

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Without_the_setting_no_request_authenticates_not_even_an_empty_bearer(string? configured) =>
        Assert.Throws<AdminUnauthorizedException>(() => Authenticator(configured).Authenticate(Request("Bearer  ")));

    [Fact]
    public void An_unresolved_key_vault_reference_authenticates_nothing_and_names_the_setting()
    {
        const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/module)";

        var failure = Assert.Throws<SecretSettingUnusableException>(() => Authenticator(Reference).Authenticate(Request($"Bearer {Reference}")));

        Assert.Equal(ModuleAuthOptions.ModuleApiKeyKey, failure.Setting);
    }

    private static ModuleAuthenticator Authenticator(string? key) =>
        new(Options.Create(new ModuleAuthOptions { ModuleApiKey = key }), NullLogger<ModuleAuthenticator>.Instance);

    private static HttpRequest Request(string? authorization)
    {
        var request = new DefaultHttpContext().Request;
        if (authorization is not null)
        {
            request.Headers.Authorization = authorization;
        }

        return request;
    }
}
