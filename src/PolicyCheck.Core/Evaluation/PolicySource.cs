
namespace PolicyCheck.Evaluation;

/// <summary>Which kind of policy a document plays in a request.</summary>
public enum PolicySource
{
    Identity,
    Resource,
    Boundary,
    Scp,
    Rcp,
    Session,
}
