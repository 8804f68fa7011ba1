using Microsoft.Extensions.Logging;

namespace AkkaCompute.Actors.Tests;

public class ActorSystemTests : ActorTestKit
{
    [Fact]
    public void Tell_delivers_with_sender_and_actor_replies()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        echo.Tell(new Ping(1), TestActor);
        ExpectMsg(new Pong(1));
        Assert.Equal(echo, LastSender);
        Assert.Equal("akc://ActorSystemTests/user/echo", echo.Path.ToString());
    }

    [Fact]
    public async Task Ask_returns_typed_reply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var pong = await echo.Ask<Pong>(new Ping(7), TimeSpan.FromSeconds(3));
        Assert.Equal(7, pong.N);
    }

    [Fact]
    public async Task Ask_with_wrong_reply_type_throws_InvalidCast()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("hello", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_times_out_with_AskTimeoutException_on_manual_clock()
    {
        var clock = new ManualTimeProvider();
        using var system = ActorSystem.Create("asktimeout", ActorSystemSettings.Default with { TimeProvider = clock });
        var silent = system.ActorOf(Props.Empty, "silent");
        var ask = silent.Ask<object>("anyone?", TimeSpan.FromSeconds(5));
        Assert.False(ask.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(ask.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        Assert.Contains("5000 ms", ex.Message);
    }

    [Fact]
    public async Task Ask_on_a_dead_actor_fails_fast()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        var ask = echo.Ask<Pong>(new Ping(1), TimeSpan.FromMinutes(10));
        Assert.True(ask.IsCompleted);
        await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
    }

    [Fact]
    public async Task Ask_reply_Status_Failure_rethrows_its_cause()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => echo.Ask<object>(new Status.Failure(new InvalidOperationException("boom")), TimeSpan.FromSeconds(3)));
        Assert.Equal("boom", ex.Message);
    }

    [Fact]
    public async Task Ask_can_be_cancelled()
    {
        var silent = Sys.ActorOf(Props.Empty);
        using var cts = new CancellationTokenSource();
        var ask = silent.Ask<object>("x", TimeSpan.FromMinutes(1), cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public void Message_to_stopped_actor_goes_to_dead_letters_and_never_throws()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "gone");
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        var before = Sys.DeadLetterCount;
        echo.Tell(new Ping(99), TestActor);
        var dl = ExpectDeadLetter<Ping>(p => p.N == 99);
        Assert.Equal(echo, dl.Recipient);
        Assert.Equal(TestActor, dl.Sender);
        Assert.Contains("terminated", dl.Reason);
        Assert.True(Sys.DeadLetterCount > before);
        ExpectLog(LogLevel.Information, "Dead letter");
    }

    [Fact]
    public void Unhandled_message_is_published()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var empty = Sys.ActorOf(Props.Empty, "empty");
        empty.Tell("nobody handles me", TestActor);
        var u = ExpectMsg<UnhandledMessage>();
        Assert.Equal("nobody handles me", u.Message);
        Assert.Equal(empty, u.Recipient);
    }

    [Fact]
    public void Duplicate_or_invalid_names_are_refused()
    {
        Sys.ActorOf(Props.Empty, "taken");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Empty, "taken"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Empty, "$reserved"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Empty, "a/b"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Empty, ""));
    }

    [Fact]
    public void Generated_names_are_short_and_unique()
    {
        var a = Sys.ActorOf(Props.Empty);
        var b = Sys.ActorOf(Props.Empty);
        Assert.StartsWith("$", a.Path.Name);
        Assert.NotEqual(a.Path.Name, b.Path.Name);
    }

    [Fact]
    public void Creating_an_actor_with_new_throws() =>
        Assert.Throws<IllegalActorStateException>(() => new EchoActor());

    [Theory]
    [InlineData(0, "actor.default-dispatcher.throughput")]
    [InlineData(-1, "actor.default-dispatcher.throughput")]
    public void Invalid_throughput_fails_Create_naming_key_value_and_constraint(int throughput, string key)
    {
        var ex = Assert.Throws<ConfigurationException>(() => ActorSystem.Create("bad", ActorSystemSettings.Default with { Throughput = throughput }));
        Assert.Equal(key, ex.Key);
        Assert.Equal(throughput.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Value);
        Assert.Contains("at least 1", ex.Message);
    }

    [Fact]
    public void Zero_mailbox_capacity_is_refused()
    {
        var ex = Assert.Throws<ConfigurationException>(() => new BoundedMailbox(0));
        Assert.Equal("mailbox.capacity", ex.Key);
        Assert.Contains("at least 1", ex.Message);
    }

    [Fact]
    public void Invalid_system_name_is_refused() =>
        Assert.Throws<ConfigurationException>(() => ActorSystem.Create("bad name"));

    [Fact]
    public void Unknown_dispatcher_is_refused_with_known_ids()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Sys.ActorOf(Props.Empty.WithDispatcher("nope")));
        Assert.Contains("default-dispatcher", ex.Message);
    }

    [Fact]
    public async Task Terminate_stops_user_actors_and_completes()
    {
        using var system = ActorSystem.Create("term");
        var stopped = new TaskCompletionSource();
        system.ActorOf(Props.Create(() => new StopReporter(stopped)), "reporter");
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(system.WhenTerminated.IsCompleted);
        Assert.True(stopped.Task.IsCompleted);
    }

    private sealed class StopReporter(TaskCompletionSource stopped) : ActorBase
    {
        protected override bool Receive(object message) => false;

        protected override void PostStop() => stopped.TrySetResult();
    }
}
