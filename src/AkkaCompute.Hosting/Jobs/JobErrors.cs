using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>Collects a job file's problems up to a limit; beyond it, further ones only set <see cref="Truncated"/>.</summary>
internal sealed class JobErrors(int limit)
{
    private readonly List<JobFileError> _errors = [];

    /// <summary>The problems collected so far.</summary>
    public IReadOnlyList<JobFileError> Errors => _errors;

    /// <summary>Number of problems reported (collected or not).</summary>
    public int Reported { get; private set; }

    /// <summary>True when the limit was reached; callers may stop looking.</summary>
    public bool Full => _errors.Count >= limit;

    /// <summary>True when the limit was reached: parsing stopped looking, so more problems may exist.</summary>
    public bool Truncated => Full;

    /// <summary>Records a problem at a value's origin.</summary>
    public void Add(HoconOrigin origin, string reason)
    {
        Reported++;
        if (!Full) _errors.Add(new JobFileError(origin.File, origin.Line, origin.Column, reason));
    }

    /// <summary>Throws when any problem was recorded.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new JobFileException(_errors.ToArray(), Truncated);
    }
}
