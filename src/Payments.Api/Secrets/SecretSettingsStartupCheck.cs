using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Api.Secrets;

/// <summary>Says at start-up which secret settings cannot be used; the requests that need one answer 503 until it can.</summary>
public sealed partial class SecretSettingsStartupCheck(SecretSettingsReport report, ILogger<SecretSettingsStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var problem in report.Problems)
        {
            LogUnusable(logger, problem);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The secret setting {Problem}: the requests that need it answer 503 and /health reports it until the app restarts with a usable value.")]
    private static partial void LogUnusable(ILogger logger, string problem);
}
