namespace AkkaCompute.TestKit;

/// <summary>Thrown by a TestKit expectation that was not met; the message says what was expected and what came.</summary>
public sealed class TestKitAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TestKitAssertionException(string message, Exception? inner = null) : base(message, inner) { }
}
