using System.Text;
using AkkaCompute.Remote.Serialization;

namespace AkkaCompute.Remote.Tests.Serialization;

/// <summary>Manifests from the wire are attacker-controlled: unknown names and unsafe types must fail cleanly.</summary>
public sealed class ManifestValidationTests
{
    private static readonly byte[] EmptyObject = Encoding.UTF8.GetBytes("{}");

    [Theory]
    [InlineData("System.IO.FileInfo, System.Runtime", "System.IO")]
    [InlineData("System.IO.FileInfo[], System.Runtime", "System.IO")]
    [InlineData("System.Collections.Generic.List`1[[System.IO.FileInfo, System.Runtime]], System.Private.CoreLib", "System.IO")]
    [InlineData("System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.IO.DirectoryInfo, System.Runtime]], System.Private.CoreLib", "System.IO")]
    [InlineData("System.Diagnostics.ProcessStartInfo, System.Diagnostics.Process", "System.Diagnostics")]
    [InlineData("System.Runtime.CompilerServices.StrongBox`1[[System.Int32, System.Private.CoreLib]], System.Private.CoreLib", "System.Runtime")]
    [InlineData("System.Security.Claims.Claim, System.Security.Claims", "System.Security")]
    [InlineData("System.Reflection.AssemblyName, System.Private.CoreLib", "System.Reflection")]
    [InlineData("System.Type, System.Private.CoreLib", "reflection type")]
    [InlineData("System.Action, System.Private.CoreLib", "delegate")]
    [InlineData("System.Func`1[[System.Int32, System.Private.CoreLib]], System.Private.CoreLib", "delegate")]
    [InlineData("System.IDisposable, System.Private.CoreLib", "interface")]
    [InlineData("AkkaCompute.Remote.Tests.Serialization.Shape, AkkaCompute.Remote.Tests", "abstract")]
    [InlineData("System.Collections.Generic.List`1, System.Private.CoreLib", "open generic")]
    public void Unsafe_types_are_refused_before_any_json_is_read(string manifest, string why)
    {
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Json, manifest, EmptyObject);

        Assert.Equal(SerializationFailureReason.RefusedManifest, e.Reason);
        Assert.Equal(manifest, e.Manifest);
        Assert.StartsWith($"Cannot deserialize a payload with serializer id 1 and manifest '{manifest}': refused manifest: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.Null(e.InnerException);
    }

    [Theory]
    [InlineData("No.Such.Type, NoSuchAssembly")]
    [InlineData("No.Such.Type, AkkaCompute.Remote.Tests")]
    [InlineData("AkkaCompute.Remote.Tests.Serialization.Ping")] // no assembly: not in the core library
    [InlineData("")]
    [InlineData("[[[,,]]")]
    [InlineData("Ping, ")]
    public void Unknown_manifests_fail_as_unknown(string manifest)
    {
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Json, manifest, EmptyObject);

        Assert.Equal(SerializationFailureReason.UnknownManifest, e.Reason);
        Assert.Contains("unknown manifest", e.Message, StringComparison.Ordinal);
        Assert.Contains("no type of that name could be loaded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_manifest_is_refused_and_cut_in_the_message()
    {
        var manifest = "A." + new string('x', TypeManifest.MaxManifestChars) + ", B";

        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Json, manifest, EmptyObject);

        Assert.Equal(SerializationFailureReason.RefusedManifest, e.Reason);
        Assert.Contains($"over the limit of {TypeManifest.MaxManifestChars}", e.Message, StringComparison.Ordinal);
        Assert.Equal(manifest, e.Manifest);
        Assert.True(e.Message.Length < 600, $"message is {e.Message.Length} chars");
    }

    [Fact]
    public void Safe_types_from_the_core_library_are_accepted()
    {
        Assert.Null(WireTypePolicy.RefusalReason(typeof(int)));
        Assert.Null(WireTypePolicy.RefusalReason(typeof(List<Dictionary<string, int[]>>)));
        Assert.Null(WireTypePolicy.RefusalReason(typeof(Ping)));
        Assert.Null(WireTypePolicy.RefusalReason(typeof(int?)));
        Assert.Null(WireTypePolicy.RefusalReason(typeof(Guid)));
    }

    [Fact]
    public void A_namespace_that_only_starts_like_a_refused_one_is_accepted()
    {
        // "System.IOther" is not "System.IO": the check matches whole namespace segments.
        Assert.NotNull(WireTypePolicy.RefusalReason(typeof(System.IO.Stream)));
        Assert.Null(WireTypePolicy.RefusalReason(typeof(System.IOther.Probe)));
    }
}
