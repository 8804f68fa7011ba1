using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Running;

/// <summary>Writes one JSON object per task, in job order, to a JSONL file (replaced atomically).</summary>
internal static class ResultsWriter
{
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
