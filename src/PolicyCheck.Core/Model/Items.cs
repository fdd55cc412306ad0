using System.Collections;
using System.Collections.Generic;

namespace PolicyCheck.Model;

/// <summary>
/// A read-only list of a policy's parts whose foreach allocates nothing (an IReadOnlyList's enumerator is an object
/// per loop: the rules loop over values millions of times in a large lint).
/// </summary>
public sealed class Items<T> : IReadOnlyList<T>
{
    internal static readonly Items<T> Empty = new Items<T>(System.Array.Empty<T>());

    private readonly T[] _items;

    internal Items(T[] items) => _items = items;

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public Enumerator GetEnumerator() => new Enumerator(_items);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public struct Enumerator
    {
        private readonly T[] _items;
        private int _index;

        internal Enumerator(T[] items)
        {
            _items = items;
            _index = -1;
        }

        public bool MoveNext() => ++_index < _items.Length;

        public T Current => _items[_index];
    }
}

public static class Items
{
    public static Items<T> From<T>(IReadOnlyList<T> items)
    {
        if (items is Items<T> same) return same;
        if (items.Count == 0) return Items<T>.Empty;
        var copy = new T[items.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = items[i];
        return new Items<T>(copy);
    }
}
