using Akka.Persistence;
using Akka.Persistence.TestKit;

namespace AkkaCompute.Node.Tests.History;

/// <summary>
/// A write interceptor for Akka.Persistence.TestKit's journal: fails (as a full disk makes writes fail) every write
/// whose payload <paramref name="fails"/> picks, and counts them.
/// </summary>
public sealed class FailingWrites(Func<object, bool> fails) : IJournalInterceptor
{
    /// <summary>The message of the failure.</summary>
    public const string Failure = "database or disk is full (test)";

    private int _failed;

    /// <summary>Writes failed so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <inheritdoc />
    public Task InterceptAsync(IPersistentRepresentation message)
    {
        if (fails(message.Payload))
        {
            Interlocked.Increment(ref _failed);
            throw new IOException(Failure);
        }

        return Task.CompletedTask;
    }
}
