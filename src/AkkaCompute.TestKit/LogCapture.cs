using Microsoft.Extensions.Logging;

namespace AkkaCompute.TestKit;

/// <summary>One captured log entry.</summary>
/// <param name="Level">Its level.</param>
/// <param name="Category">The logger category.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);

/// <summary>
/// A logger provider that keeps every entry in memory (at most <see cref="Capacity"/>, oldest
/// dropped first) so tests can assert on logs, and optionally echoes them to xUnit's output.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly object _lock = new(); // a monitor: AwaitEntry waits on it, Add pulses it
    private readonly List<LogEntry> _entries = [];
    private readonly Action<string>? _echo;

    /// <summary>Creates the capture.</summary>
    /// <param name="echo">Receives each formatted line (e.g. ITestOutputHelper.WriteLine), or null.</param>
    /// <param name="capacity">Entries kept; default 10,000.</param>
    public LogCapture(Action<string>? echo = null, int capacity = 10_000)
    {
        _echo = echo;
        Capacity = capacity;
    }

    /// <summary>Entries kept at most.</summary>
    public int Capacity { get; }

    /// <summary>A snapshot of the entries, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>
    /// Blocks until an entry (already captured or arriving) matches <paramref name="match"/> and returns it, or returns null
    /// after <paramref name="timeout"/>. Woken by each new entry, it never polls.
    /// </summary>
    /// <param name="match">The condition; called under the capture's lock, so it must not log.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null.</exception>
    public LogEntry? AwaitEntry(Func<LogEntry, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        lock (_lock)
        {
            var looked = 0;
            while (true)
            {
                // Entries only append (the oldest may be dropped at capacity, which shifts the indexes: then look again from 0).
                for (var i = Math.Min(looked, _entries.Count); i < _entries.Count; i++)
                {
                    if (match(_entries[i]))
                    {
                        return _entries[i];
                    }
                }

                looked = _entries.Count >= Capacity ? 0 : _entries.Count;
                var left = timeout - deadline.Elapsed;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_lock, left))
                {
                    return null;
                }
            }
        }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (_lock)
        {
            if (_entries.Count >= Capacity)
            {
                _entries.RemoveAt(0);
            }

            _entries.Add(entry);
            Monitor.PulseAll(_lock);
        }

        try
        {
            _echo?.Invoke($"[{entry.Level}] {entry.Category}: {entry.Message}{(entry.Exception is null ? string.Empty : " | " + entry.Exception.GetType().Name + ": " + entry.Exception.Message)}");
        }
        catch (InvalidOperationException)
        {
            // xUnit's output helper throws once the test has finished; late log lines are dropped.
        }
    }

    private sealed class CapturingLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new LogEntry(logLevel, category, formatter(state, exception), exception));
    }
}
