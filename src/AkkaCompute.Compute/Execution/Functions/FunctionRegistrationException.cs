namespace AkkaCompute.Compute.Execution;

/// <summary>
/// A function could not be registered: its name is taken or malformed, its method is not
/// <c>public static</c>, is generic, or has a parameter or return type that cannot be bound, or an
/// assembly could not be loaded or scanned. The message names the function and the method.
/// </summary>
public sealed class FunctionRegistrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the function and method.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public FunctionRegistrationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
