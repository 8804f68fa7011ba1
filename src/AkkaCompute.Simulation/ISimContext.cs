namespace AkkaCompute.Simulation;

/// <summary>
/// What a simulated node sees of the world while the simulator calls it: virtual time, its own
/// identity, a seeded random source, and the network and timers. One context exists per node
/// incarnation. <see cref="Send"/>, <see cref="SetTimer"/> and <see cref="CancelTimer"/> may be
/// called only from inside that incarnation's <see cref="ISimulatedNode{TMessage}"/> callbacks;
/// anywhere else they throw <see cref="InvalidOperationException"/>.
/// </summary>
/// <typeparam name="TMessage">The protocol's message type.</typeparam>
public interface ISimContext<TMessage>
{
    /// <summary>The current virtual time since the run began (time 0); never goes backwards.</summary>
    TimeSpan Now { get; }

    /// <summary>This node's id.</summary>
    NodeId Self { get; }

    /// <summary>
    /// This incarnation's unique id: a positive 63-bit number drawn from the run's seeded random
    /// source when the incarnation was created; a restart draws a new one.
    /// </summary>
    long Uid { get; }

    /// <summary>This node's incarnation number: 0 for the first start, one more on each restart.</summary>
    int Incarnation { get; }

    /// <summary>The number of nodes in the simulation (node ids are 0 to <c>NodeCount - 1</c>).</summary>
    int NodeCount { get; }

    /// <summary>
    /// A random source for this incarnation only, seeded from the run seed, the node id and the
    /// incarnation, so the same seed gives the same draws. Never shared between nodes. It is a
    /// <see cref="System.Random"/> built with a 31-bit seed, whose seeded algorithm .NET keeps stable across versions.
    /// </summary>
    Random Random { get; }

    /// <summary>
    /// Sends a message over the simulated network. It may be lost, duplicated, delayed or cut by
    /// a partition according to the run's <see cref="NetworkOptions"/> and faults; it reaches the
    /// target only if the target incarnation that was up at send time is still up on arrival.
    /// Sending to <see cref="Self"/> is allowed and goes over the network like any other send.
    /// </summary>
    /// <param name="to">The target node, 0 to <c>NodeCount - 1</c>.</param>
    /// <param name="message">The message; must not be null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is not a node of this simulation.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called outside this incarnation's callbacks, or the pending-event limit is reached.</exception>
    void Send(NodeId to, TMessage message);

    /// <summary>
    /// Arms a one-shot timer that calls <see cref="ISimulatedNode{TMessage}.OnTimer"/> with
    /// <paramref name="tag"/> after <paramref name="delay"/> of virtual time, unless cancelled or
    /// this incarnation crashes first. Timers with equal due times fire in the order they were set.
    /// </summary>
    /// <param name="delay">The delay, 0 to <see cref="SimulationLimits.DelayMax"/> (365 days).</param>
    /// <param name="tag">The value passed back to the node; must not be null.</param>
    /// <returns>The timer's id, for <see cref="CancelTimer"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative or above the maximum.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called outside this incarnation's callbacks, or the pending-event limit is reached.</exception>
    TimerId SetTimer(TimeSpan delay, object tag);

    /// <summary>Cancels a timer this node set and that has not fired yet.</summary>
    /// <param name="timer">The id <see cref="SetTimer"/> returned.</param>
    /// <returns>True if the timer was pending and is now cancelled; false if it had fired, was cancelled already, or is unknown.</returns>
    /// <exception cref="InvalidOperationException">Called outside this incarnation's callbacks.</exception>
    bool CancelTimer(TimerId timer);
}
