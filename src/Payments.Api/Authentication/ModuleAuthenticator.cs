using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Api.Errors;
using Payments.Domain.Configuration;
using Payments.Domain.Identifiers;

namespace Payments.Api.Authentication;

/// <summary>
/// The credential of the module routes (docs/module-api.md §2): <c>Authorization: Bearer &lt;key&gt;</c> with the key of
/// <see cref="ModuleAuthOptions.ModuleApiKey"/>. Without the setting nothing authenticates; an unresolved Key Vault
/// reference in it is a 503 (<see cref="SecretSettingUnusableException"/>). The keys are compared as SHA-256 digests in
/// constant time, so neither their content nor their length shows in the time taken.
/// </summary>
public sealed partial class ModuleAuthenticator(IOptions<ModuleAuthOptions> options, ILogger<ModuleAuthenticator> logger)
{
    /// <summary>The caller id of every module call: what its <c>Idempotency-Key</c>s belong to.</summary>
    public const string CallerId = "module";

    private readonly byte[]? keyDigest = SecretSettings.StateOf(options.Value.ModuleApiKey) == SecretState.Usable
        ? TokenDigest.Of(options.Value.ModuleApiKey!)
        : null;

    public string Authenticate(HttpRequest request)
    {
        if (SecretSettings.UsableOrAbsent(options.Value.ModuleApiKey, ModuleAuthOptions.ModuleApiKeyKey) is null)
        {
            throw Refused($"{ModuleAuthOptions.ModuleApiKeyKey} is not set: module mode is off");
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { } presented)
        {
            throw Refused("no Bearer credentials");
        }

        return CryptographicOperations.FixedTimeEquals(TokenDigest.Of(presented), keyDigest)
            ? CallerId
            : throw Refused("a Bearer key that is not the module API key");
    }

    private AdminUnauthorizedException Refused(string reason)
    {
        LogRefused(logger, reason);
        return new AdminUnauthorizedException();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Module credentials refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
