using Akka.Persistence;
using Akka.Persistence.TestKit;

namespace AkkaCompute.Node.Tests.History;

/// <summary>
/// A write interceptor for Akka.Persistence.TestKit's journal: fails (as a full disk makes writes fail) every write
/// whose payload <paramref name="fails"/> picks, and counts them. A failing write first awaits <paramref name="before"/>
/// (when given), so that a test can hold the failure until the system is where it wants it.
/// </summary>
public sealed class FailingWrites(Func<object, bool> fails, Func<Task>? before = null) : IJournalInterceptor
{
    /// <summary>The message of the failure.</summary>
    public const string Failure = "database or disk is full (test)";

    private int _failed;

    /// <summary>Writes failed so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <inheritdoc />
    public async Task InterceptAsync(IPersistentRepresentation message)
    {
        if (fails(message.Payload))
        {
            if (before is not null)
            {
                await before();
            }

            Interlocked.Increment(ref _failed);
            throw new IOException(Failure);
        }
    }
}
