namespace EmbeddedWeb;

/// <summary>The body of <c>POST /hash</c>.</summary>
/// <param name="Text">The text to hash; required, at most <see cref="MaxTextLength"/> characters.</param>
public sealed record HashRequest(string? Text)
{
    /// <summary>Longest text accepted: 1,000,000 characters.</summary>
    public const int MaxTextLength = 1_000_000;
}
