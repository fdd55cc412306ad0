using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace PolicyCheck.Inputs;

/// <summary>
/// Units 0, 1, … of a run on every core with no step where all cores wait: each unit is prepared on any core, joined
/// in order by one core at a time, worked on any core, and finished in order by one core at a time. A core takes the
/// oldest step it can (finish, join, work, then prepare the next unit), and at most <c>ahead</c> units are between
/// prepared and finished, so memory holds that many units whatever the run's size. A run of units not counted before
/// (<see cref="Unknown"/>: a stream's chunks) ends where a join calls <see cref="EndAfter"/>.
/// </summary>
public sealed class OrderedWork<T> where T : class
{
    /// <summary>The number of units when only the input's end tells it.</summary>
    public const int Unknown = int.MaxValue;

    private readonly int _ahead;
    private int _units;
    private readonly Func<int, T> _prepare;
    private readonly Action<T> _join, _work, _finish;
    private readonly object _gate = new object();
    private readonly Dictionary<int, T> _items = new Dictionary<int, T>();
    private readonly HashSet<int> _worked = new HashSet<int>();
    private readonly Queue<int> _toWork = new Queue<int>();
    private int _nextPrepare, _nextJoin, _nextFinish;
    private bool _joining, _finishing;
    private ExceptionDispatchInfo? _failure;

    public OrderedWork(int units, int ahead, Func<int, T> prepare, Action<T> join, Action<T> work, Action<T> finish)
    {
        _units = units;
        _ahead = Math.Max(1, ahead);
        _prepare = prepare;
        _join = join;
        _work = work;
        _finish = finish;
    }

    /// <summary>From a join step: <paramref name="unit"/> (the one being joined) is the last; units prepared after it are let go.</summary>
    public void EndAfter(int unit)
    {
        lock (_gate)
        {
            _units = Math.Min(_units, unit + 1);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Runs every unit on <paramref name="workers"/> threads, this one among them; a step's failure stops the run and is thrown here.</summary>
    public void Run(int workers)
    {
        var threads = new Thread[Math.Max(0, Math.Min(workers, _units) - 1)];
        for (int i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(Work) { IsBackground = true, Name = "policycheck worker" };
            threads[i].Start();
        }
        Work();
        foreach (var t in threads) t.Join();
        _failure?.Throw();
    }

    private enum Step { Prepare, Join, Work, Finish }

    private void Work()
    {
        try
        {
            while (true)
            {
                Step step;
                int unit;
                T? item = null;
                lock (_gate)
                {
                    while (true)
                    {
                        if (_failure != null || _nextFinish == _units) return;
                        if (!_finishing && _worked.Contains(_nextFinish))
                        {
                            (step, unit, _finishing) = (Step.Finish, _nextFinish, true);
                            break;
                        }
                        if (!_joining && _nextJoin < _nextPrepare && _nextJoin < _units && _items.ContainsKey(_nextJoin))
                        {
                            (step, unit, _joining) = (Step.Join, _nextJoin, true);
                            break;
                        }
                        if (_toWork.Count > 0)
                        {
                            (step, unit) = (Step.Work, _toWork.Dequeue());
                            break;
                        }
                        if (_nextPrepare < _units && _nextPrepare - _nextFinish < _ahead)
                        {
                            (step, unit) = (Step.Prepare, _nextPrepare++);
                            break;
                        }
                        Monitor.Wait(_gate);
                    }
                    if (step != Step.Prepare) item = _items[unit];
                }
                switch (step)
                {
                    case Step.Prepare:
                        item = _prepare(unit);
                        lock (_gate)
                        {
                            _items[unit] = item;
                            Monitor.PulseAll(_gate);
                        }
                        break;
                    case Step.Join:
                        _join(item!);
                        lock (_gate)
                        {
                            _joining = false;
                            _nextJoin++;
                            _toWork.Enqueue(unit);
                            Monitor.PulseAll(_gate);
                        }
                        break;
                    case Step.Work:
                        _work(item!);
                        lock (_gate)
                        {
                            _worked.Add(unit);
                            Monitor.PulseAll(_gate);
                        }
                        break;
                    default:
                        _finish(item!);
                        lock (_gate)
                        {
                            _finishing = false;
                            _items.Remove(unit);
                            _worked.Remove(unit);
                            _nextFinish++;
                            Monitor.PulseAll(_gate);
                        }
                        break;
                }
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure ??= ExceptionDispatchInfo.Capture(e);
                Monitor.PulseAll(_gate);
            }
        }
    }
}
