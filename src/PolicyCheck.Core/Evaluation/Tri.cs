using System.Runtime.CompilerServices;

namespace PolicyCheck.Evaluation;

/// <summary>Kleene's three truth values: a condition over a key whose value is unknown offline is Unknown.</summary>
public enum Tri : byte
{
    False,
    True,
    Unknown,
}

public static class TriLogic
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tri Of(bool b) => b ? Tri.True : Tri.False;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tri And(Tri a, Tri b)
        => a == Tri.False || b == Tri.False ? Tri.False : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown : Tri.True;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tri Or(Tri a, Tri b)
        => a == Tri.True || b == Tri.True ? Tri.True : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown : Tri.False;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tri Not(Tri a) => a == Tri.Unknown ? Tri.Unknown : a == Tri.True ? Tri.False : Tri.True;
}
