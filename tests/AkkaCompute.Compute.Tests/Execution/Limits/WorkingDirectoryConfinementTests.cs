using AkkaCompute.Compute.Execution.Limits;

namespace AkkaCompute.Compute.Tests.Execution.Limits;

public sealed class WorkingDirectoryConfinementTests : IDisposable
{
    private readonly DirectoryInfo _base = Directory.CreateTempSubdirectory("akc-confine-");

    private string Root => Path.Combine(_base.FullName, "root");

    public WorkingDirectoryConfinementTests()
    {
        Directory.CreateDirectory(Path.Combine(Root, "a", "b"));
        Directory.CreateDirectory(Path.Combine(_base.FullName, "rootless"));
        Directory.CreateDirectory(Path.Combine(_base.FullName, "outside"));
    }

    public void Dispose() => _base.Delete(recursive: true);

    [Fact]
    public void The_root_and_directories_below_it_are_accepted()
    {
        Assert.Null(WorkingDirectoryConfinement.Problem(Root, Root));
        Assert.Null(WorkingDirectoryConfinement.Problem(Path.Combine(Root, "a", "b"), Root));
        Assert.Null(WorkingDirectoryConfinement.Problem(Path.Combine(Root, "a", "..", "a"), Root + "/"));
    }

    [Fact]
    public void Dot_dot_out_of_the_root_is_refused_naming_the_resolved_directory_and_the_root()
    {
        var sneaky = Root + "/a/../../outside";
        var problem = WorkingDirectoryConfinement.Problem(sneaky, Root);
        Assert.Equal($"working directory '{sneaky}' (resolved '{_base.FullName}/outside') is outside the confinement root '{Root}' (akc.executor.shell.confine-root)", problem);
    }

    [Fact]
    public void A_symbolic_link_out_of_the_root_is_refused()
    {
        var link = Path.Combine(Root, "escape");
        File.CreateSymbolicLink(link, Path.Combine(_base.FullName, "outside"));
        Assert.Contains("is outside the confinement root", WorkingDirectoryConfinement.Problem(link, Root), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sibling_sharing_the_root_s_prefix_is_outside()
    {
        Assert.Contains("is outside", WorkingDirectoryConfinement.Problem(Path.Combine(_base.FullName, "rootless"), Root), StringComparison.Ordinal);
        Assert.False(WorkingDirectoryConfinement.IsAtOrBelow("/srv/jobsx", "/srv/jobs"));
        Assert.True(WorkingDirectoryConfinement.IsAtOrBelow("/srv/jobs/x", "/srv/jobs/"));
    }

    [Fact]
    public void A_missing_directory_or_root_is_refused()
    {
        Assert.StartsWith($"working directory '{Root}/nope' does not exist", WorkingDirectoryConfinement.Problem(Root + "/nope", Root), StringComparison.Ordinal);
        Assert.StartsWith($"the confinement root '{Root}/nope' (akc.executor.shell.confine-root) does not exist", WorkingDirectoryConfinement.Problem(Root, Root + "/nope"), StringComparison.Ordinal);
    }
}
