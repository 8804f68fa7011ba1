namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Marks a compute function's parameter as the path of a file the function reads (a <see cref="string"/>, or a
/// <see cref="string"/> array for several files). The file's content then belongs to the task's inputs: its SHA-256 is
/// part of the task's <see cref="InputFingerprint"/>, so a changed file changes the cache key and makes a resubmitted
/// task that succeeded before run again. Relative paths resolve against the task's working directory, as the function
/// resolves them (<see cref="FunctionContext.ResolvePath"/>). A value that is not a string (e.g. a <c>$ref</c> not yet
/// resolved) is not a path and is left out.
/// </summary>
/// <remarks>Checked at registration: any other parameter type is a <see cref="FunctionRegistrationException"/>.</remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class InputFileAttribute : Attribute;
