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
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its directory may not be written.</exception>
    public static async Task WriteAsync(string path, IReadOnlyList<TaskSpec> tasks, IReadOnlyDictionary<string, TaskResult> results, CancellationToken cancellationToken)
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
                    writer.WriteString("state", (r?.State ?? TaskState.Accepted).ToString());
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
