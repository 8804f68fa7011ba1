namespace AkkaCompute.Compute.Execution;

/// <summary>
/// A task's JSON arguments do not fit the function's parameters: a missing required argument, a
/// value of the wrong type, an unknown argument name or too many positional arguments. The message
/// names the function, the parameter, what was expected and what was given.
/// </summary>
public sealed class ArgumentBindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="functionName">The function being called.</param>
    /// <param name="parameterName">The parameter (or the argument name or position, when it matches no parameter).</param>
    /// <param name="expected">What the parameter accepts, e.g. <c>an integer (Int32)</c>.</param>
    /// <param name="given">What the arguments held, e.g. <c>the string "abc"</c> or <c>nothing</c>.</param>
    /// <param name="innerException">The deserializer's error, when there was one.</param>
    public ArgumentBindingException(string functionName, string parameterName, string expected, string given, Exception? innerException = null)
        : base($"function '{functionName}': argument '{parameterName}' expects {expected}, but was given {given}", innerException)
    {
        FunctionName = functionName;
        ParameterName = parameterName;
        Expected = expected;
        Given = given;
    }

    /// <summary>The function being called.</summary>
    public string FunctionName { get; }

    /// <summary>The parameter, or the argument name or position that matched no parameter.</summary>
    public string ParameterName { get; }

    /// <summary>What the parameter accepts.</summary>
    public string Expected { get; }

    /// <summary>What the arguments held.</summary>
    public string Given { get; }
}
