using System.Security.Cryptography;
using System.Text;
using Payments.Domain.Configuration;

namespace Payments.Functions;

/// <summary>What the app does with a request, given the gateway key it was configured with and the one the request carries.</summary>
public enum GatewayKeyVerdict
{
    Admitted,

    /// <summary>The key is missing or wrong: the request did not come through the gateway (401).</summary>
    Refused,

    /// <summary>The configured key cannot be used (unresolved Key Vault reference, or not set): nothing is served (503).</summary>
    Unavailable,
}

/// <summary>
/// Only the gateway reaches the app: the gateway's backend sends the secret <c>Gateway:Key</c> (Key Vault, named value
/// <c>gateway-key</c>) in <see cref="HeaderName"/>, drops any a client sends, and the app serves only requests carrying
/// it. Both sides take the value from the deployment's parameter, so nothing has to be read from the running app when
/// the gateway is deployed (a host key exists only once the host has started, after the first provisioning).
/// </summary>
public static class GatewayKey
{
    public const string HeaderName = "x-payments-gateway-key";

    public static SecretSetting Setting { get; } = new("Gateway:Key", Required: true);

    public static GatewayKeyVerdict Judge(string? configured, string? presented)
    {
        if (Setting.ProblemWith(configured) is not null)
        {
            return GatewayKeyVerdict.Unavailable;
        }

        // Hashing first makes the comparison constant-time whatever the lengths.
        return presented is { Length: > 0 }
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(configured!)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)))
                ? GatewayKeyVerdict.Admitted
                : GatewayKeyVerdict.Refused;
    }
}
