namespace AkkaCompute.Cli.Tests.Storage;

/// <summary>The history store contract on SQLite: a journal file of its own under the test's directory.</summary>
public sealed class SqliteHistoryStoreTests : HistoryStoreContract
{
    /// <inheritdoc />
    protected override Task<(string Db, IAsyncDisposable Lifetime)> CreateStoreAsync(CliHarness h) =>
        Task.FromResult<(string, IAsyncDisposable)>((Path.Combine(h.Root, "store", "history.db"), new Nothing()));

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
