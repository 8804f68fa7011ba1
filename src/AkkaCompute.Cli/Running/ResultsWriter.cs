using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Running;

/// <summary>Writes one JSON object per task, in job order, to a JSONL file (replaced atomically).</summary>
internal static class ResultsWriter
{
    /// <summary>Whether the results file can be written: its directory is created if needed and a probe file created and deleted.</summary>
    /// <param name="path">The results file (absolute).</param>
    /// <returns>Null when it can; else why not (the system's message).</returns>
    public static string? CheckWritable(string path)
    {
        var probe = path + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    /// <summary>Writes the results (via a temporary file moved over <paramref name="path"/>).</summary>
    /// <param name="path">The results file.</param>
    /// <param name="tasks">The job's tasks, in the order written.</param>
    /// <param name="results">The finished tasks' results.</param>
    /// <param name="cancellationToken">Stops the final flush.</param>
    /// <param name="states">The state written for a task without a result (default: Accepted).</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its directory may not be written.</exception>
    public static async Task WriteAsync(string path, IReadOnlyList<TaskSpec> tasks, IReadOnlyDictionary<string, TaskResult> results, CancellationToken cancellationToken, IReadOnlyDictionary<string, TaskState>? states = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
        {
            foreach (var task in tasks)
            {
                results.TryGetValue(task.Id, out var r);
                using (var writer = new Utf8JsonWriter(stream))
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", task.Id);
                    writer.WriteString("state", (r?.State ?? states?.GetValueOrDefault(task.Id) ?? TaskState.Accepted).ToString());
                    writer.WriteNumber("attempts", r?.Attempts ?? 0);
                    writer.WriteNumber("durationMs", Math.Round(r?.DurationMs ?? 0, 3));
                    writer.WriteBoolean("fromCache", r?.FromCache ?? false);
                    writer.WritePropertyName("output");
                    if (r?.Output is { } output)
                    {
                        output.WriteTo(writer);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }

                    writer.WriteString("error", r?.Error);
                    writer.WriteEndObject();
                }

                stream.WriteByte((byte)'\n');
            }

            await stream.FlushAsync(cancellationToken);
        }

        File.Move(temp, path, overwrite: true);
    }
}
