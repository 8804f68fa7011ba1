using AkkaCompute.Compute.Execution;
using static AkkaCompute.Compute.Tests.Execution.TestSupport;

namespace AkkaCompute.Compute.Tests.Execution;

public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("""{ "b": 1, "a": { "d": [3, 2, 1], "c": true } }""", """{"a":{"c":true,"d":[3,2,1]},"b":1}""")]
    [InlineData("""{"Z": 1, "a": 2, "_": 3}""", """{"Z":1,"_":3,"a":2}""")]
    [InlineData("""[1.0, 1e2, -0.0, 1.5, 12345678901234567890, 1e300, 0.1]""", """[1,100,0,1.5,12345678901234567890,1E+300,0.1]""")]
    [InlineData("\"caf\\u00e9 \\\"q\\\" <b>\"", "\"café \\\"q\\\" <b>\"")]
    [InlineData("null", "null")]
    [InlineData("[]", "[]")]
    public void Canonical_form(string input, string expected) => Assert.Equal(expected, CanonicalJson.Serialize(Json(input)));

    [Fact]
    public void Undefined_has_no_canonical_form() => Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(default));
}
