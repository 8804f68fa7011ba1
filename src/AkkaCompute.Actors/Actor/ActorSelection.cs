namespace AkkaCompute.Actors;

/// <summary>
/// A path (possibly with <c>*</c> and <c>?</c> wildcards, and <c>..</c> for a parent) resolved at each
/// send (Akka's ActorSelection). A message to a path with no actor goes to dead letters, except
/// <see cref="Identify"/>, which is answered with an empty <see cref="ActorIdentity"/>.
/// </summary>
public sealed class ActorSelection
{
    private readonly ActorSystemImpl _system;
    private readonly ActorRefBase _anchor;
    private readonly string[] _elements;

    internal ActorSelection(ActorSystemImpl system, ActorRefBase anchor, string[] elements)
    {
        _system = system;
        _anchor = anchor;
        _elements = elements;
    }

    /// <summary>The selection's path, e.g. <c>akc://sys/user/*</c>.</summary>
    public string PathString => _elements.Length == 0 ? _anchor.Path.ToString() : _anchor.Path.ToString().TrimEnd('/') + "/" + string.Join('/', _elements);

    /// <summary>Sends <paramref name="message"/> to every actor the path matches now.</summary>
    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        sender ??= ActorCell.Current?.Self ?? ActorRefs.NoSender;
        var targets = Resolve();
        if (targets.Count == 0)
        {
            if (message is Identify identify)
            {
                sender.Tell(new ActorIdentity(identify.MessageId, null), _system.DeadLetters);
            }
            else
            {
                _system.DeadLetterRef.Deliver(new DeadLetter(message, sender, _system.DeadLetters, $"no actor at {PathString}"));
            }

            return;
        }

        foreach (var t in targets)
        {
            t.Tell(message, sender);
        }
    }

    /// <summary>Resolves the path to exactly one live actor.</summary>
    /// <exception cref="ActorNotFoundException">No actor lives at the path.</exception>
    public async Task<IActorRef> ResolveOne(TimeSpan timeout)
    {
        var promise = new PromiseActorRef(_system.NewTempPath());
        Tell(new Identify(null), promise);
        var reply = await promise.Task.WaitAsync(timeout, _system.TimeProvider).ConfigureAwait(false);
        return reply is ActorIdentity { Subject: { } subject }
            ? subject
            : throw new ActorNotFoundException($"no actor found at {PathString}");
    }

    /// <summary>The actors the path matches right now.</summary>
    internal IReadOnlyList<ActorRefBase> Resolve()
    {
        IReadOnlyList<ActorRefBase> current = [_anchor];
        foreach (var element in _elements)
        {
            var next = new List<ActorRefBase>();
            foreach (var r in current)
            {
                if (element == "..")
                {
                    if (r is LocalActorRef l)
                    {
                        next.Add(l.Cell.ParentRef);
                    }
                }
                else if (element is "" or ".")
                {
                    next.Add(r);
                }
                else if (element.Contains('*') || element.Contains('?'))
                {
                    if (r is LocalActorRef l)
                    {
                        next.AddRange(l.Cell.GetChildren().Cast<ActorRefBase>().Where(c => Wildcard.IsMatch(element, c.Path.Name)));
                    }
                }
                else if (r.GetChild(element) is { } child)
                {
                    next.Add(child);
                }
            }

            current = next;
            if (current.Count == 0)
            {
                break;
            }
        }

        return current.Where(r => !r.IsTerminated).ToList();
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSelection[{PathString}]";

    private static class Wildcard
    {
        public static bool IsMatch(string pattern, string text) => Match(pattern, 0, text, 0);

        private static bool Match(string p, int pi, string t, int ti)
        {
            while (pi < p.Length)
            {
                var c = p[pi];
                if (c == '*')
                {
                    for (var k = ti; k <= t.Length; k++)
                    {
                        if (Match(p, pi + 1, t, k))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                if (ti >= t.Length || (c != '?' && c != t[ti]))
                {
                    return false;
                }

                pi++;
                ti++;
            }

            return ti == t.Length;
        }
    }
}
