using System.Security.Cryptography;
using System.Text;

namespace AkkaCompute.Compute.Workflows;

/// <summary>
/// The rules for task ids (see <see cref="Tasks.TaskSpec.Id"/>): 1 to 200 characters, each an ASCII
/// letter, an ASCII digit, <c>-</c>, <c>_</c>, <c>:</c>, <c>.</c>, <c>/</c> or <c>@</c> (occurrences of recurring tasks are named <c>id@time</c>), not starting with <c>.</c>
/// (the same rules the node applies to submitted tasks).
/// </summary>
public static class TaskIds
{
    /// <summary>Longest valid id: 200 characters.</summary>
    public const int MaxLength = 200;

    /// <summary>Whether <paramref name="id"/> follows the rules.</summary>
    /// <param name="id">The candidate (null is invalid).</param>
    /// <returns>True when valid.</returns>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id[0] != '.' && id.All(IsAllowed);

    /// <summary>Explains why an id is invalid, or returns null when it is valid.</summary>
    /// <param name="id">The candidate.</param>
    /// <returns>E.g. <c>contains ' ' (allowed: letters, digits, '-', '_', ':', '.')</c>; null when valid.</returns>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "is empty";
        if (id.Length > MaxLength) return $"is {id.Length} characters long (at most {MaxLength})";
        if (id[0] == '.') return "starts with '.'";
        var bad = id.FirstOrDefault(c => !IsAllowed(c));
        return bad == default ? null : $"contains '{bad}' (allowed: ASCII letters, digits, '-', '_', ':', '.', '/', '@')";
    }

    /// <summary>
    /// Turns arbitrary text (e.g. a relative file path) into a valid id fragment: every character that is
    /// not allowed becomes <c>_</c>; text longer than <paramref name="maxLength"/> is cut and ends with
    /// <c>-</c> and 16 hex digits of its SHA-256, so distinct long texts stay distinct.
    /// </summary>
    /// <param name="text">The text; empty gives <c>_</c>.</param>
    /// <param name="maxLength">Longest result, 24 to <see cref="MaxLength"/>.</param>
    /// <returns>A fragment of allowed characters, not empty (it may start with '.').</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is outside 24..200.</exception>
    public static string Sanitize(string text, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 24);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, MaxLength);
        if (text.Length == 0) return "_";
        var chars = text.Select(c => IsAllowed(c) ? c : '_').ToArray();
        var clean = new string(chars);
        if (clean.Length <= maxLength) return clean;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        return clean[..(maxLength - 17)] + "-" + hash;
    }

    /// <summary>
    /// A stable id fragment for a name (e.g. a file's relative path): the name itself when every character is allowed
    /// and it fits; otherwise the readable form of <see cref="Sanitize"/> followed by <c>-</c> and 8 hex digits of the
    /// SHA-256 of the exact UTF-8 bytes of <paramref name="text"/>. It depends on nothing but the text, so the fragment of
    /// one file never changes when other files appear or disappear, and two names that read the same after sanitizing
    /// (<c>é.txt</c>, <c>è.txt</c>) still differ.
    /// </summary>
    /// <param name="text">The name; empty gives <c>_</c> with a hash.</param>
    /// <param name="maxLength">Longest result, 24 to <see cref="MaxLength"/>.</param>
    /// <returns>A fragment of allowed characters, not empty (it may start with '.').</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is outside 24..200.</exception>
    public static string Stable(string text, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 24);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, MaxLength);
        if (text.Length > 0 && text.Length <= maxLength && text.All(IsAllowed)) return text;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        var readable = text.Length == 0 ? "_" : new string(text.Select(c => IsAllowed(c) ? c : '_').ToArray());
        if (readable.Length > maxLength - 9) readable = readable[..(maxLength - 9)];
        return readable + "-" + hash;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.' or '/' or '@';
}
