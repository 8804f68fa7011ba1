using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Execution;

/// <summary>Issue 12, item 3: which files a task declares it reads.</summary>
public class TaskInputFilesTests
{
    private static readonly FunctionRegistry Functions = FunctionRegistry.CreateWithBuiltIns();

    private static TaskSpec Fn(string function, string args, string? cwd = null, IReadOnlyList<string>? inputs = null) =>
        new() { Id = "t", Function = function, Args = TestSupport.Json(args), WorkingDirectory = cwd, Inputs = inputs };

    [Theory]
    [InlineData("sha256")]
    [InlineData("word-count")]
    public void Built_ins_that_read_a_file_declare_their_file_argument(string function)
    {
        Assert.Equal(["file"], Functions.Get(function).InputFileParameters.Select(p => p.Name));
        Assert.Equal(["/data/a.txt"], TaskInputFiles.Of(Fn(function, """{"file": "/data/a.txt"}"""), Functions));
        Assert.Equal(["/data/b.txt"], TaskInputFiles.Of(Fn(function, """["/data/b.txt"]"""), Functions));
        Assert.Empty(TaskInputFiles.Of(Fn(function, """{"text": "not a file"}"""), Functions));
    }

    [Fact]
    public void Every_built_in_with_a_file_parameter_declares_it()
    {
        foreach (var name in Functions.Names)
        {
            var function = Functions.Get(name);
            var fileParameters = function.ArgumentParameters.Where(p => p.Name.Contains("file", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("path", StringComparison.OrdinalIgnoreCase));
            Assert.All(fileParameters, p => Assert.True(p.IsInputFile, $"{name}({p.Name}) reads a file but does not declare it [InputFile]"));
        }
    }

    [Fact]
    public void Relative_paths_resolve_against_the_working_directory_and_declared_inputs_count_too()
    {
        var files = TaskInputFiles.Of(Fn("sha256", """{"File": "x/a.txt"}""", cwd: "/work", inputs: ["/etc/extra", "b.txt", "/etc/extra"]), Functions);
        Assert.Equal(["/etc/extra", "/work/b.txt", "/work/x/a.txt"], files);
    }

    [Fact]
    public void An_unresolved_reference_an_unknown_function_and_a_shell_task_add_no_file_arguments()
    {
        Assert.Empty(TaskInputFiles.Of(Fn("sha256", """{"file": {"$ref": "other"}}"""), Functions));
        Assert.Empty(TaskInputFiles.Of(Fn("no-such", """{"file": "/a"}"""), Functions));
        Assert.Equal(["/in"], TaskInputFiles.Of(new TaskSpec { Id = "s", Kind = TaskKind.Shell, Command = "cat /in", Inputs = ["/in"] }, Functions));
    }

    [Fact]
    public void InputFile_on_a_parameter_that_is_not_a_string_is_refused_at_registration()
    {
        var registry = new FunctionRegistry();
        var e = Assert.Throws<FunctionRegistrationException>(() => registry.Register(typeof(BadInputFunctions).GetMethod(nameof(BadInputFunctions.Bad))!, "bad-input"));
        Assert.Contains("[InputFile]", e.Message);
    }

    /// <summary>Not attributed, so that scanning the test assembly does not find it.</summary>
    public static class BadInputFunctions
    {
        public static int Bad([InputFile] int file) => file;
    }
}
