using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace Payments.Tests.Integration.Hostile;

/// <summary>
/// Every write a request makes to Table Storage, counted at the table client's HTTP pipeline and attributed to the
/// request that caused it, even among many requests at once: a middleware takes the request's
/// <see cref="CaseHeader"/> into an async-local value that flows into the storage calls the request makes.
/// Writes by no request (the release worker, housekeeping) and table creation are not counted.
/// </summary>
internal sealed class TableWriteLedger : HttpPipelineSynchronousPolicy
{
    public const string CaseHeader = "x-hostile-case";

    private static readonly AsyncLocal<string?> CurrentCase = new();

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> writes = new(StringComparer.Ordinal);

    /// <summary>The writes of one request, as <c>METHOD path</c>.</summary>
    public IReadOnlyCollection<string> WritesOf(string caseId) =>
        writes.TryGetValue(caseId, out var made) ? made : [];

    public void AddTo(IServiceCollection services)
    {
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(this, HttpPipelinePosition.PerRetry)));
        services.AddSingleton<IStartupFilter>(new CaseTagging());
    }

    /// <summary>Counts a write once the service accepted it: a conditional write refused (412, 409) changed nothing.</summary>
    public override void OnReceivedResponse(HttpMessage message)
    {
        var request = message.Request;
        var isWrite = request.Method != RequestMethod.Get && request.Method != RequestMethod.Head;
        var isTableCreation = request.Uri.Path.EndsWith("/Tables", StringComparison.Ordinal);
        if (isWrite && !isTableCreation && Succeeded(message) && CurrentCase.Value is { } caseId)
        {
            writes.GetOrAdd(caseId, _ => new ConcurrentQueue<string>()).Enqueue($"{request.Method} {request.Uri.Path}");
        }
    }

    /// <summary>A transaction answers 202 whatever its operations did; its parts carry their own status lines.</summary>
    private static bool Succeeded(HttpMessage message)
    {
        if (message.Response.Status is < 200 or >= 300)
        {
            return false;
        }

        if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
        {
            return true;
        }

        var parts = message.Response.Content?.ToString() ?? "";
        return !parts.Contains("HTTP/1.1 4", StringComparison.Ordinal) && !parts.Contains("HTTP/1.1 5", StringComparison.Ordinal);
    }

    private sealed class CaseTagging : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                CurrentCase.Value = context.Request.Headers[CaseHeader].ToString() is { Length: > 0 } caseId ? caseId : null;
                await following(context);
            });
            next(app);
        };
    }
}
