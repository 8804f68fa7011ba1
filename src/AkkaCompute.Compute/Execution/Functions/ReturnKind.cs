namespace AkkaCompute.Compute.Execution;

/// <summary>How a compute function's return value is turned into its result.</summary>
internal enum ReturnKind
{
    /// <summary><c>void</c>: the result is JSON null.</summary>
    Void,

    /// <summary>A plain value, serialized.</summary>
    Value,

    /// <summary><see cref="System.Threading.Tasks.Task"/>: awaited; the result is JSON null.</summary>
    Task,

    /// <summary><see cref="System.Threading.Tasks.Task{TResult}"/>: awaited, its result serialized.</summary>
    TaskOfT,

    /// <summary><see cref="System.Threading.Tasks.ValueTask"/>: awaited; the result is JSON null.</summary>
    ValueTask,

    /// <summary><see cref="System.Threading.Tasks.ValueTask{TResult}"/>: awaited, its result serialized.</summary>
    ValueTaskOfT,
}
