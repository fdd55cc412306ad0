using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PolicyCheck.Inputs;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>OrderedWork: units prepared and worked on every core, joined and finished in order, a bounded number at a time.</summary>
public sealed class OrderedWorkTests
{
    private sealed class Item
    {
        public Item(int unit) => Unit = unit;
        public int Unit { get; }
        public bool Joined, Worked;
    }

    [Fact]
    public async System.Threading.Tasks.Task Run_JoinsAndFinishesInOrder_OneAtATime_WithAtMostAheadUnitsHeld()
    {
        const int Units = 300, Ahead = 3;
        var joined = new List<int>();
        var finished = new List<int>();
        int held = 0, mostHeld = 0, inJoin = 0, inFinish = 0, overlaps = 0;
        var threads = new HashSet<int>();
        var work = new OrderedWork<Item>(Units, Ahead,
            unit =>
            {
                int now = Interlocked.Increment(ref held);
                lock (threads)
                {
                    mostHeld = Math.Max(mostHeld, now);
                    threads.Add(Environment.CurrentManagedThreadId);
                }
                return new Item(unit);
            },
            item =>
            {
                if (Interlocked.Increment(ref inJoin) > 1) Interlocked.Increment(ref overlaps);
                if (item.Unit % 7 == 0) Thread.Sleep(1); // a slow join: the other cores run ahead, up to the bound
                joined.Add(item.Unit);
                item.Joined = true;
                Interlocked.Decrement(ref inJoin);
            },
            item =>
            {
                Assert.True(item.Joined);
                if (item.Unit % 5 == 0) Thread.SpinWait(20_000);
                item.Worked = true;
            },
            item =>
            {
                if (Interlocked.Increment(ref inFinish) > 1) Interlocked.Increment(ref overlaps);
                Assert.True(item.Worked);
                finished.Add(item.Unit);
                Interlocked.Decrement(ref held);
                Interlocked.Decrement(ref inFinish);
            });

        // A run that hangs (two cores taking the same turn, a wake-up missed) fails here (TimeoutException) instead of stalling the suite.
        await System.Threading.Tasks.Task.Run(() => work.Run(4)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(Enumerable.Range(0, Units), joined);
        Assert.Equal(Enumerable.Range(0, Units), finished);
        Assert.Equal(0, overlaps);
        Assert.InRange(mostHeld, 1, Ahead);
        Assert.Equal(0, held);
    }

    [Fact]
    public async System.Threading.Tasks.Task Run_WhenAStepFails_StopsAndThrowsItsFailure_WithNoLaterUnitFinished()
    {
        var finished = new List<int>();
        var work = new OrderedWork<Item>(100, 8,
            unit => new Item(unit),
            _ => { },
            item =>
            {
                if (item.Unit == 40) throw new InvalidOperationException("unit 40 cannot be worked");
            },
            item => { lock (finished) finished.Add(item.Unit); });

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => System.Threading.Tasks.Task.Run(() => work.Run(3)).WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.Equal("unit 40 cannot be worked", e.Message);
        Assert.DoesNotContain(finished, u => u >= 40);
        Assert.Equal(Enumerable.Range(0, finished.Count), finished);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 3)]
    [InlineData(57, 1)]
    [InlineData(57, 4)]
    public async System.Threading.Tasks.Task Run_OfUnknownLength_EndsAtTheUnitAJoinSaysIsLast(int last, int workers)
    {
        // A stream's chunks: how many there are is known when a join reads the end. Units prepared after it are let go.
        var joined = new List<int>();
        var worked = new List<int>();
        var finished = new List<int>();
        OrderedWork<Item>? work = null;
        work = new OrderedWork<Item>(OrderedWork<Item>.Unknown, 5,
            unit => new Item(unit),
            item =>
            {
                joined.Add(item.Unit);
                if (item.Unit != last) return;
                Thread.Sleep(20); // meanwhile the other cores prepare the units after it, which must not be joined
                work!.EndAfter(item.Unit);
            },
            item => { lock (worked) worked.Add(item.Unit); },
            item => finished.Add(item.Unit));

        await System.Threading.Tasks.Task.Run(() => work.Run(workers)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(Enumerable.Range(0, last + 1), joined);
        Assert.Equal(Enumerable.Range(0, last + 1), worked.OrderBy(u => u));
        Assert.Equal(Enumerable.Range(0, last + 1), finished);
    }

    [Fact]
    public void Run_OfNoUnits_CallsNothing()
    {
        int calls = 0;
        var work = new OrderedWork<Item>(0, 4, unit => { calls++; return new Item(unit); }, _ => calls++, _ => calls++, _ => calls++);
        work.Run(4);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Run_OnOneWorker_DoesEveryStepOnTheCallersThread()
    {
        var seen = new HashSet<int>();
        int caller = Environment.CurrentManagedThreadId;
        var order = new List<string>();
        var work = new OrderedWork<Item>(3, 2,
            unit => { seen.Add(Environment.CurrentManagedThreadId); order.Add($"prepare {unit}"); return new Item(unit); },
            item => order.Add($"join {item.Unit}"),
            item => order.Add($"work {item.Unit}"),
            item => order.Add($"finish {item.Unit}"));
        work.Run(1);
        Assert.Equal(new[] { caller }, seen);
        // The oldest step first: a unit is joined, worked and finished before the next is prepared beyond the bound.
        Assert.Equal(new[] { "prepare 0", "join 0", "work 0", "finish 0", "prepare 1", "join 1", "work 1", "finish 1", "prepare 2", "join 2", "work 2", "finish 2" }, order);
    }
}
