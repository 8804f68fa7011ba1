using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace AkkaCompute.Cli.Tests.Deploy;

/// <summary>The YAML documents of deploy/k8s, read with YamlDotNet and turned into JSON to be navigated.</summary>
internal static class KubernetesManifests
{
    public static string Directory => Path.Combine(CliHarness.RepoRoot, "deploy", "k8s");

    /// <summary>Every document of every <c>*.yaml</c> file but the kustomization, with the file it came from.</summary>
    public static List<(string File, JsonElement Doc)> Load() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.yaml").Order(StringComparer.Ordinal).SelectMany(f => Documents(f).Select(d => (Path.GetFileName(f), d)))];

    /// <summary>The documents of one YAML file.</summary>
    public static IEnumerable<JsonElement> Documents(string file)
    {
        var deserializer = new DeserializerBuilder().Build();
        var json = new SerializerBuilder().JsonCompatible().Build();
        using var reader = new StringReader(File.ReadAllText(file));
        var parser = new Parser(reader);
        parser.Consume<StreamStart>();
        var docs = new List<JsonElement>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var value = deserializer.Deserialize<object?>(parser);
            if (value is not null)
            {
                docs.Add(JsonDocument.Parse(json.Serialize(value)).RootElement.Clone());
            }
        }

        return docs;
    }

    /// <summary>The one document of kind <paramref name="kind"/>.</summary>
    public static JsonElement Single(this List<(string File, JsonElement Doc)> docs, string kind) =>
        Assert.Single(docs, d => d.Doc.GetProperty("kind").GetString() == kind).Doc;

    /// <summary>A string or number property as text (YAML's scalars come back as JSON strings).</summary>
    public static string Text(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.String ? e.GetProperty(name).GetString()! : e.GetProperty(name).GetRawText();

    /// <summary>A mapping of strings, e.g. labels.</summary>
    public static Dictionary<string, string> Map(this JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
