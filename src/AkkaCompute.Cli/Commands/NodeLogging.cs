using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AkkaCompute.Cli.Commands;

/// <summary>The logger factory of <c>akc node</c>: one line per entry on stderr (stdout carries the node's address and events).</summary>
internal static class NodeLogging
{
    public static ILoggerFactory Create(string level) => LoggerFactory.Create(b =>
    {
        b.SetMinimumLevel(level switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "none" => LogLevel.None,
            _ => LogLevel.Information,
        });
        b.AddFilter("Microsoft", LogLevel.Warning);
        b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
    });
}
