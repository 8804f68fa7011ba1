using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconSubstitutionTests
{
    [Fact]
    public void Substitution_copies_a_value_and_keeps_its_type()
    {
        var root = Hocon.Parse("a = 42\nb = ${a}");
        Assert.Equal(HoconValueType.Number, root.GetValue("b").Type);
        Assert.Equal(42, root.GetInt("b"));
    }

    [Fact]
    public void Forward_references_resolve()
    {
        Assert.Equal("x", Hocon.Parse("b = ${a}\na = x").GetString("b"));
    }

    [Fact]
    public void Substitution_uses_the_final_value_of_the_path()
    {
        Assert.Equal(3, Hocon.Parse("a = 1\nb = ${a}\na = 3").GetInt("b"));
    }

    [Fact]
    public void Chains_resolve_transitively()
    {
        Assert.Equal(1, Hocon.Parse("a = ${b}, b = ${c}, c = 1").GetInt("a"));
    }

    [Fact]
    public void Substitution_in_string_concatenation()
    {
        var root = Hocon.Parse("animal = dog\nkey = ${animal} is my \"favorite\" animal");
        Assert.Equal("dog is my favorite animal", root.GetString("key"));
    }

    [Fact]
    public void Substitution_copies_objects_and_supports_inheritance()
    {
        var root = Hocon.Parse("generic { size = 6, name = generic }\neast = ${generic} { name = east }");
        Assert.Equal(6, root.GetInt("east.size"));
        Assert.Equal("east", root.GetString("east.name"));
        Assert.Equal("generic", root.GetString("generic.name"));
    }

    [Fact]
    public void Object_may_refer_to_paths_within_itself()
    {
        var root = Hocon.Parse("bar : { foo : 42,\n baz : ${bar.foo}\n}\nbar : { foo : 43 }");
        Assert.Equal(43, root.GetInt("bar.baz"));
    }

    [Fact]
    public void Mutually_referring_objects_look_forward()
    {
        var root = Hocon.Parse("bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4");
        Assert.Equal(4, root.GetInt("bar.a"));
        Assert.Equal(3, root.GetInt("foo.c"));
    }

    [Fact]
    public void Substitution_inside_an_array()
    {
        Assert.Equal(new[] { "1", "2" }, Hocon.Parse("a = 1\nb = [${a}, 2]").GetStringList("b"));
    }

    [Fact]
    public void Missing_optional_substitution_removes_the_field()
    {
        var root = Hocon.Parse("a = ${?missing}\nb = [1, ${?missing}]");
        Assert.False(root.TryGetValue("a", out _));
        Assert.Equal(new[] { "1" }, root.GetStringList("b"));
    }

    [Fact]
    public void Missing_optional_substitution_keeps_the_previous_value()
    {
        Assert.Equal(1, Hocon.Parse("a = 1\na = ${?missing}").GetInt("a"));
    }

    [Fact]
    public void Missing_optional_substitution_in_a_string_is_empty()
    {
        Assert.Equal("foo", Hocon.Parse("a = ${?missing}foo").GetString("a"));
    }

    [Fact]
    public void Missing_required_substitution_is_an_error_with_position()
    {
        var e = Hocon.ParseError("a = 1\nb = ${nope.x}");
        Assert.Equal(2, e.Line);
        Assert.Equal(5, e.Column);
        Assert.Contains("${nope.x}", e.Message);
        Assert.StartsWith("<string>:2:5:", e.Message);
    }

    [Fact]
    public void Hidden_unresolvable_substitution_is_never_evaluated()
    {
        Assert.Equal(42, Hocon.Parse("foo : ${does-not-exist}\nfoo : 42").GetInt("foo"));
    }

    [Fact]
    public void Optional_substitution_falls_back_to_the_injected_environment()
    {
        var root = Hocon.Parse("home = ${?HOME}\npath = ${?PATH_X}/bin", ("HOME", "/home/ada"), ("PATH_X", "/usr"));
        Assert.Equal("/home/ada", root.GetString("home"));
        Assert.Equal("/usr/bin", root.GetString("path"));
    }

    [Fact]
    public void Required_substitution_also_falls_back_to_the_environment()
    {
        Assert.Equal("secret", Hocon.Parse("token = ${API_TOKEN}", ("API_TOKEN", "secret")).GetString("token"));
    }

    [Fact]
    public void Document_value_wins_over_the_environment_and_null_blocks_it()
    {
        var root = Hocon.Parse("HOME = /config/home\nUSER = null\nh = ${HOME}\nu = ${?USER}", ("HOME", "/env/home"), ("USER", "env-user"));
        Assert.Equal("/config/home", root.GetString("h"));
        Assert.Equal(HoconValueType.Null, root.GetValue("u").Type);
    }

    [Fact]
    public void Empty_environment_variable_counts_as_not_set()
    {
        Assert.False(Hocon.Parse("a = ${?EMPTY}", ("EMPTY", "")).TryGetValue("a", out _));
    }

    [Fact]
    public void Two_step_cycle_is_an_error()
    {
        var e = Hocon.ParseError("bar : ${foo}\nfoo : ${bar}");
        Assert.Contains("cycle", e.Reason);
        Assert.Contains("foo", e.Reason);
        Assert.Contains("bar", e.Reason);
    }

    [Fact]
    public void Three_step_cycle_is_an_error_naming_the_chain()
    {
        var e = Hocon.ParseError("a : ${b}\nb : ${c}\nc : ${a}");
        Assert.Contains("substitution cycle: a -> b -> c -> a", e.Reason);
    }

    [Fact]
    public void Object_containing_a_reference_to_itself_is_a_cycle()
    {
        Assert.Contains("cycle", Hocon.ParseError("a : { b : ${a} }").Reason);
        Assert.Contains("cycle", Hocon.ParseError("a : [ ${a} ]").Reason);
    }

    [Fact]
    public void Optional_substitution_in_a_cycle_is_undefined()
    {
        var root = Hocon.Parse("a = ${?b}\nb = ${?a}\nc = 1");
        Assert.False(root.TryGetValue("a", out _));
        Assert.False(root.TryGetValue("b", out _));
        Assert.Equal(1, root.GetInt("c"));
    }

    [Fact]
    public void Substitutions_are_not_parsed_inside_quoted_strings()
    {
        Assert.Equal("${a}", Hocon.Parse("b = \"${a}\"").GetString("b"));
    }

    [Fact]
    public void Substituted_scalar_takes_the_origin_of_the_substitution()
    {
        var root = Hocon.Parse("a = 1\n\nb = ${a}");
        Assert.Equal(new HoconOrigin("<string>", 3, 5), root.GetValue("b").Origin);
    }
}
