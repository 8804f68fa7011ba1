namespace AkkaCompute.Compute.Execution;

/// <summary>
/// A task named a function that is not registered. The message names the function, suggests the
/// closest registered name when one is near, and lists the registered names (at most 30).
/// </summary>
public sealed class UnknownFunctionException : Exception
{
    private const int ListedNamesMax = 30;

    /// <summary>Creates the exception for <paramref name="functionName"/>.</summary>
    /// <param name="functionName">The name that was asked for.</param>
    /// <param name="knownFunctions">The registered names, sorted.</param>
    /// <param name="suggestion">The closest registered name, or null when none is close.</param>
    public UnknownFunctionException(string functionName, IReadOnlyList<string> knownFunctions, string? suggestion)
        : base(BuildMessage(functionName, knownFunctions, suggestion))
    {
        FunctionName = functionName;
        KnownFunctions = knownFunctions;
        Suggestion = suggestion;
    }

    /// <summary>The name that was asked for.</summary>
    public string FunctionName { get; }

    /// <summary>The registered names at the time, sorted ordinally.</summary>
    public IReadOnlyList<string> KnownFunctions { get; }

    /// <summary>The closest registered name, or null when none is close.</summary>
    public string? Suggestion { get; }

    private static string BuildMessage(string name, IReadOnlyList<string> known, string? suggestion)
    {
        var text = $"unknown function '{name}'";
        if (suggestion is not null)
        {
            text += $"; did you mean '{suggestion}'?";
        }

        if (known.Count == 0)
        {
            return text + " No functions are registered.";
        }

        var listed = string.Join(", ", known.Take(ListedNamesMax));
        var more = known.Count > ListedNamesMax ? $" and {known.Count - ListedNamesMax} more" : string.Empty;
        return $"{text} Known functions: {listed}{more}.";
    }
}
