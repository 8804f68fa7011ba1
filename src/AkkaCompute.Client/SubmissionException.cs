namespace AkkaCompute.Client;

/// <summary>
/// A submission was refused by the cluster (nothing of the refused batch was accepted: <see cref="Refused"/> true), or
/// no contact point acknowledged it in time (<see cref="Refused"/> false: it may or may not have been accepted;
/// submitting the same tasks again is safe, known task ids are not run twice).
/// </summary>
public sealed class SubmissionException(string message, bool refused, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when the cluster refused the batch; false when no answer came.</summary>
    public bool Refused { get; } = refused;
}

/// <summary>No contact point answered within <see cref="ComputeClientOptions.ConnectTimeout"/>, or the contacts are unusable.</summary>
public sealed class ClusterUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
