using System.CommandLine;
using AkkaCompute.Cli.Mcp;
using AkkaCompute.Client;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc mcp --contact ADDR [--http URL]</c>: a Model Context Protocol server whose tools submit, follow and cancel tasks
/// on a running cluster and inspect it (<see cref="McpServerHost"/>). Exit 0 when the client closed the session (or on
/// Ctrl+C over HTTP), 1 when the cluster cannot be reached, 2 for bad arguments or settings.
/// </summary>
internal static class McpCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var contacts = ContactClient.Option(required: true);
        var http = new Option<string?>("--http")
        {
            Description = "serve MCP over streamable HTTP at this URL (http://HOST:PORT/PATH, e.g. http://127.0.0.1:8700/mcp; port 0 picks a free one) instead of stdio; no authentication, so keep it on loopback or behind a proxy",
        };
        var config = CommonOptions.Config();
        config.Description = "a settings file (HOCON): its akc.executor.functions.assemblies are the functions submit_tasks checks jobs against";
        var logLevel = new Option<string>("--log-level")
        {
            Description = "the server's log level on stderr: trace, debug, information, warning (default), error or none",
            DefaultValueFactory = _ => "warning",
        };
        logLevel.AcceptOnlyFromAmong("trace", "debug", "information", "warning", "error", "none");
        var timeout = new Option<int>("--request-timeout")
        {
            Description = "seconds a request to the cluster waits for its answer before it is sent again (3 tries in all, so a tool call fails after 3 x this when the cluster is gone); 1 to 300, default 10",
            DefaultValueFactory = _ => 10,
        };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 300)
            {
                r.AddError("--request-timeout must be 1 to 300 seconds");
            }
        });
        var command = new Command("mcp", "Run a Model Context Protocol (MCP) server for a running cluster, so that an AI assistant or any MCP client can use it. Over stdio by default (stdout carries only MCP frames; logs go to stderr), or streamable HTTP with --http. It connects to the cluster as akc submit does (ClusterClient through --contact). Tools: cluster_status, node_stats, merkle_clock, submit_tasks (a job as HOCON/JSON, checked with line:column errors), get_task, list_tasks (tasks submitted through this server), cancel_task, check_tags (which members have the roles a task requires). Each tool returns one JSON object; bad input is a tool error naming the field.")
        {
            contacts, http, config, logLevel, timeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var signals = new InterruptSignals(ct);
            Uri? url = null;
            if (parse.GetValue(http) is { } text && !TryHttpUrl(text, out url, out var problem))
            {
                await stderr.WriteLineAsync($"akc mcp: --http {text}: {problem}");
                return AkcApp.ExitBadInput;
            }

            if (await FunctionsAsync(parse.GetValue(config), stderr) is not { } functions)
            {
                return AkcApp.ExitBadInput;
            }

            if (url is null)
            {
                // Whatever writes to Console.Out from here on (Akka's standard-out logger, a stray library) goes to stderr:
                // the SDK's stdio transport writes its frames to the process's stdout stream directly.
                Console.SetOut(Console.Error);
            }

            var level = Level(parse.GetValue(logLevel) ?? "warning");
            return await ContactClient.RunAsync("akc mcp", parse.GetValue(contacts) ?? [], stderr, async client =>
            {
                var session = new ClusterSession(client, new McpJobReader(functions, Environment.CurrentDirectory));
                if (url is null)
                {
                    await McpServerHost.RunStdioAsync(session, level, signals.Token);
                    return AkcApp.ExitOk;
                }

                return await ServeHttpAsync(session, url, level, stdout, stderr, signals.Token);
            }, signals.Token, new ComputeClientOptions { RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)), PushResults = false }); // tools ask for results
        });
        return command;
    }

    /// <summary>Checks an <c>--http</c> value: an absolute http URL with a host and an explicit port (0 for any free one).</summary>
    internal static bool TryHttpUrl(string text, out Uri? url, out string problem)
    {
        url = null;
        problem = string.Empty;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttp)
        {
            problem = "is not an http:// URL (give http://HOST:PORT/PATH, e.g. http://127.0.0.1:8700/mcp)";
            return false;
        }

        if (!text.Contains($":{parsed.Port}", StringComparison.Ordinal))
        {
            problem = "has no port (give http://HOST:PORT/PATH; port 0 picks a free one)";
            return false;
        }

        if (!string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment))
        {
            problem = "must not have a query or fragment";
            return false;
        }

        url = parsed;
        return true;
    }

    private static async Task<int> ServeHttpAsync(ClusterSession session, Uri url, LogLevel level, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = await McpServerHost.StartHttpAsync(session, url, level, ct);
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"akc mcp: cannot listen on {url}: {e.Message}");
            return AkcApp.ExitFailed;
        }

        await using (app)
        {
            var bound = new Uri(app.Urls.First());
            await stdout.WriteLineAsync($"mcp {new UriBuilder(url) { Port = bound.Port }.Uri}");
            await stdout.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop serving.
            }

            await app.StopAsync(CancellationToken.None);
            return AkcApp.ExitOk;
        }
    }

    private static async Task<FunctionRegistry?> FunctionsAsync(FileInfo? config, TextWriter stderr)
    {
        try
        {
            var settings = NodeSettingsLoader.Load(config?.FullName, Environment.GetEnvironmentVariable, new Dictionary<string, string>());
            return ComputeNode.LoadFunctions(settings);
        }
        catch (SettingsException e)
        {
            await stderr.WriteLineAsync(e.Message);
        }
        catch (FunctionRegistrationException e)
        {
            await stderr.WriteLineAsync("akc mcp: " + e.Message);
        }

        return null;
    }

    private static LogLevel Level(string level) => level switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "information" => LogLevel.Information,
        "error" => LogLevel.Error,
        "none" => LogLevel.None,
        _ => LogLevel.Warning,
    };
}
