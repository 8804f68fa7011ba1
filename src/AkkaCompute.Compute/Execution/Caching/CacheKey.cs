using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Content keys for the result cache: SHA-256 (64 lowercase hex digits) over a canonical JSON
/// description of what a task computes, so the same work gets the same key on every node.
/// </summary>
/// <remarks>
/// <para>Function task: <c>{"args": CANONICAL_ARGS, "function": NAME, "kind": "function"}</c> -
/// argument order within objects and whitespace do not matter; values do. The files a function task reads (its declared
/// <see cref="TaskSpec.Inputs"/> and its function's <see cref="InputFileAttribute"/> arguments, see
/// <see cref="TaskInputFiles"/>) enter through <see cref="WithInputs"/>, which the node applies to every key with the
/// task's <see cref="InputFingerprint"/>: changing such a file's content changes the key.</para>
/// <para>Shell task with <see cref="TaskSpec.Inputs"/>: <c>{"command", "env" (sorted),
/// "inputs": [{"path", "sha256"}] (sorted by path), "kind": "shell", "workingDirectory"}</c>,
/// where each input's sha256 is of the file's content (relative paths resolve against the
/// working directory). Changing an input's content changes the key. Shell tasks without inputs
/// are not cacheable.</para>
/// <para>The key does not look at <see cref="TaskSpec.Cache"/>, priority, timeouts, retries or
/// tags (they do not change the result): whether to use the cache is the caller's decision. Call
/// it after <c>$ref</c> arguments are resolved, so the key covers the actual inputs.</para>
/// </remarks>
public static class CacheKey
{
    /// <summary>Most declared inputs hashed for one key.</summary>
    public const int InputsMax = 10_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The cache key of <paramref name="task"/>, or null when it is a shell task without inputs.</summary>
    /// <exception cref="ArgumentException">A function task without a function name, a shell task without a command, or more than <see cref="InputsMax"/> inputs.</exception>
    /// <exception cref="FileNotFoundException">A declared input does not exist; names the task and the file.</exception>
    /// <exception cref="IOException">An input cannot be read.</exception>
    public static string? For(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Kind switch
        {
            TaskKind.Function => ForFunction(task),
            TaskKind.Shell => task.Inputs is { Count: > 0 } ? ForShell(task) : null,
            _ => throw new ArgumentException($"task '{task.Id}' has unknown kind {task.Kind}", nameof(task)),
        };
    }

    /// <summary>The cache key of calling <paramref name="function"/> with <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="function"/> is empty.</exception>
    public static string ForFunction(string function, JsonElement args)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        return Hash(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("args");
            CanonicalJson.Write(writer, args.ValueKind == JsonValueKind.Undefined ? TaskSpec.EmptyObject : args);
            writer.WriteString("function", function);
            writer.WriteString("kind", "function");
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// <paramref name="key"/> combined with the task's <see cref="InputFingerprint"/>: the key itself when
    /// <paramref name="inputFingerprint"/> is null (no declared input files), else the SHA-256 (64 lowercase hex digits)
    /// of <c>KEY ":" FINGERPRINT</c>, so the same work over changed files gets another key.
    /// </summary>
    /// <param name="key">A key from <see cref="For"/> (or any other cache key).</param>
    /// <param name="inputFingerprint">From <see cref="InputFingerprint.Of"/>, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty.</exception>
    public static string WithInputs(string key, string? inputFingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return inputFingerprint is null
            ? key
            : Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key + ":" + inputFingerprint)));
    }

    private static string ForFunction(TaskSpec task) =>
        string.IsNullOrEmpty(task.Function)
            ? throw new ArgumentException($"task '{task.Id}' is a function task without a function name", nameof(task))
            : ForFunction(task.Function, task.Args);

    private static string ForShell(TaskSpec task)
    {
        if (string.IsNullOrEmpty(task.Command))
        {
            throw new ArgumentException($"task '{task.Id}' is a shell task without a command", nameof(task));
        }

        if (task.Inputs!.Count > InputsMax)
        {
            throw new ArgumentException($"task '{task.Id}' declares {task.Inputs.Count} inputs; the limit is {InputsMax}", nameof(task));
        }

        var baseDirectory = Path.GetFullPath(task.WorkingDirectory ?? Directory.GetCurrentDirectory());
        var inputs = task.Inputs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(path => (path, sha256: HashFile(task.Id, path, Path.GetFullPath(path, baseDirectory))))
            .ToList();
        return Hash(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("command", task.Command);
            writer.WriteStartObject("env");
            foreach (var (name, value) in (task.Environment ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("inputs");
            foreach (var (path, sha256) in inputs)
            {
                writer.WriteStartObject();
                writer.WriteString("path", path);
                writer.WriteString("sha256", sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("kind", "shell");
            if (task.WorkingDirectory is null)
            {
                writer.WriteNull("workingDirectory");
            }
            else
            {
                writer.WriteString("workingDirectory", task.WorkingDirectory);
            }

            writer.WriteEndObject();
        });
    }

    private static string HashFile(string taskId, string declared, string fullPath)
    {
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"task '{taskId}': cache input '{declared}' not found (resolved to {fullPath})", fullPath);
        }

        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Hash(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
