using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

/// <summary>The built-in <c>whoami</c>: which node ran the task (in a cluster, tasks run on their owners).</summary>
public static class WhoAmIFunction
{
    /// <summary>
    /// Returns <c>{"pid": N, "machine": "name"}</c>: the id of the process that ran it (the node's, or its <c>akc worker</c>'s
    /// with <c>isolation = process</c>) and the machine's host name. Arguments are ignored.
    /// </summary>
    /// <param name="args">Ignored.</param>
    [ComputeFunction("whoami", Description = "returns the process id and machine name of the node that ran it")]
    public static JsonElement WhoAmI([RawArguments] JsonElement args)
    {
        using var doc = JsonDocument.Parse($$"""{"pid":{{Environment.ProcessId}},"machine":{{JsonSerializer.Serialize(Environment.MachineName)}}}""");
        return doc.RootElement.Clone();
    }
}
