using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Domain.Configuration;

namespace Payments.Api.Authentication;

/// <summary>
/// Says once, at start-up, what the JWT secret allows: Medusa accepts a <c>JWT_SECRET</c> of any length, so a short
/// one is used as it is, but under 32 bytes (RFC 7518 §3.2's minimum for HS256) it deserves a warning.
/// </summary>
public sealed partial class JwtSecretStartupCheck(IOptions<AdminAuthOptions> options, ILogger<JwtSecretStartupCheck> logger) : IHostedService
{
    public const int RecommendedMinimumBytes = 32;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // An unresolved Key Vault reference is reported, with every other secret setting, by SecretSettingsStartupCheck.
        var secret = options.Value.JwtSecret;
        var state = SecretSettings.StateOf(secret);
        if (state == SecretState.Absent)
        {
            LogNoSecret(logger);
        }
        else if (state == SecretState.Usable && Encoding.UTF8.GetByteCount(secret!) is var bytes && bytes < RecommendedMinimumBytes)
        {
            LogShortSecret(logger, bytes, RecommendedMinimumBytes);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "AdminAuth:JwtSecret is not set: admin Bearer tokens are refused and every shopper is a guest.")]
    private static partial void LogNoSecret(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AdminAuth:JwtSecret is {Bytes} bytes long; at least {Minimum} are recommended for HS256. Tokens signed with it are accepted.")]
    private static partial void LogShortSecret(ILogger logger, int bytes, int minimum);
}
