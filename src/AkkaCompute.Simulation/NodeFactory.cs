namespace AkkaCompute.Simulation;

/// <summary>
/// Creates the protocol state machine of one node incarnation: called for every node when the
/// simulation is constructed (in node-index order) and again on every restart, so a restarted
/// node always begins from fresh state. Must be deterministic and must not return null.
/// </summary>
/// <typeparam name="TMessage">The protocol's message type.</typeparam>
/// <param name="node">The node being created.</param>
/// <param name="uid">The new incarnation's unique id (positive, drawn from the run's seeded random source).</param>
/// <returns>A new node object; never a shared or reused one.</returns>
public delegate ISimulatedNode<TMessage> NodeFactory<TMessage>(NodeId node, long uid);
