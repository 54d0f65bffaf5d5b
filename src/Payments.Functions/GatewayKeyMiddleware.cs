using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Payments.Api.Errors;
using Payments.Domain.Configuration;

namespace Payments.Functions;

/// <summary>
/// Every HTTP invocation in Azure passes <see cref="GatewayKey"/> first: a request without the gateway's key is answered
/// 401 without running its function, and while the key itself is unusable every request is answered 503 with a log line
/// naming <c>Gateway:Key</c>. Timer invocations pass through. The local host plays the gateway and does not run this.
/// </summary>
public sealed partial class GatewayKeyMiddleware(IConfiguration configuration, ILogger<GatewayKeyMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var configured = configuration[GatewayKey.Setting.Key];
        switch (GatewayKey.Judge(configured, http.Request.Headers[GatewayKey.HeaderName].ToString()))
        {
            case GatewayKeyVerdict.Admitted:
                await next(context);
                break;
            case GatewayKeyVerdict.Refused:
                LogRefused(logger, http.Request.Path);
                await ErrorResponses.FromException(new AdminUnauthorizedException(), logger).ExecuteAsync(http);
                break;
            default:
                await ErrorResponses.FromException(new SecretSettingUnusableException(GatewayKey.Setting, configured), logger).ExecuteAsync(http);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A request to {Path} without the gateway's key was refused: it did not come through the gateway.")]
    private static partial void LogRefused(ILogger logger, PathString path);
}
