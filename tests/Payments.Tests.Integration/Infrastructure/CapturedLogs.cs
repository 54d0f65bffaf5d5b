using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Payments.Tests.Integration.Infrastructure;

/// <summary>
/// One log entry as an operator would read it: category, level, the formatted message, the exception text, and the
/// structured values (exported as custom dimensions even when the message does not show them).
/// </summary>
public sealed record CapturedLogEntry(string Category, LogLevel Level, string Message, string? Exception, IReadOnlyList<string> Values)
{
    public string Text => string.Join('\n', [Message, Exception ?? "", .. Values]);
}

/// <summary>
/// Every log entry of a host at Information and above (what production ships to Application Insights), kept so the
/// tests can assert that no secret ever reaches the logs.
/// </summary>
public sealed partial class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> entries = new();

    public IReadOnlyCollection<CapturedLogEntry> Entries => entries;

    /// <summary>Adds the capture to a host's logging, whatever the host's own log levels.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddLogging(logging =>
        {
            logging.AddProvider(this);

            // A rule for this provider wins over the host's rules (which keep the console quiet in tests).
            logging.AddFilter<CapturedLogs>(category: null, LogLevel.Information);
        });

    /// <summary>
    /// The entries that contain a secret: one of <paramref name="secrets"/> (the host's configured keys and tokens),
    /// any JWT, any Stripe secret or restricted key, webhook secret or client secret, or an e-mail address.
    /// </summary>
    public IReadOnlyList<string> Leaks(IEnumerable<string> secrets)
    {
        var literal = secrets.Where(secret => secret.Length > 0).ToList();
        return
        [
            .. entries
                .Select(entry => entry.Text)
                .Where(text => literal.Exists(secret => text.Contains(secret, StringComparison.Ordinal)) || SecretShape().IsMatch(text)),
        ];
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, entries);

    public void Dispose()
    {
    }

    [GeneratedRegex(@"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+|\b(?:sk|rk)_(?:live|test)_\w+|\bwhsec_\w+|\bpi_\w+_secret_\w+|[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex SecretShape();

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLogEntry(
                category,
                logLevel,
                formatter(state, exception),
                exception?.ToString(),
                state is IEnumerable<KeyValuePair<string, object?>> values ? [.. values.Select(value => $"{value.Key}={value.Value}")] : []));
    }
}
