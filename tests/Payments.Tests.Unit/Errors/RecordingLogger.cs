using Microsoft.Extensions.Logging;

namespace Payments.Tests.Unit.Errors;

/// <summary>An <see cref="ILogger"/> that keeps what was logged, for assertions.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, Exception? Exception, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, exception, formatter(state, exception)));
}
