using AkkaCompute.Simulation.Internal;

namespace AkkaCompute.Simulation;

/// <summary>
/// Everything that shapes a run besides the seed, the node count and the node factory.
/// The default is a perfect 1-5 ms network, no random faults, no byte accounting.
/// </summary>
/// <typeparam name="TMessage">The protocol's message type.</typeparam>
public sealed record SimulationOptions<TMessage>
{
    /// <summary>Latency, loss, duplication and reordering. Default <c>new NetworkOptions()</c>.</summary>
    public NetworkOptions Network { get; init; } = new();

    /// <summary>The random fault schedule, or null for no random faults (scripted faults still work). Default null.</summary>
    public FaultOptions? RandomFaults { get; init; }

    /// <summary>
    /// The size of a message in bytes, for the byte counters; called once per send. Must be
    /// deterministic and return &gt;= 0. Default null: every message counts as 0 bytes.
    /// </summary>
    public Func<TMessage, int>? MessageSizeBytes { get; init; }

    /// <summary>
    /// An optional content digest folded into <see cref="Simulation{TMessage}.TraceHash"/> for
    /// every delivered message, so that the trace also proves the messages' contents were equal
    /// (not only their timing and routing). Must be deterministic across processes (do not use
    /// <see cref="string.GetHashCode()"/>). Default null.
    /// </summary>
    public Func<TMessage, ulong>? MessageDigest { get; init; }

    /// <summary>
    /// The most events (in-flight message copies, timers, scheduled actions) that may be pending
    /// at once; &gt;= 16. Default 10,000,000. At the limit the event that would exceed it fails the
    /// run with a <see cref="SimulationFailureException"/> (a protocol that floods the network).
    /// </summary>
    public int PendingEventsMax { get; init; } = 10_000_000;

    /// <summary>The most entries kept in <see cref="Simulation{TMessage}.FaultLog"/>; &gt;= 0. Default 10,000. Later faults are counted, not recorded.</summary>
    public int FaultLogMax { get; init; } = 10_000;

    /// <summary>Checks every field and the nested options.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names the key, the value and the constraint.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Network, nameof(Network));
        Network.Validate();
        RandomFaults?.Validate();
        OptionCheck.AtLeast(nameof(PendingEventsMax), PendingEventsMax, 16);
        OptionCheck.AtLeast(nameof(FaultLogMax), FaultLogMax, 0);
    }
}
