using System.Globalization;

namespace AkkaCompute.Simulation;

/// <summary>
/// A run failed: a step hook (checker) or a node threw, or a limit was hit, while processing
/// step <see cref="Step"/> of the run with seed <see cref="Seed"/>. The original exception is
/// the <see cref="Exception.InnerException"/>. To reproduce, rebuild the run from the same
/// scenario and seed and run to <c>Step - 1</c> (see <see cref="SimulationScenario{TMessage}.ReplayBefore"/>);
/// the next <see cref="Simulation{TMessage}.Step"/> throws again.
/// </summary>
public sealed class SimulationFailureException : Exception
{
    /// <summary>Creates the failure report.</summary>
    /// <param name="seed">The run seed.</param>
    /// <param name="step">The step number (1-based) that was running when the failure happened.</param>
    /// <param name="time">The virtual time of that step.</param>
    /// <param name="info">What the failing step was doing (its kind and nodes), or default if unknown.</param>
    /// <param name="innerException">The exception a checker or node threw.</param>
    public SimulationFailureException(long seed, long step, TimeSpan time, StepInfo info, Exception innerException)
        : base(Describe(seed, step, time, info, innerException), innerException)
    {
        Seed = seed;
        Step = step;
        Time = time;
        Info = info;
    }

    /// <summary>The seed of the failed run.</summary>
    public long Seed { get; }

    /// <summary>The 1-based number of the step during which the failure happened.</summary>
    public long Step { get; }

    /// <summary>The virtual time of that step.</summary>
    public TimeSpan Time { get; }

    /// <summary>What the failing step did (kind, from, to, seq); default if it failed before that was known.</summary>
    public StepInfo Info { get; }

    private static string Describe(long seed, long step, TimeSpan time, StepInfo info, Exception inner) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Simulation failed at step {step} (virtual time {time.TotalMilliseconds} ms, {info.Kind} {info.From}->{info.To}) with seed {seed}: {inner.GetType().Name}: {inner.Message}. Replay: scenario.Replay({seed}, {step - 1}) then Step().");
}
