using AkkaCompute.Compute.Execution;

namespace FunctionsTemplate;

/// <summary>
/// Functions a task can call by name once a node loads this assembly. Arguments come from the task's <c>args</c> (by
/// parameter name; optional parameters may be left out); a <see cref="CancellationToken"/> or
/// <see cref="FunctionContext"/> parameter is filled in by the node; the return value becomes the task's JSON output.
/// </summary>
public static class TextFunctions
{
    /// <summary>Reverses <paramref name="text"/>.</summary>
    [ComputeFunction("template.reverse", Description = "reverses 'text'")]
    public static string Reverse(string text)
    {
        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    /// <summary>Counts the words of <paramref name="text"/> that are at least <paramref name="minLength"/> characters long.</summary>
    [ComputeFunction("template.count-words", Description = "counts the words of 'text' with at least 'minLength' (default 1) characters")]
    public static int CountWords(string text, int minLength = 1) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => w.Length >= minLength);

    /// <summary>Reads the lines of the file <paramref name="file"/> (declared as the task's input: a changed file runs it again) and counts them.</summary>
    [ComputeFunction("template.count-lines", Description = "counts the lines of 'file'")]
    public static async Task<int> CountLines([InputFile] string file, CancellationToken cancellationToken) =>
        (await File.ReadAllLinesAsync(file, cancellationToken).ConfigureAwait(false)).Length;
}
