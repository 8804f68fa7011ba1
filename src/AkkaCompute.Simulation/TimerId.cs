namespace AkkaCompute.Simulation;

/// <summary>
/// Names one timer set with <see cref="ISimContext{TMessage}.SetTimer"/>, so that it can be
/// cancelled with <see cref="ISimContext{TMessage}.CancelTimer"/>. Ids are unique within one
/// simulation run and increase in the order timers are set, starting at 1.
/// </summary>
/// <param name="Value">The run-unique timer number, 1 or more.</param>
public readonly record struct TimerId(long Value);
