using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

/// <summary>The built-in <c>noop</c>: does nothing, for measuring the engine's own overhead.</summary>
public static class NoopFunction
{
    /// <summary>Ignores its arguments (any are accepted) and returns JSON null.</summary>
    /// <param name="args">Ignored.</param>
    [ComputeFunction("noop", Description = "does nothing; returns null")]
    public static void Noop([RawArguments] JsonElement args)
    {
    }
}
