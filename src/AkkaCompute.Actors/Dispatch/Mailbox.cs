namespace AkkaCompute.Actors;

/// <summary>
/// An actor's mailbox and its run loop. Producers enqueue and schedule the mailbox on its
/// dispatcher; one run processes every pending system message and then up to
/// <c>throughput</c> ordinary messages, processing system messages again between them.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly IMessageQueue _queue;
    private ActorCell _cell = null!;
    private MessageDispatcher _dispatcher = null!;
    private SystemMessage? _systemHead;
    private Queue<Envelope>? _front;
    private int _status;
    private volatile bool _closed;

    public Mailbox(IMessageQueue queue) => _queue = queue;

    /// <summary>Suspension depth: ordinary messages are held while it is above zero. Touched only by the run.</summary>
    public int SuspendCount { get; set; }

    public bool IsClosed => _closed;

    public int NumberOfMessages => _queue.Count + (_front?.Count ?? 0);

    public bool HasMessages => _queue.HasMessages || _front is { Count: > 0 };

    public void SetActor(ActorCell cell, MessageDispatcher dispatcher)
    {
        _cell = cell;
        _dispatcher = dispatcher;
    }

    public void Post(in Envelope envelope)
    {
        if (_closed)
        {
            _cell.DeadLetter(envelope, "recipient terminated");
            return;
        }

        if (!_queue.TryEnqueue(envelope, out var reason))
        {
            _cell.DeadLetter(envelope, reason!);
            return;
        }

        if (_closed)
        {
            DrainToDeadLetters();
            return;
        }

        TrySchedule();
    }

    public void PostSystem(SystemMessage message)
    {
        if (_closed)
        {
            _cell.HandleSystemMessageAfterStop(message);
            return;
        }

        SystemMessage? head;
        do
        {
            head = Volatile.Read(ref _systemHead);
            message.Next = head;
        }
        while (Interlocked.CompareExchange(ref _systemHead, message, head) != head);

        if (_closed)
        {
            DrainToDeadLetters();
            return;
        }

        TrySchedule();
    }

    /// <summary>Puts messages in front of the queue (used by UnstashAll); the run's thread only.</summary>
    public void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0)
        {
            return;
        }

        var front = new Queue<Envelope>(envelopes.Count + (_front?.Count ?? 0));
        foreach (var e in envelopes)
        {
            front.Enqueue(e);
        }

        if (_front is not null)
        {
            while (_front.TryDequeue(out var e))
            {
                front.Enqueue(e);
            }
        }

        _front = front;
    }

    public void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
        {
            _dispatcher.Schedule(this);
        }
    }

    /// <summary>Closes the mailbox: later messages go straight to dead letters. The run's thread only.</summary>
    public void Close()
    {
        _closed = true;
        DrainToDeadLetters();
    }

    public void Execute()
    {
        var previous = ActorCell.Current;
        ActorCell.Current = _cell;
        try
        {
            if (!_closed)
            {
                ProcessSystemMessages();
                ProcessMessages();
            }
        }
        finally
        {
            ActorCell.Current = previous;

            // A full fence, not a release store: the store of Idle must be visible before the queue is
            // read below, or a producer that linked a message and saw Scheduled would not schedule us
            // while we saw an empty queue (a lost wake-up; x86 may reorder a store before a later load).
            Interlocked.Exchange(ref _status, Idle);
            if (!_closed && (Volatile.Read(ref _systemHead) is not null || (CanProcessMessages && HasMessages)))
            {
                TrySchedule();
            }
        }
    }

    private bool CanProcessMessages => !_closed && SuspendCount == 0 && _cell.CanProcessMessages;

    private void ProcessMessages()
    {
        var left = _dispatcher.Throughput;
        while (CanProcessMessages && TryDequeue(out var envelope))
        {
            _cell.Invoke(envelope);
            if (Volatile.Read(ref _systemHead) is not null)
            {
                ProcessSystemMessages();
            }

            if (--left == 0)
            {
                break;
            }
        }
    }

    private bool TryDequeue(out Envelope envelope)
    {
        if (_front is { Count: > 0 } front)
        {
            envelope = front.Dequeue();
            return true;
        }

        return _queue.TryDequeue(out envelope);
    }

    private void ProcessSystemMessages()
    {
        while (!_closed)
        {
            var list = Interlocked.Exchange(ref _systemHead, null);
            if (list is null)
            {
                return;
            }

            // The stack holds newest first: reverse to process in arrival order.
            SystemMessage? ordered = null;
            while (list is not null)
            {
                var next = list.Next;
                list.Next = ordered;
                ordered = list;
                list = next;
            }

            while (ordered is not null)
            {
                var message = ordered;
                ordered = ordered.Next;
                message.Next = null;
                if (_closed)
                {
                    _cell.HandleSystemMessageAfterStop(message);
                }
                else
                {
                    _cell.SystemInvoke(message);
                }
            }
        }
    }

    private void DrainToDeadLetters()
    {
        lock (this)
        {
            if (_front is not null)
            {
                while (_front.TryDequeue(out var e))
                {
                    _cell.DeadLetter(e, "recipient terminated");
                }
            }

            while (_queue.TryDequeue(out var envelope))
            {
                _cell.DeadLetter(envelope, "recipient terminated");
            }

            var list = Interlocked.Exchange(ref _systemHead, null);
            while (list is not null)
            {
                var next = list.Next;
                list.Next = null;
                _cell.HandleSystemMessageAfterStop(list);
                list = next;
            }
        }
    }
}
