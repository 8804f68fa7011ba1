using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Node;

/// <summary>Checks one submitted task before anything is recorded; returns the reason it is refused, or null.</summary>
public static class TaskSpecValidator
{
    /// <summary>Longest task id.</summary>
    public const int MaxIdLength = 200;

    /// <summary>Largest priority magnitude.</summary>
    public const int MaxPriority = 1_000_000;

    /// <summary>Most retries per task.</summary>
    public const int MaxRetries = 100;

    /// <summary>Most roles one task may require: 16.</summary>
    public const int MaxRequiredRoles = 16;

    /// <summary>What a role name is, as the error messages say it.</summary>
    public const string RoleRule = "1 to 100 of letters, digits, '-', '_' and '.'";

    /// <summary>True when <paramref name="role"/> is a valid role name (see <see cref="RoleRule"/>).</summary>
    public static bool RoleValid(string role) =>
        role.Length is > 0 and <= 100 && role.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Most declared input files per task (<see cref="TaskSpec.Inputs"/>): 10,000, as many as one input fingerprint takes.</summary>
    public const int MaxInputs = Execution.InputFingerprint.FilesMax;

    /// <summary>Returns why <paramref name="spec"/> is invalid, naming the task, or null when it is valid.</summary>
    public static string? Validate(TaskSpec spec)
    {
        if (string.IsNullOrEmpty(spec.Id) || spec.Id.Length > MaxIdLength || spec.Id[0] == '.' || !IdCharactersValid(spec.Id))
        {
            return $"task '{spec.Id}': invalid id (1 to {MaxIdLength} of letters, digits, '-', '_', ':', '.', '/', '@', not starting with '.')";
        }

        switch (spec.Kind)
        {
            case TaskKind.Function when string.IsNullOrWhiteSpace(spec.Function):
                return $"task '{spec.Id}': a function task needs a function name";
            case TaskKind.Shell when string.IsNullOrWhiteSpace(spec.Command):
                return $"task '{spec.Id}': a shell task needs a command";
        }

        if (spec.Kind == TaskKind.Function && spec.Args.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Undefined))
        {
            return $"task '{spec.Id}': args must be a JSON object (named) or array (positional), not {spec.Args.ValueKind}";
        }

        if (Math.Abs((long)spec.Priority) > MaxPriority)
        {
            return $"task '{spec.Id}': priority {spec.Priority} is outside -{MaxPriority}..{MaxPriority}";
        }

        if (spec.MaxRetries is < 0 or > MaxRetries)
        {
            return $"task '{spec.Id}': max-retries {spec.MaxRetries} is outside 0..{MaxRetries}";
        }

        if (spec.Inputs is { Count: > MaxInputs })
        {
            return $"task '{spec.Id}': {spec.Inputs.Count} inputs; at most {MaxInputs}";
        }

        if (spec.Timeout is { } t && t <= TimeSpan.Zero)
        {
            return $"task '{spec.Id}': timeout must be positive";
        }

        if (spec.Requires.Count > MaxRequiredRoles)
        {
            return $"task '{spec.Id}': requires {spec.Requires.Count} roles; the limit is {MaxRequiredRoles}";
        }

        if (spec.Requires.FirstOrDefault(r => !RoleValid(r)) is { } badRole)
        {
            return $"task '{spec.Id}': requires: '{badRole}' is not a role name ({RoleRule})";
        }

        if ((spec.Delay ?? spec.NotBefore ?? (object?)spec.Cron ?? spec.TimeZone) is not null && Scheduling.DueTimes.Problem(spec) is { } timing)
        {
            return timing;
        }

        return null;
    }

    private static bool IdCharactersValid(string id)
    {
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.' or '/' or '@'))
            {
                return false;
            }
        }

        return true;
    }
}
