using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// Stands in for an exception that crossed the network inside a <see cref="Status.Failure"/>: exception types are not
/// materialized from the wire (that would run arbitrary constructors), so the receiver gets this type carrying the
/// original type name, message and stack trace text. <see cref="Exception.Message"/> is the original message, so code
/// that matches on the message keeps working; match on <see cref="OriginalTypeName"/> instead of the CLR type.
/// Inner exceptions and custom properties of the original are not carried.
/// </summary>
public sealed class RemoteException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="originalTypeName">The full CLR type name of the original exception, e.g. <c>System.InvalidOperationException</c>.</param>
    /// <param name="message">The original exception's message.</param>
    /// <param name="originalStackTrace">The original stack trace text, or empty when it was never thrown.</param>
    public RemoteException(string originalTypeName, string message, string originalStackTrace)
        : base(message)
    {
        OriginalTypeName = originalTypeName;
        OriginalStackTrace = originalStackTrace;
    }

    /// <summary>The full CLR type name of the exception on the remote side, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string OriginalTypeName { get; }

    /// <summary>The stack trace text of the exception on the remote side (possibly cut, see <see cref="MiscMessageSerializer.MaxStackTraceChars"/>); empty when it was never thrown.</summary>
    public string OriginalStackTrace { get; }

    /// <summary>The original type, message and remote stack trace, then this exception's local stack trace.</summary>
    public override string ToString() =>
        $"{GetType().FullName}: [{OriginalTypeName}] {Message}{Environment.NewLine}" +
        $"--- remote stack trace ---{Environment.NewLine}{OriginalStackTrace}{Environment.NewLine}" +
        $"--- local stack trace ---{Environment.NewLine}{StackTrace}";
}
