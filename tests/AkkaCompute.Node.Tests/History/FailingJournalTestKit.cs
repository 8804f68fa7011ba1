using Akka.Configuration;
using Akka.Persistence.TestKit;

namespace AkkaCompute.Node.Tests.History;

/// <summary>A TestKit whose journal is Akka.Persistence.TestKit's in-memory <c>TestJournal</c>, so a test can make writes fail.</summary>
public abstract class FailingJournalTestKit() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("""
    akka.loglevel = WARNING
    akka.persistence {
      journal.plugin = "akka.persistence.journal.test"
      journal.test.class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
      snapshot-store.plugin = "akka.persistence.snapshot-store.test"
      snapshot-store.test.class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
    }
    """).WithFallback(TestConfig.Base))
{
    /// <summary>Makes the journal's writes pass through <paramref name="interceptor"/> (which may throw to fail them).</summary>
    protected Task InterceptWritesAsync(IJournalInterceptor interceptor) =>
        Akka.Persistence.TestKit.TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null)).OnWrite.SetInterceptorAsync(interceptor);
}
