namespace AkkaCompute.Hosting.Jobs;

/// <summary>The job file's <c>job { ... }</c> block as read.</summary>
/// <param name="Name">The job's name.</param>
/// <param name="OutputPath">Absolute results path, or null.</param>
/// <param name="Workers">Executor pool size, or null.</param>
/// <param name="MaxTasks">The limit on tasks.</param>
internal sealed record JobHeader(string Name, string? OutputPath, int? Workers, int MaxTasks);
