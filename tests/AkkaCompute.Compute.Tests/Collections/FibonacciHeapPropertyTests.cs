using AkkaCompute.Compute.Collections;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace AkkaCompute.Compute.Tests.Collections;

/// <summary>
/// Random sequences of heap operations checked, step by step, against a reference model: a sorted set of
/// (key, insertion sequence) pairs. Every extracted element, every peek and every Count must agree, and the
/// heap's structural invariants must hold.
/// </summary>
public sealed class FibonacciHeapPropertyTests
{
    public enum OpKind
    {
        Insert,
        ExtractMin,
        DecreaseKey,
        Delete,
        IncreaseKeyAttempt,
        StaleHandleUse,
        Peek,
        Clear,
    }

    /// <summary>One step. <paramref name="Pick"/> selects a live (or removed) handle modulo their count.</summary>
    public readonly record struct Op(OpKind Kind, int Key, int Pick, int Delta)
    {
        public override string ToString() => Kind switch
        {
            OpKind.Insert => $"Insert({Key})",
            OpKind.DecreaseKey => $"DecreaseKey(#{Pick}, -{Delta})",
            OpKind.IncreaseKeyAttempt => $"IncreaseKeyAttempt(#{Pick}, +{Delta})",
            OpKind.Delete or OpKind.StaleHandleUse => $"{Kind}(#{Pick})",
            _ => Kind.ToString(),
        };
    }

    /// <summary>The heap under test, its reference model, and the handles both know about.</summary>
    private sealed class Harness
    {
        private readonly FibonacciHeap<int, int> _heap = new();
        private readonly SortedSet<(int Key, long Seq, int Id)> _model = new();
        private readonly List<FibonacciHeapHandle<int, int>> _live = [];
        private readonly Dictionary<int, int> _liveIndex = [];
        private readonly List<FibonacciHeapHandle<int, int>> _removed = [];
        private long _seq;

        public int Count => _model.Count;

        public void Apply(Op op)
        {
            switch (op.Kind)
            {
                case OpKind.Insert:
                    {
                        int id = (int)_seq;
                        var handle = _heap.Insert(op.Key, id);
                        Assert.Equal(_seq, handle.Sequence);
                        Assert.True(handle.IsInHeap);
                        _model.Add((op.Key, _seq++, id));
                        _liveIndex[id] = _live.Count;
                        _live.Add(handle);
                        break;
                    }

                case OpKind.ExtractMin:
                    if (_model.Count == 0)
                    {
                        Assert.False(_heap.TryExtractMin(out _, out _));
                        Assert.Throws<InvalidOperationException>(() => _heap.ExtractMin());
                        break;
                    }

                    {
                        var expected = _model.Min;

                        // Alternate between the two extraction APIs.
                        if ((expected.Seq & 1) == 0)
                        {
                            Assert.True(_heap.TryExtractMin(out int key, out int value));
                            Assert.Equal((expected.Key, expected.Id), (key, value));
                        }
                        else
                        {
                            Assert.Equal(expected.Id, _heap.PeekMin());
                            Assert.Equal(expected.Id, _heap.ExtractMin());
                        }

                        _model.Remove(expected);
                        ForgetLive(expected.Id);
                        break;
                    }

                case OpKind.DecreaseKey:
                    if (_live.Count > 0)
                    {
                        var handle = _live[op.Pick % _live.Count];
                        int newKey = handle.Key - op.Delta;
                        _model.Remove((handle.Key, handle.Sequence, handle.Value));
                        _heap.DecreaseKey(handle, newKey);
                        Assert.Equal(newKey, handle.Key);
                        _model.Add((newKey, handle.Sequence, handle.Value));
                    }

                    break;

                case OpKind.Delete:
                    if (_live.Count > 0)
                    {
                        var handle = _live[op.Pick % _live.Count];
                        _heap.Delete(handle);
                        Assert.False(handle.IsInHeap);
                        Assert.True(_model.Remove((handle.Key, handle.Sequence, handle.Value)));
                        ForgetLive(handle.Value);
                    }

                    break;

                case OpKind.IncreaseKeyAttempt:
                    if (_live.Count > 0)
                    {
                        var handle = _live[op.Pick % _live.Count];
                        int before = handle.Key;
                        Assert.Throws<ArgumentException>(() => _heap.DecreaseKey(handle, before + 1 + op.Delta));
                        Assert.Equal(before, handle.Key);
                    }

                    break;

                case OpKind.StaleHandleUse:
                    if (_removed.Count > 0)
                    {
                        var handle = _removed[op.Pick % _removed.Count];
                        Assert.False(handle.IsInHeap);
                        Assert.Throws<InvalidOperationException>(() => _heap.DecreaseKey(handle, int.MinValue));
                        Assert.Throws<InvalidOperationException>(() => _heap.Delete(handle));
                    }

                    break;

                case OpKind.Peek:
                    break; // every step ends with a peek check

                case OpKind.Clear:
                    _heap.Clear();
                    _model.Clear();
                    foreach (var handle in _live)
                    {
                        Assert.False(handle.IsInHeap);
                        Remember(handle);
                    }

                    _live.Clear();
                    _liveIndex.Clear();
                    break;

                default:
                    throw new ArgumentOutOfRangeException(nameof(op), op, "unknown operation");
            }

            CheckAgreement();
        }

