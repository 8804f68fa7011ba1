using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// The logging of <c>akc node</c>: one line per entry on stderr (stdout carries the node's address and events). Akka's own log events
/// reach the same logger factory through <see cref="AkkaLogBridge"/>, named in <c>akka.loggers</c> by <see cref="AkkaConfig"/>.
/// </summary>
internal static class NodeLogging
{
    /// <summary>The node's logger factory at <paramref name="level"/>: one line per entry on stderr, and into <paramref name="ring"/> when given (<c>akc log peek</c>).</summary>
    public static ILoggerFactory Create(string level, AkkaCompute.Cli.Management.LogRing? ring = null) => LoggerFactory.Create(b =>
    {
        if (ring is not null)
        {
            b.AddProvider(new AkkaCompute.Cli.Management.LogRingLoggerProvider(ring));
        }

        b.SetMinimumLevel(Level(level));
        b.AddFilter("Microsoft", LogLevel.Warning);
        b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
    });

    /// <summary>The Akka settings that send Akka's log events to <see cref="AkkaLogBridge"/> at <paramref name="level"/>, and none to stdout.</summary>
    public static Config AkkaConfig(string level) => ConfigurationFactory.ParseString($$"""
        akka {
          loggers = ["{{typeof(AkkaLogBridge).FullName}}, {{typeof(AkkaLogBridge).Assembly.GetName().Name}}"]
          stdout-loglevel = OFF
          loglevel = {{Level(level) switch
          {
              LogLevel.Trace or LogLevel.Debug => "DEBUG",
              LogLevel.Information => "INFO",
              LogLevel.Warning => "WARNING",
              LogLevel.Error or LogLevel.Critical => "ERROR",
              _ => "OFF",
          }}}
        }
        """);

    /// <summary>Akka's log level for an <c>--log-level</c> value (trace and debug are Akka's DEBUG; none is ERROR, the least Akka has).</summary>
    public static Akka.Event.LogLevel AkkaLevel(string level) => Level(level) switch
    {
        LogLevel.Trace or LogLevel.Debug => Akka.Event.LogLevel.DebugLevel,
        LogLevel.Information => Akka.Event.LogLevel.InfoLevel,
        LogLevel.Warning => Akka.Event.LogLevel.WarningLevel,
        _ => Akka.Event.LogLevel.ErrorLevel,
    };

    private static LogLevel Level(string level) => level switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "none" => LogLevel.None,
        _ => LogLevel.Information,
    };
}

/// <summary>Hands the node's <see cref="ILoggerFactory"/> to <see cref="AkkaLogBridge"/> through the actor system's setup.</summary>
internal sealed class NodeLoggerSetup(ILoggerFactory factory) : Setup
{
    public ILoggerFactory Factory { get; } = factory;
}

/// <summary>An Akka logger (named in <c>akka.loggers</c>) that writes Akka's log events to the node's <see cref="ILoggerFactory"/>, category = the log source's class.</summary>
internal sealed class AkkaLogBridge : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public AkkaLogBridge()
    {
        var factory = Context.System.Settings.Setup.Get<NodeLoggerSetup>().Value?.Factory
            ?? LoggerFactory.Create(_ => { });
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            var logger = factory.CreateLogger(e.LogClass is { } c && c != typeof(DummyClassForStringSources) ? c.FullName ?? "Akka" : "Akka");
            var level = e.LogLevel() switch
            {
                Akka.Event.LogLevel.DebugLevel => Microsoft.Extensions.Logging.LogLevel.Debug,
                Akka.Event.LogLevel.InfoLevel => Microsoft.Extensions.Logging.LogLevel.Information,
                Akka.Event.LogLevel.WarningLevel => Microsoft.Extensions.Logging.LogLevel.Warning,
                _ => Microsoft.Extensions.Logging.LogLevel.Error,
            };
            if (logger.IsEnabled(level))
            {
#pragma warning disable CA2254 // the text is Akka's, already formatted
                logger.Log(level, e.Cause, $"[{e.LogSource}] {e.Message}");
#pragma warning restore CA2254
            }
        });
    }
}
