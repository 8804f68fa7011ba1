using Akka.Configuration;

namespace AkkaCompute.Node;

/// <summary>The node's own Akka configuration (<c>node.conf</c>, embedded): the scheduler's mailbox, the history serializer and its bindings, the guardian's restart limit.</summary>
public static class NodeConfig
{
    /// <summary>The configuration; put it under the user's (<c>user.WithFallback(NodeConfig.Default)</c>).</summary>
    /// <exception cref="InvalidOperationException">The embedded resource is missing (a broken build).</exception>
    public static Config Default { get; } = Load();

    private static Config Load()
    {
        using var stream = typeof(NodeConfig).Assembly.GetManifestResourceStream("AkkaCompute.Node.node.conf")
            ?? throw new InvalidOperationException("AkkaCompute.Node.node.conf is not embedded in AkkaCompute.Node");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
