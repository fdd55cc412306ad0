using System.Collections.Generic;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Engine;

/// <summary>AWS managed policies from the service facts, parsed once into documents.</summary>
public sealed class ManagedPolicies
{
    public const string PathPrefix = "aws-managed:";

    private readonly Dictionary<string, PolicyDocument> _cache = new Dictionary<string, PolicyDocument>();
    private readonly ServiceFacts _facts;

    public ManagedPolicies(ServiceFacts facts) => _facts = facts;

    public PolicyDocument? Document(string nameOrArn)
    {
        var fact = _facts.FindManagedPolicy(nameOrArn);
        if (fact == null) return null;
        lock (_cache)
        {
            if (!_cache.TryGetValue(fact.Name, out var doc))
            {
                doc = PolicyReader.Read(PathPrefix + fact.Name, fact.Document, DocumentKind.Permission);
                _cache[fact.Name] = doc;
            }
            return doc;
        }
    }
}
