using System.Collections.Concurrent;
using System.Diagnostics;
using AkkaCompute.Actors;

namespace AkkaCompute.TestKit;

/// <summary>
/// An actor whose received messages a test can expect, in the manner of Akka's TestProbe.
/// Every wait has a deadline: the given timeout, or the remaining time of an enclosing
/// <see cref="Within{T}(TimeSpan, Func{T})"/>, or <see cref="TestKitSettings.SingleExpectDefault"/>;
/// all dilated by <see cref="TestKitSettings.TimeFactor"/>. A missed expectation throws
/// <see cref="TestKitAssertionException"/> naming what was expected and what came.
/// </summary>
public class TestProbe
{
    private readonly BlockingCollection<Envelope> _queue = new();
    private readonly TestKitSettings _settings;
    private Stopwatch? _withinClock;
    private TimeSpan _withinMax;

    /// <summary>Creates a probe in <paramref name="system"/> under <c>/user</c>.</summary>
    public TestProbe(ActorSystem system, string? name = null, TestKitSettings? settings = null)
    {
        Sys = system;
        _settings = settings ?? TestKitSettings.FromEnvironment;
        Ref = system.ActorOf(Props.Create(() => new TestActor(_queue)), name);
    }

    /// <summary>The actor system.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The probe's actor reference.</summary>
    public IActorRef Ref { get; }

    /// <summary>The sender of the last message taken from the queue.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.NoSender;

    /// <summary>The settings (time factor).</summary>
    public TestKitSettings Settings => _settings;

    /// <summary>Whether a message is waiting.</summary>
    public bool HasMessages => _queue.Count > 0;

    /// <summary>Returns <paramref name="duration"/> times the time factor.</summary>
    public TimeSpan Dilated(TimeSpan duration) => _settings.Dilated(duration);

    /// <summary>Expects a message of type <typeparamref name="T"/> (optionally matching <paramref name="predicate"/>).</summary>
    /// <exception cref="TestKitAssertionException">Nothing came in time, or the message was of another type or failed the predicate.</exception>
    public T ExpectMsg<T>(Predicate<T>? predicate = null, TimeSpan? timeout = null)
    {
        var t = RemainingOrDefault(timeout);
        var envelope = ReceiveEnvelope(t) ?? throw new TestKitAssertionException($"timeout ({t.TotalMilliseconds:0} ms) while waiting for a message of type {typeof(T).Name}");
        if (envelope.Message is not T typed)
        {
            throw new TestKitAssertionException($"expected a message of type {typeof(T).Name} but got {Describe(envelope.Message)}");
        }

        if (predicate is not null && !predicate(typed))
        {
            throw new TestKitAssertionException($"message {Describe(typed)} did not match the predicate");
        }

        return typed;
    }

    /// <summary>Expects a message equal to <paramref name="expected"/>.</summary>
    /// <exception cref="TestKitAssertionException">Nothing came in time, or another message came.</exception>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull
    {
        var got = ExpectMsg<object>(null, timeout);
        return Equals(got, expected)
            ? (T)got
            : throw new TestKitAssertionException($"expected {Describe(expected)} but got {Describe(got)}");
    }

    /// <summary>Expects that no message arrives for <paramref name="duration"/> (default 200 ms, dilated).</summary>
    /// <exception cref="TestKitAssertionException">A message arrived.</exception>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var d = duration is { } given ? Dilated(given) : Dilated(_settings.ExpectNoMessageDefault);
        if (_withinClock is not null)
        {
            d = Min(d, Remaining);
        }