        public void CheckAgreement()
        {
            Assert.Equal(_model.Count, _heap.Count);
            if (_model.Count == 0)
            {
                Assert.False(_heap.TryPeekMin(out _, out _));
                return;
            }

            var min = _model.Min;
            Assert.True(_heap.TryPeekMin(out int key, out int value));
            Assert.Equal((min.Key, min.Id), (key, value));
        }

        public void CheckInvariants() => _heap.AssertInvariants();

        /// <summary>Makes the model expect an element the heap never held (for the self-test of the harness).</summary>
        public void CorruptModelMinimum()
        {
            var min = _model.Min;
            _model.Remove(min);
            _model.Add((min.Key, min.Seq, -1));
        }

        /// <summary>Drains the heap, checking every element against the model.</summary>
        public void Drain()
        {
            while (_model.Count > 0)
            {
                Apply(new Op(OpKind.ExtractMin, 0, 0, 0));
            }

            CheckInvariants();
        }

        private void ForgetLive(int id)
        {
            int index = _liveIndex[id];
            var handle = _live[index];
            Assert.False(handle.IsInHeap);
            var last = _live[^1];
            _live[index] = last;
            _liveIndex[last.Value] = index;
            _live.RemoveAt(_live.Count - 1);
            _liveIndex.Remove(id);
            Remember(handle);
        }

