using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// An <see cref="ILoggerProvider"/> that writes every log entry the node's logger factory lets through (its minimum level applies) into a
/// <see cref="LogRing"/> as one line: <c>HH:mm:ss.fff level category: message</c>, the exception's type and message appended.
/// </summary>
/// <param name="ring">Where the lines go.</param>
internal sealed class LogRingLoggerProvider(LogRing ring) : ILoggerProvider
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RingLogger(ring, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>Formats one entry as a line.</summary>
    internal static string Format(DateTimeOffset time, LogLevel level, string category, string message, Exception? exception) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.UtcDateTime:HH:mm:ss.fff} {Short(level)} {category}: {message}") +
        (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})");

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class RingLogger(LogRing ring, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                ring.Add(Format(DateTimeOffset.UtcNow, logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
