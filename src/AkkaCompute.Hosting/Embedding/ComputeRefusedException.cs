namespace AkkaCompute.Hosting.Embedding;

/// <summary>The node refused a submitted batch (<see cref="IComputeService.SubmitAsync"/>); <see cref="Exception.Message"/> is the node's reason.</summary>
public sealed class ComputeRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The node's reason, e.g. a task naming an unknown function.</param>
    public ComputeRefusedException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ComputeRefusedException()
        : base("the node refused the batch")
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="reason">The reason.</param>
    /// <param name="inner">The cause.</param>
    public ComputeRefusedException(string reason, Exception inner)
        : base(reason, inner)
    {
    }
}
