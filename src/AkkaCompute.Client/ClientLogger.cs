using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Akka.Remote.Transport;

namespace AkkaCompute.Client;

/// <summary>
/// The client's Akka logger (<c>akka.loggers</c>, at <c>loglevel = ERROR</c>): writes errors (and warnings, at a lower
/// level) to standard error, never to standard output
/// (the client runs inside the caller's process, whose stdout may be data), and drops the errors Akka.Remote raises when an
/// association with a contact fails or ends (a member that died or was stopped): ClusterClient fails over to another
/// contact, and what the client cannot do surfaces as its own exceptions. Everything below warning is dropped.
/// </summary>
internal sealed class ClientLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>A logger writing to <see cref="Console.Error"/>, as Akka creates it from <c>akka.loggers</c>.</summary>
    public ClientLogger()
        : this(Console.Error)
    {
    }

    /// <summary>A logger writing to <paramref name="output"/>.</summary>
    /// <param name="output">Where the lines go.</param>
    public ClientLogger(TextWriter output)
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<Error>(e =>
        {
            if (!IsAssociationEnded(e.Cause))
                output.WriteLine(e.ToString());
        });
        Receive<Warning>(w => output.WriteLine(w.ToString()));
        ReceiveAny(_ => { });
    }

    /// <summary>The internal Akka.Remote exceptions (matched by name) that say an association failed or ended.</summary>
    internal static readonly IReadOnlySet<string> AssociationEndedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Akka.Remote.EndpointDisassociatedException", "Akka.Remote.EndpointAssociationException", "Akka.Remote.ShutDownAssociation",
    };

    /// <summary>True for the failures Akka.Remote reports when a contact's association fails or ends.</summary>
    /// <param name="cause">An error's cause.</param>
    /// <returns>True when the error is only that a remote member went away.</returns>
    internal static bool IsAssociationEnded(Exception? cause) =>
        cause is InvalidAssociationException || (cause is not null && AssociationEndedTypes.Contains(cause.GetType().FullName ?? string.Empty));
}
