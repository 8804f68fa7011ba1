namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// A typed getter on <see cref="HoconObject"/> (GetString, GetInt, GetDuration, ...) failed: the
/// setting is missing, null, or has a value of the wrong type. The message names the path, the
/// origin of the offending value when there is one and the reason, e.g.
/// <c>job.conf:3:9: setting 'compute.timeout' has value 'soon' (string) which is not a duration: ...</c>.
/// </summary>
public sealed class HoconPathException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The full path of the setting as rendered by <see cref="HoconPath.ToString"/>.</param>
    /// <param name="origin">Where the offending value was defined; null when the setting is missing.</param>
    /// <param name="reason">What is wrong, phrased to follow "setting 'path' ".</param>
    /// <param name="inner">The underlying parse error, if any.</param>
    public HoconPathException(string path, HoconOrigin? origin, string reason, Exception? inner = null)
        : base(origin is null ? $"setting '{path}' {reason}" : $"{origin}: setting '{path}' {reason}", inner)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Origin = origin;
        Reason = reason ?? throw new ArgumentNullException(nameof(reason));
    }

    /// <summary>The full path of the setting, e.g. <c>compute.timeout</c>.</summary>
    public string Path { get; }

    /// <summary>Where the offending value was defined, or null when the setting is missing.</summary>
    public HoconOrigin? Origin { get; }

    /// <summary>What is wrong, without the location and path prefix.</summary>
    public string Reason { get; }
}
