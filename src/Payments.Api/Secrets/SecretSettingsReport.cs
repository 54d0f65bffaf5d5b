using Microsoft.Extensions.Configuration;
using Payments.Domain.Configuration;

namespace Payments.Api.Secrets;

/// <summary>
/// The app's secret settings (each registered as a <see cref="SecretSetting"/> where its feature is registered) against
/// the configuration it started with: the start-up log and <c>GET /health</c> report those that cannot be used, by name.
/// </summary>
public sealed class SecretSettingsReport(IEnumerable<SecretSetting> settings, IConfiguration configuration)
{
    /// <summary>Each unusable setting and why, e.g. <c>AdminAuth:JwtSecret holds a Key Vault reference that did not resolve</c>.</summary>
    public IReadOnlyList<string> Problems { get; } =
    [
        .. from setting in settings.DistinctBy(setting => setting.Key)
           let problem = setting.ProblemWith(configuration[setting.Key])
           where problem is not null
           select $"{setting.Key} {problem}",
    ];
}
