
namespace PolicyCheck.Facts;

public sealed class ManagedPolicyFact
{
    public ManagedPolicyFact(string name, string arn, string version, string summary, string document)
    {
        Name = name;
        Arn = arn;
        Version = version;
        Summary = summary;
        Document = document;
    }

    public string Name { get; }
    public string Arn { get; }
    public string Version { get; }
    public string Summary { get; }
    /// <summary>The policy document JSON as AWS publishes it.</summary>
    public string Document { get; }
}