        private void Remember(FibonacciHeapHandle<int, int> handle)
        {
            // Keep a bounded sample of removed handles for StaleHandleUse.
            if (_removed.Count < 64)
            {
                _removed.Add(handle);
            }
            else
            {
                _removed[(int)(handle.Sequence % 64)] = handle;
            }
        }
    }

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (40, Gen.Choose(0, 15).Select(k => new Op(OpKind.Insert, k, 0, 0))),
        (22, Gen.Constant(new Op(OpKind.ExtractMin, 0, 0, 0))),
        (20, Gen.Choose(0, 1 << 20).Zip(Gen.Choose(0, 6), (pick, delta) => new Op(OpKind.DecreaseKey, 0, pick, delta))),
        (10, Gen.Choose(0, 1 << 20).Select(pick => new Op(OpKind.Delete, 0, pick, 0))),
        (3, Gen.Choose(0, 1 << 20).Zip(Gen.Choose(0, 3), (pick, delta) => new Op(OpKind.IncreaseKeyAttempt, 0, pick, delta))),
        (2, Gen.Choose(0, 1 << 20).Select(pick => new Op(OpKind.StaleHandleUse, 0, pick, 0))),
        (2, Gen.Constant(new Op(OpKind.Peek, 0, 0, 0))),
        (1, Gen.Constant(new Op(OpKind.Clear, 0, 0, 0))));

    /// <summary>Shrinks a failing sequence by dropping halves, then quarters, ... then single operations.</summary>
    private static IEnumerable<Op[]> Shrink(Op[] ops)
    {
        for (int chunk = ops.Length / 2; chunk >= 1; chunk /= 2)
        {
            for (int start = 0; start + chunk <= ops.Length; start += chunk)
            {
                yield return [.. ops[..start], .. ops[(start + chunk)..]];
            }
        }
    }

    private static Config Config(int maxTest, ulong seed) => FsCheck.Config.QuickThrowOnFailure
        .WithMaxTest(maxTest)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    private static void RunAgainstModel(Op[] ops)
    {
        var harness = new Harness();
        foreach (var op in ops)
        {
            harness.Apply(op);
            harness.CheckInvariants();
        }

        harness.Drain();
    }

    [Fact]
    public void Random_operation_sequences_agree_with_the_model()
    {
        var arb = Arb.From(Gen.Choose(0, 300).SelectMany(n => Gen.ListOf(OpGen, n)).Select(l => l.ToArray()), Shrink);
        Check.One(Config(300, 20250611UL), Prop.ForAll(arb, RunAgainstModel));
    }

    [Fact]
    public void Insert_heavy_sequences_with_many_equal_keys_agree_with_the_model()
    {
        // Keys from {0, 1, 2}: nearly every comparison is decided by the insertion sequence.
        var opGen = Gen.Frequency(
            (50, Gen.Choose(0, 2).Select(k => new Op(OpKind.Insert, k, 0, 0))),
            (25, Gen.Constant(new Op(OpKind.ExtractMin, 0, 0, 0))),
            (15, Gen.Choose(0, 1 << 20).Zip(Gen.Choose(0, 1), (pick, delta) => new Op(OpKind.DecreaseKey, 0, pick, delta))),
            (10, Gen.Choose(0, 1 << 20).Select(pick => new Op(OpKind.Delete, 0, pick, 0))));
        var arb = Arb.From(Gen.Choose(0, 500).SelectMany(n => Gen.ListOf(opGen, n)).Select(l => l.ToArray()), Shrink);
        Check.One(Config(200, 7UL), Prop.ForAll(arb, RunAgainstModel));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20250611)]
    public void Hundred_thousand_seeded_operations_agree_with_the_model(int seed)
    {
        var random = new Random(seed);
        var harness = new Harness();
        for (int step = 0; step < 100_000; step++)
        {
            // Phases that grow and shrink the heap, so deep trees and long cascades both occur.
            bool growing = (step / 5_000) % 2 == 0;
            int roll = random.Next(100);
            var op = roll switch
            {
                _ when roll < (growing ? 45 : 25) => new Op(OpKind.Insert, random.Next(0, 1_000), 0, 0),
                _ when roll < (growing ? 60 : 55) => new Op(OpKind.ExtractMin, 0, 0, 0),
                _ when roll < 80 => new Op(OpKind.DecreaseKey, 0, random.Next(), random.Next(0, 50)),
                _ when roll < 93 => new Op(OpKind.Delete, 0, random.Next(), 0),
                _ when roll < 96 => new Op(OpKind.IncreaseKeyAttempt, 0, random.Next(), random.Next(0, 5)),
                _ when roll < 99 => new Op(OpKind.StaleHandleUse, 0, random.Next(), 0),
                _ => random.Next(20) == 0 ? new Op(OpKind.Clear, 0, 0, 0) : new Op(OpKind.Peek, 0, 0, 0),
            };

            harness.Apply(op);
            if (step % 997 == 0)
            {
                harness.CheckInvariants();
            }
        }

        harness.Drain();
    }

    [Fact]
    public void The_model_catches_a_wrong_answer()
    {
        // Guards against a vacuous harness: a heap whose answers disagree with the model must fail.
        var harness = new Harness();
        harness.Apply(new Op(OpKind.Insert, 5, 0, 0));
        harness.Apply(new Op(OpKind.Insert, 3, 0, 0));
        harness.CorruptModelMinimum();

        Assert.ThrowsAny<Exception>(() => harness.Apply(new Op(OpKind.ExtractMin, 0, 0, 0)));
    }
}
