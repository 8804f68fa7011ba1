using AkkaCompute.Compute.Workflows;

namespace AkkaCompute.Compute.Tests.Workflows;

public class TaskIdsTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("file-src_a.txt:1", true)]
    [InlineData("", false)]
    [InlineData(".a", false)]
    [InlineData("a b", false)]
    [InlineData("src/a.txt", true)]
    [InlineData("a\\b", false)]
    [InlineData("tâche", false)]
    public void Ids_follow_the_rules(string id, bool valid)
    {
        Assert.Equal(valid, TaskIds.IsValid(id));
        Assert.Equal(valid, TaskIds.Problem(id) is null);
    }

    [Fact]
    public void Ids_are_at_most_200_characters()
    {
        Assert.True(TaskIds.IsValid(new string('a', 200)));
        Assert.Equal("is 201 characters long (at most 200)", TaskIds.Problem(new string('a', 201)));
    }

    [Fact]
    public void Sanitize_replaces_disallowed_characters_and_shortens_with_a_hash()
    {
        Assert.Equal("src/my_file_1_.txt", TaskIds.Sanitize("src/my file(1).txt"));
        var longA = TaskIds.Sanitize(new string('x', 300) + "a", 50);
        var longB = TaskIds.Sanitize(new string('x', 300) + "b", 50);
        Assert.Equal(50, longA.Length);
        Assert.NotEqual(longA, longB);
        Assert.True(TaskIds.IsValid("p-" + longA));
    }

    [Fact]
    public void Stable_keeps_clean_names_and_adds_a_hash_of_the_exact_text_where_the_readable_form_is_lossy()
    {
        Assert.Equal("src/a-b_c.txt", TaskIds.Stable("src/a-b_c.txt"));
        var acute = TaskIds.Stable("\u00e9.txt");
        var grave = TaskIds.Stable("\u00e8.txt");
        Assert.StartsWith("_.txt-", acute, StringComparison.Ordinal);
        Assert.NotEqual(acute, grave);
        Assert.Equal(acute, TaskIds.Stable("\u00e9.txt"));
        Assert.NotEqual("_.txt", acute);
        var longA = TaskIds.Stable(new string('x', 300) + "a", 50);
        Assert.Equal(50, longA.Length);
        Assert.NotEqual(longA, TaskIds.Stable(new string('x', 300) + "b", 50));
        Assert.True(TaskIds.IsValid("p-" + TaskIds.Stable("")));
    }
}
