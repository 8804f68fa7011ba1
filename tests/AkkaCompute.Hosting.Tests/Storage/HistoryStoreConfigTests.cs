using AkkaCompute.Hosting.Storage;

namespace AkkaCompute.Hosting.Tests.Storage;

/// <summary>The Akka.Persistence.Sql configuration a history store gives the node.</summary>
public sealed class HistoryStoreConfigTests
{
    [Theory]
    [InlineData("/var/lib/akc/history.db")]
    [InlineData("postgres://akc:secret@127.0.0.1:5432/akc")]
    public void Journal_rows_are_written_with_parameters_not_hex_literals(string db)
    {
        var config = HistoryStore.Parse(db).ToConfig(batchSize: 500);

        Assert.True(config.GetBoolean("akka.persistence.journal.sql.prefer-parameters-on-multirow-insert"));
        Assert.Equal(500, config.GetInt("akka.persistence.journal.sql.db-round-trip-max-batch-size"));
        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
    }
}
