namespace AkkaCompute.Actors.Routing;

/// <summary>
/// Grows and shrinks a pool by pressure, as Akka's DefaultResizer: every
/// <see cref="MessagesPerResize"/> messages the router counts the busy routees (mailbox at or above
/// <see cref="PressureThreshold"/>); if all are busy it adds <c>ceil(RampupRate x size)</c>; if fewer
/// than <see cref="BackoffThreshold"/> of them are busy it removes <c>floor(BackoffRate x size)</c>
/// (at least one); the size stays within [<see cref="LowerBound"/>, <see cref="UpperBound"/>].
/// </summary>
public sealed record DefaultResizer
{
    /// <summary>Creates a resizer.</summary>
    /// <exception cref="ConfigurationException">A bound or rate is out of range; the message names it.</exception>
    public DefaultResizer(int lowerBound = 1, int upperBound = 10, int pressureThreshold = 1, double rampupRate = 0.2, double backoffThreshold = 0.3, double backoffRate = 0.1, int messagesPerResize = 10)
    {
        static string S(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (lowerBound < 0) { throw new ConfigurationException("resizer.lower-bound", S(lowerBound), "must be at least 0"); }
        if (upperBound < 1 || upperBound < lowerBound) { throw new ConfigurationException("resizer.upper-bound", S(upperBound), $"must be at least 1 and at least lower-bound ({lowerBound})"); }
        if (pressureThreshold < 1) { throw new ConfigurationException("resizer.pressure-threshold", S(pressureThreshold), "must be at least 1"); }
        if (rampupRate < 0) { throw new ConfigurationException("resizer.rampup-rate", S(rampupRate), "must be at least 0"); }
        if (backoffThreshold is < 0 or > 1) { throw new ConfigurationException("resizer.backoff-threshold", S(backoffThreshold), "must be between 0 and 1"); }
        if (backoffRate is < 0 or > 1) { throw new ConfigurationException("resizer.backoff-rate", S(backoffRate), "must be between 0 and 1"); }
        if (messagesPerResize < 1) { throw new ConfigurationException("resizer.messages-per-resize", S(messagesPerResize), "must be at least 1"); }
        LowerBound = lowerBound;
        UpperBound = upperBound;
        PressureThreshold = pressureThreshold;
        RampupRate = rampupRate;
        BackoffThreshold = backoffThreshold;
        BackoffRate = backoffRate;
        MessagesPerResize = messagesPerResize;
    }

    /// <summary>Fewest routees. Default 1.</summary>
    public int LowerBound { get; }

    /// <summary>Most routees. Default 10.</summary>
    public int UpperBound { get; }

    /// <summary>Queued messages at which a routee counts as busy. Default 1.</summary>
    public int PressureThreshold { get; }

    /// <summary>Fraction of the size added when every routee is busy. Default 0.2.</summary>
    public double RampupRate { get; }

    /// <summary>Busy fraction below which the pool shrinks. Default 0.3.</summary>
    public double BackoffThreshold { get; }

    /// <summary>Fraction of the size removed when shrinking. Default 0.1.</summary>
    public double BackoffRate { get; }

    /// <summary>Messages between two resize decisions. Default 10.</summary>
    public int MessagesPerResize { get; }

    /// <summary>True when the router should resize before routing its <paramref name="messageCounter"/>-th message (0-based).</summary>
    public bool IsTimeForResize(long messageCounter) => messageCounter % MessagesPerResize == 0;

    /// <summary>The change in size for routees with these mailbox sizes (pure; positive grows, negative shrinks).</summary>
    public int Capacity(IReadOnlyList<int> mailboxSizes)
    {
        var size = mailboxSizes.Count;
        var pressure = mailboxSizes.Count(s => s >= PressureThreshold);
        var delta = Rampup(pressure, size) + Backoff(pressure, size);
        var proposed = Math.Clamp(size + delta, LowerBound, UpperBound);
        return proposed - size;
    }

    private int Rampup(int pressure, int size) =>
        pressure < size ? 0 : (int)Math.Ceiling(RampupRate * size);

    private int Backoff(int pressure, int size) =>
        BackoffThreshold > 0 && BackoffRate > 0 && size > 0 && (double)pressure / size < BackoffThreshold
            ? (int)Math.Floor(-1.0 * BackoffRate * size)
            : 0;
}
