using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconErrorTests
{
    [Fact]
    public void Missing_separator_names_file_line_column_and_key()
    {
        var text = string.Concat(Enumerable.Repeat("x = 1\n", 11)) + "tasks [1, 2]\n";
        var e = Hocon.ParseError(text, "job.conf");
        Assert.Equal("job.conf:12:7: expected '=' or ':' after key 'tasks'", e.Message);
        Assert.Equal("job.conf", e.File);
        Assert.Equal(12, e.Line);
        Assert.Equal(7, e.Column);
        Assert.Equal("expected '=' or ':' after key 'tasks'", e.Reason);
    }

    [Fact]
    public void Text_without_file_name_is_reported_as_string()
    {
        Assert.StartsWith("<string>:1:2: ", Hocon.ParseError("a").Message);
    }

    [Theory]
    [InlineData("a = \"unterminated", 1, 5, "unterminated quoted string")]
    [InlineData("a = \"\"\"never closed", 1, 5, "unterminated triple-quoted string")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "invalid escape")]
    [InlineData("a = [1,,2]", 1, 8, "unexpected ','")]
    [InlineData("a = [,1]", 1, 6, "unexpected ','")]
    [InlineData("a = 1,,\nb = 2", 1, 7, "unexpected ','")]
    [InlineData("a = [1, 2", 1, 10, "expected ']'")]
    [InlineData("a { b = 1", 1, 10, "expected '}'")]
    [InlineData("a = 1 }", 1, 7, "expected ',' or a newline after the value of 'a'")]
    [InlineData("a..b = 1", 1, 1, "empty path element")]
    [InlineData("a = ${}", 1, 5, "empty substitution")]
    [InlineData("a = ${b", 1, 8, "expected '}' to close the substitution")]
    [InlineData("${a} = 1", 1, 1, "substitutions are not allowed in keys")]
    [InlineData("a = b + c", 1, 7, "'+' is only allowed as part of '+='")]
    [InlineData("a = foo!", 1, 8, "reserved")]
    [InlineData("a = $x", 1, 5, "'$' must start a substitution")]
    [InlineData("a =\n", 2, 1, "expected a value for 'a'")]
    [InlineData("[1, 2]", 1, 1, "root of a HOCON document must be an object")]
    [InlineData("{ a = 1 } b", 1, 11, "after the root object")]
    [InlineData("a\n= 1", 1, 2, "expected '=' or ':' after key 'a'")]
    public void Syntax_errors_report_line_column_and_reason(string text, int line, int column, string reason)
    {
        var e = Hocon.ParseError(text, "t.conf");
        Assert.Contains(reason, e.Reason);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"t.conf:{line}:{column}: ", e.Message);
    }

    [Fact]
    public void Columns_count_from_one_on_later_lines()
    {
        var e = Hocon.ParseError("a = 1\n  b = \"x");
        Assert.Equal((2, 7), (e.Line, e.Column));
    }

    [Fact]
    public void Lines_inside_triple_quoted_strings_are_counted()
    {
        var e = Hocon.ParseError("a = \"\"\"1\n2\n3\"\"\"\nb [");
        Assert.Equal((4, 3), (e.Line, e.Column));
    }

    [Fact]
    public void Deep_nesting_is_rejected_not_a_stack_overflow()
    {
        var text = "a = " + new string('[', 10_000) + new string(']', 10_000);
        Assert.Contains("nested more than", Hocon.ParseError(text).Reason);
    }
}
