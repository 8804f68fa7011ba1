namespace AkkaCompute.Persistence.Sqlite;

/// <summary>
/// The <c>tags</c> column format of Akka.Persistence.Sql: tags joined by ';' with a leading and trailing ';'
/// (<c>;a;b;</c>), or NULL when there are none. Tag queries use the <c>journal_tags</c> table; the column is kept for readability.
/// </summary>
internal static class TagCodec
{
    public const char Separator = ';';

    /// <summary>Returns the first invalid tag's problem, or null when every tag is valid (non-empty, no ';').</summary>
    public static string? Validate(IReadOnlyList<string> tags)
    {
        foreach (var t in tags)
        {
            if (string.IsNullOrEmpty(t))
            {
                return "a tag must not be empty";
            }

            if (t.Contains(Separator, StringComparison.Ordinal))
            {
                return $"tag '{t}' contains ';', which the SQLite store uses as separator";
            }
        }

        return null;
    }

    /// <summary>Encodes distinct tags in first-seen order; null when there are none.</summary>
    public static string? Encode(IReadOnlyList<string> tags) =>
        tags.Count == 0 ? null : Separator + string.Join(Separator, tags.Distinct(StringComparer.Ordinal)) + Separator;

    /// <summary>Decodes the column; null or empty gives no tags.</summary>
    public static IReadOnlyList<string> Decode(string? column) =>
        string.IsNullOrEmpty(column) ? [] : column.Split(Separator, StringSplitOptions.RemoveEmptyEntries);
}
