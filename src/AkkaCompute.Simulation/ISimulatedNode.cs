namespace AkkaCompute.Simulation;

/// <summary>
/// The protocol code of one simulated node: a state machine the simulator drives with a start
/// signal, delivered messages and fired timers, one call at a time, on one thread, at a virtual
/// time. A node must be deterministic: it may use only <see cref="ISimContext{TMessage}.Now"/>
/// for time and <see cref="ISimContext{TMessage}.Random"/> for randomness, and must never let the
/// iteration order of a hash set or dictionary decide what it sends. An exception thrown from
/// any method fails the run with a <see cref="SimulationFailureException"/> carrying the seed
/// and step number.
/// </summary>
/// <typeparam name="TMessage">The protocol's message type (ideally an immutable sealed record hierarchy).</typeparam>
public interface ISimulatedNode<TMessage>
{
    /// <summary>
    /// Called once per incarnation, before any message or timer reaches it: at virtual time 0 for
    /// the first incarnation, at the restart time for later ones. Typically arms the first timers.
    /// </summary>
    /// <param name="context">This incarnation's context; valid for sends and timers only during the call.</param>
    void OnStart(ISimContext<TMessage> context);

    /// <summary>Called when a message sent to this incarnation arrives.</summary>
    /// <param name="context">This incarnation's context; valid for sends and timers only during the call.</param>
    /// <param name="from">The node that sent the message (it may have crashed since).</param>
    /// <param name="message">The message, exactly the object the sender passed to <see cref="ISimContext{TMessage}.Send"/> (duplicates are the same object).</param>
    void OnMessage(ISimContext<TMessage> context, NodeId from, TMessage message);

    /// <summary>Called when a timer this incarnation set fires (and was not cancelled).</summary>
    /// <param name="context">This incarnation's context; valid for sends and timers only during the call.</param>
    /// <param name="tag">The tag passed to <see cref="ISimContext{TMessage}.SetTimer"/> (use singletons for ticks).</param>
    void OnTimer(ISimContext<TMessage> context, object tag);
}
