using AkkaCompute.Actors;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AkkaCompute.TestKit;

/// <summary>
/// Base class for actor tests with xUnit (Akka's TestKit): creates an <see cref="ActorSystem"/> per
/// test class instance with captured logs, a default probe (<see cref="TestActor"/>), a dead-letter
/// probe, and the expectation methods of <see cref="TestProbe"/>. Disposing terminates the system.
/// </summary>
public abstract class TestKit : IDisposable
{
    private readonly TestProbe _testActor;
    private readonly TestProbe _deadLetters;
    private readonly ILoggerFactory _loggerFactory;
    private bool _disposed;

    /// <summary>Creates the system.</summary>
    /// <param name="settings">System settings (e.g. with a <see cref="ManualTimeProvider"/>); the logger factory is replaced by the capture.</param>
    /// <param name="output">xUnit's output helper, to echo logs; optional.</param>
    /// <param name="systemName">The system's name; default the test class name.</param>
    protected TestKit(ActorSystemSettings? settings = null, ITestOutputHelper? output = null, string? systemName = null)
    {
        Settings = TestKitSettings.FromEnvironment;
        Logs = new LogCapture(output is null ? null : output.WriteLine);
        _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        var name = systemName ?? new string(GetType().Name.Where(char.IsAsciiLetterOrDigit).ToArray());
        Sys = ActorSystem.Create(name, (settings ?? ActorSystemSettings.Default) with { LoggerFactory = _loggerFactory });
        _testActor = new TestProbe(Sys, "testActor", Settings);
        _deadLetters = new TestProbe(Sys, "deadLetterProbe", Settings);
        Sys.EventStream.Subscribe(_deadLetters.Ref, typeof(DeadLetter));
    }

    /// <summary>The actor system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>TestKit timing (time factor).</summary>
    public TestKitSettings Settings { get; }

    /// <summary>Every log entry of the system.</summary>
    public LogCapture Logs { get; }

    /// <summary>The default probe's reference; use it as sender or recipient.</summary>
    public IActorRef TestActor => _testActor.Ref;

    /// <summary>The default probe.</summary>
    public TestProbe Probe => _testActor;

    /// <summary>The sender of the last message the default probe took.</summary>
    public IActorRef LastSender => _testActor.LastSender;

    /// <summary>Creates another probe.</summary>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name, Settings);

    /// <summary>Returns <paramref name="duration"/> times the time factor.</summary>
    public TimeSpan Dilated(TimeSpan duration) => Settings.Dilated(duration);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(Predicate{T}, TimeSpan?)"/>
    public T ExpectMsg<T>(Predicate<T>? predicate = null, TimeSpan? timeout = null) => _testActor.ExpectMsg(predicate, timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(T, TimeSpan?)"/>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull => _testActor.ExpectMsg(expected, timeout);

    /// <inheritdoc cref="TestProbe.ExpectNoMsg"/>
    public void ExpectNoMsg(TimeSpan? duration = null) => _testActor.ExpectNoMsg(duration);

    /// <inheritdoc cref="TestProbe.ExpectMsgAllOf(object[])"/>
    public IReadOnlyList<object> ExpectMsgAllOf(params object[] messages) => _testActor.ExpectMsgAllOf(messages);

    /// <inheritdoc cref="TestProbe.ExpectTerminated"/>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) => _testActor.ExpectTerminated(target, timeout);

    /// <inheritdoc cref="TestProbe.FishForMessage(Predicate{object}, TimeSpan?)"/>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null) => _testActor.FishForMessage(isMessage, timeout);

    /// <inheritdoc cref="TestProbe.ReceiveN"/>
    public IReadOnlyList<object> ReceiveN(int n, TimeSpan? timeout = null) => _testActor.ReceiveN(n, timeout);

    /// <inheritdoc cref="TestProbe.Within{T}(TimeSpan, Func{T})"/>
    public T Within<T>(TimeSpan max, Func<T> action) => _testActor.Within(max, action);

    /// <inheritdoc cref="TestProbe.Within(TimeSpan, Action)"/>
    public void Within(TimeSpan max, Action action) => _testActor.Within(max, action);

    /// <inheritdoc cref="TestProbe.AwaitAssert"/>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null) => _testActor.AwaitAssert(assertion, duration, interval);

    /// <inheritdoc cref="TestProbe.AwaitCondition"/>
    public void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, TimeSpan? interval = null, string? message = null) =>
        _testActor.AwaitCondition(condition, duration, interval, message);

    /// <summary>Makes the default probe watch <paramref name="target"/>.</summary>
    public IActorRef Watch(IActorRef target) => _testActor.Watch(target);

    /// <summary>Stops the default probe watching <paramref name="target"/>.</summary>
    public IActorRef Unwatch(IActorRef target) => _testActor.Unwatch(target);

    /// <summary>
    /// Expects a dead letter whose message is a <typeparamref name="T"/> matching <paramref name="predicate"/>;
    /// other dead letters before it are skipped.
    /// </summary>
    /// <exception cref="TestKitAssertionException">None came before the deadline.</exception>
    public DeadLetter ExpectDeadLetter<T>(Predicate<T>? predicate = null, TimeSpan? timeout = null) =>
        _deadLetters.FishForMessage<DeadLetter>(d => d.Message is T t && (predicate is null || predicate(t)), timeout);

    /// <summary>Waits for a log entry at <paramref name="level"/> or above whose message contains <paramref name="contains"/>.</summary>
    /// <exception cref="TestKitAssertionException">None was logged before the deadline.</exception>
    public LogEntry ExpectLog(LogLevel level, string contains, TimeSpan? timeout = null)
    {
        LogEntry? found = null;
        AwaitCondition(
            () => (found = Logs.Entries.FirstOrDefault(e => e.Level >= level && e.Message.Contains(contains, StringComparison.Ordinal))) is not null,
            timeout,
            message: $"no {level} log entry containing '{contains}'");
        return found!;
    }

    /// <summary>Terminates the system (waiting at most 10 s, dilated).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the system; override to release more, calling the base.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        if (Sys.TimeProvider is ManualTimeProvider manual)
        {
            // Shutdown phase timeouts run on the manual clock: keep it moving until termination.
            var terminate = Sys.Terminate();
            var waited = 0;
            while (!terminate.Wait(TimeSpan.FromMilliseconds(20)) && waited++ < 500)
            {
                manual.Advance(TimeSpan.FromSeconds(1));
            }
        }
        else
        {
            Sys.Terminate().Wait(Dilated(TimeSpan.FromSeconds(10)));
        }

        _loggerFactory.Dispose();
    }
}
