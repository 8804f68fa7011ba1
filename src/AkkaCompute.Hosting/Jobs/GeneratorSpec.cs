using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>A generator read from the job file: its id prefix, its items and its task template.</summary>
/// <param name="Prefix">The <c>id-prefix</c>; generated ids are <c>prefix-suffix</c>.</param>
/// <param name="Source">The items.</param>
/// <param name="Template">The <c>task</c> object, expanded once per item.</param>
/// <param name="Context">The message prefix, e.g. <c>generator 'file'</c>.</param>
internal sealed record GeneratorSpec(string Prefix, GeneratorSource Source, HoconObject Template, string Context);
