using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace AkkaCompute.Cli.Mcp;

/// <summary>
/// Hosts the MCP server of <c>akc mcp</c> with the Model Context Protocol C# SDK: over stdio (one session: the client that
/// started the process) or over streamable HTTP (<c>--http URL</c>, Kestrel, any number of sessions). The tools are
/// <see cref="ClusterTools"/>, <see cref="TaskTools"/> and <see cref="RoutingTools"/>, sharing one <see cref="ClusterSession"/>.
/// Logs go to stderr only: on stdio, stdout carries nothing but MCP frames.
/// </summary>
internal static class McpServerHost
{
    /// <summary>The server's name in the MCP handshake.</summary>
    public const string ServerName = "akc";

    /// <summary>What the server tells a client about itself in the handshake.</summary>
    public const string Instructions =
        "AkkaCompute cluster tools: submit_tasks (a job as HOCON/JSON), get_task and list_tasks to follow tasks, cancel_task, " +
        "cluster_status, node_stats and merkle_clock to inspect the cluster, check_tags to see which members could run a task.";

    /// <summary>Serves MCP on this process's stdin and stdout until the client closes stdin or <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task RunStdioAsync(ClusterSession session, LogLevel logLevel, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        Logging(builder.Logging, logLevel);
        builder.Services.AddSingleton(session);
        Tools(builder.Services.AddMcpServer(Options)).WithStdioServerTransport();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
    }

    /// <summary>Starts the streamable HTTP server at <paramref name="url"/> (its path is the MCP endpoint) and returns the running app.</summary>
    /// <exception cref="IOException">The port is in use or the host cannot be bound.</exception>
    public static async Task<WebApplication> StartHttpAsync(ClusterSession session, Uri url, LogLevel logLevel, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        Logging(builder.Logging, logLevel);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.WebHost.UseUrls($"http://{UrlHost(url.Host)}:{url.Port}");
        builder.Services.AddSingleton(session);
        Tools(builder.Services.AddMcpServer(Options)).WithHttpTransport();
        var app = builder.Build();
        app.MapMcp(url.AbsolutePath);
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static string UrlHost(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;

    private static void Options(ModelContextProtocol.Server.McpServerOptions o)
    {
        o.ServerInfo = new Implementation { Name = ServerName, Version = typeof(McpServerHost).Assembly.GetName().Version?.ToString() ?? "0.0.0" };
        o.ServerInstructions = Instructions;
    }

    private static IMcpServerBuilder Tools(IMcpServerBuilder builder) =>
        builder.WithTools<ClusterTools>().WithTools<TaskTools>().WithTools<RoutingTools>();

    private static void Logging(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(level);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
