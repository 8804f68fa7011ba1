namespace AkkaCompute.Actors;

/// <summary>
/// Runs mailboxes. <see cref="Throughput"/> is the number of ordinary messages one mailbox
/// processes per turn before it yields its thread to other actors.
/// </summary>
public abstract class MessageDispatcher
{
    private protected MessageDispatcher(string id, int throughput)
    {
        Id = id;
        Throughput = throughput;
    }

    /// <summary>The dispatcher's id, as named in <see cref="Props.WithDispatcher"/>.</summary>
    public string Id { get; }

    /// <summary>Messages per mailbox per turn; at least 1.</summary>
    public int Throughput { get; }

    internal abstract void Schedule(IThreadPoolWorkItem mailbox);

    internal virtual void Shutdown()
    {
    }
}

/// <summary>The default dispatcher: mailboxes run on the .NET thread pool.</summary>
public sealed class ThreadPoolDispatcher : MessageDispatcher
{
    /// <summary>Creates the dispatcher.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="throughput">Messages per mailbox per turn; at least 1.</param>
    public ThreadPoolDispatcher(string id, int throughput) : base(id, throughput)
    {
    }

    internal override void Schedule(IThreadPoolWorkItem mailbox) =>
        ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
}

/// <summary>
/// A dispatcher with its own threads, for actors that block (file or process I/O, native calls),
/// so that blocking never starves the thread pool the other actors run on.
/// </summary>
public sealed class DedicatedThreadDispatcher : MessageDispatcher
{
    private readonly System.Collections.Concurrent.BlockingCollection<IThreadPoolWorkItem> _work = new();
    private readonly Thread[] _threads;

    /// <summary>Creates the dispatcher and starts its threads (background threads).</summary>
    /// <param name="id">Its id; the threads are named after it.</param>
    /// <param name="throughput">Messages per mailbox per turn; at least 1.</param>
    /// <param name="threadCount">Number of threads; at least 1.</param>
    public DedicatedThreadDispatcher(string id, int throughput, int threadCount) : base(id, throughput)
    {
        _threads = new Thread[threadCount];
        for (var i = 0; i < threadCount; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"{id}-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Number of threads.</summary>
    public int ThreadCount => _threads.Length;

    internal override void Schedule(IThreadPoolWorkItem mailbox)
    {
        if (!_work.IsAddingCompleted)
        {
            try
            {
                _work.Add(mailbox);
                return;
            }
            catch (InvalidOperationException)
            {
                // Shut down between the check and the add: fall through.
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
    }

    internal override void Shutdown() => _work.CompleteAdding();

    private void Run()
    {
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item.Execute();
        }
    }
}
