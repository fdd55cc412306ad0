namespace PolicyCheck.Inputs.Simulation;

/// <summary>The optional "id" and "expect" of a --batch line.</summary>
public readonly struct BatchLineMeta
{
    public BatchLineMeta(string? id, string? expect)
    {
        Id = id;
        Expect = expect;
    }

    public string? Id { get; }
    public string? Expect { get; }
}