        if (ReceiveEnvelope(d) is { } e)
        {
            throw new TestKitAssertionException($"expected no message for {d.TotalMilliseconds:0} ms but got {Describe(e.Message)}");
        }
    }

    /// <summary>Expects every one of <paramref name="messages"/>, in any order, and nothing else in between.</summary>
    /// <exception cref="TestKitAssertionException">A message was missing or an unexpected one came.</exception>
    public IReadOnlyList<object> ExpectMsgAllOf(params object[] messages) => ExpectMsgAllOf(null, messages);

    /// <summary>Expects every one of <paramref name="messages"/>, in any order, within <paramref name="timeout"/>.</summary>
    public IReadOnlyList<object> ExpectMsgAllOf(TimeSpan? timeout, params object[] messages)
    {
        var received = ReceiveN(messages.Length, timeout);
        var missing = messages.ToList();
        foreach (var r in received)
        {
            var i = missing.FindIndex(m => Equals(m, r));
            if (i < 0)
            {
                throw new TestKitAssertionException($"unexpected message {Describe(r)}; still expecting {string.Join(", ", missing.Select(Describe))}");
            }

            missing.RemoveAt(i);
        }

        return received;
    }

    /// <summary>Expects <see cref="Terminated"/> for <paramref name="target"/> (watch it first with <see cref="Watch"/>).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), timeout);

    /// <summary>Skips messages until one satisfies <paramref name="isMessage"/>, and returns it.</summary>
    /// <exception cref="TestKitAssertionException">None did before the deadline.</exception>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null) => FishForMessage<object>(isMessage, timeout);

    /// <summary>Skips messages until one of type <typeparamref name="T"/> satisfies <paramref name="isMessage"/>.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var max = RemainingOrDefault(timeout);
        var skipped = new List<object>();
        while (true)
        {
            var left = max - deadline.Elapsed;
            var e = left > TimeSpan.Zero ? ReceiveEnvelope(left) : null;
            if (e is null)
            {
                throw new TestKitAssertionException($"timeout ({max.TotalMilliseconds:0} ms) fishing for {typeof(T).Name}; skipped {skipped.Count}: {string.Join(", ", skipped.Take(10).Select(Describe))}");
            }

            if (e.Value.Message is T t && isMessage(t))
            {
                return t;
            }

            skipped.Add(e.Value.Message);
        }
    }

    /// <summary>Receives exactly <paramref name="n"/> messages.</summary>
    /// <exception cref="TestKitAssertionException">Fewer came before the deadline.</exception>
    public IReadOnlyList<object> ReceiveN(int n, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var max = RemainingOrDefault(timeout);
        var result = new List<object>(n);
        while (result.Count < n)
        {
            var left = max - clock.Elapsed;
            var e = left > TimeSpan.Zero ? ReceiveEnvelope(left) : null;
            if (e is null)
            {
                throw new TestKitAssertionException($"timeout ({max.TotalMilliseconds:0} ms) after {result.Count} of {n} messages");
            }

            result.Add(e.Value.Message);
        }

        return result;
    }

    /// <summary>Receives one message, or returns null when none came within the timeout.</summary>
    public object? ReceiveOne(TimeSpan? timeout = null) => ReceiveEnvelope(RemainingOrDefault(timeout))?.Message;

    /// <summary>
    /// Runs <paramref name="action"/> with <paramref name="max"/> (dilated) as the deadline of every expectation
    /// inside it, and asserts that it finished within that time.
    /// </summary>
    public T Within<T>(TimeSpan max, Func<T> action)
    {
        var previousClock = _withinClock;
        var previousMax = _withinMax;
        _withinClock = Stopwatch.StartNew();
        _withinMax = Dilated(max);
        try
        {
            var result = action();
            if (_withinClock.Elapsed > _withinMax)
            {
                throw new TestKitAssertionException($"block took {_withinClock.Elapsed.TotalMilliseconds:0} ms, more than the allowed {_withinMax.TotalMilliseconds:0} ms");
            }

            return result;
        }
        finally
        {
            _withinClock = previousClock;
            _withinMax = previousMax;
        }
    }

    /// <summary>Runs <paramref name="action"/> within <paramref name="max"/> (see <see cref="Within{T}(TimeSpan, Func{T})"/>).</summary>
    public void Within(TimeSpan max, Action action) => Within(max, () =>
    {
        action();
        return true;
    });

    /// <summary>The time left in the enclosing Within block; the single-expect default outside one.</summary>
    public TimeSpan Remaining => _withinClock is null ? Dilated(_settings.SingleExpectDefault) : Max(TimeSpan.Zero, _withinMax - _withinClock.Elapsed);

    /// <summary>Repeats <paramref name="assertion"/> until it stops throwing, or rethrows its last failure at the deadline.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null) =>
        Waiting.AwaitAssert(assertion, RemainingOrDefault(duration), interval ?? TimeSpan.FromMilliseconds(10));

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    /// <exception cref="TestKitAssertionException">It was still false at the deadline.</exception>
    public void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, TimeSpan? interval = null, string? message = null) =>
        Waiting.AwaitCondition(condition, RemainingOrDefault(duration), interval ?? TimeSpan.FromMilliseconds(10), message);

    /// <summary>Makes the probe watch <paramref name="target"/>; its <see cref="Terminated"/> arrives in the probe's queue.</summary>
    public IActorRef Watch(IActorRef target)
    {
        SendWatch(target, watch: true);
        return target;
    }

    /// <summary>Stops watching <paramref name="target"/>.</summary>
    public IActorRef Unwatch(IActorRef target)
    {
        SendWatch(target, watch: false);
        return target;
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Replies to <see cref="LastSender"/> with the probe as sender.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Forwards <paramref name="message"/> to <paramref name="target"/> keeping <see cref="LastSender"/> as sender.</summary>
    public void Forward(IActorRef target, object message) => target.Tell(message, LastSender);

    private void SendWatch(IActorRef target, bool watch)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Ref.Tell(new TestActor.WatchCommand(target, watch, done), ActorRefs.NoSender);
        if (!done.Task.Wait(Dilated(_settings.SingleExpectDefault)))
        {
            throw new TestKitAssertionException($"the probe did not confirm (un)watching {target} in time");
        }
    }

    private Envelope? ReceiveEnvelope(TimeSpan timeout)
    {
        if (_queue.TryTake(out var e, timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout))
        {
            LastSender = e.Sender;
            return e;
        }

        return null;
    }

    private TimeSpan RemainingOrDefault(TimeSpan? timeout) =>
        timeout is { } t ? (_withinClock is null ? Dilated(t) : Min(Dilated(t), Remaining)) : Remaining;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Describe(object? message) => message is null ? "null" : $"{message.GetType().Name}({message})";
}
