using System.Collections.Generic;
using PolicyCheck.Config;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Engine;

/// <summary>An AWS managed policy attached to the role, with where the attachment was written.</summary>
public sealed class AttachedManagedPolicy
{
    public AttachedManagedPolicy(ManagedPolicyFact fact, PolicyDocument document, Located<string> reference)
    {
        Fact = fact;
        Document = document;
        Reference = reference;
    }

    public ManagedPolicyFact Fact { get; }
    public PolicyDocument Document { get; }
    public Located<string> Reference { get; }
}

/// <summary>The policies of one IAM role, checked together: trust policy, permission policies, attached managed policies.</summary>
public sealed class RoleGroup
{
    public RoleGroup(string name)
    {
        Name = name;
    }

    public string Name { get; }
    public List<PolicyDocument> Documents { get; } = new List<PolicyDocument>();
    public List<AttachedManagedPolicy> ManagedPolicies { get; } = new List<AttachedManagedPolicy>();
    /// <summary>The role's permissions boundary, when the template defines it: the gateway's calls must fit inside it.</summary>
    public List<PolicyDocument> Boundaries { get; } = new List<PolicyDocument>();
    /// <summary>False for a role that has nothing to do with the gateway (another role in a Terraform plan): only the
    /// general IAM rules (PC1xxx) apply to it.</summary>
    public bool IsGatewayRole { get; set; } = true;
    /// <summary>Values a template or plan leaves unknown (computed at apply time): reported once each as a note by PC1034.</summary>
    public List<(string Path, PolicyCheck.Json.SourceSpan Span, string Message)> Unresolved { get; } = new List<(string, PolicyCheck.Json.SourceSpan, string)>();
    /// <summary>The gateway requests the proof rules share while this role is linted.</summary>
    internal GatewayRequests? Requests { get; set; }
    /// <summary>TrustStatements.AssumeRoleAllows, once asked (the role's documents do not change once read).</summary>
    internal List<(PolicyDocument Doc, Statement Statement)>? AssumeRoleAllows { get; set; }
    /// <summary>The role's action values outside the Claude Platform namespace, for the catalogue rules.</summary>
    internal (ServiceFacts Facts, List<(PolicyDocument, Statement, StringValue, string, string)> Values)? CatalogActions { get; set; }

    /// <summary>Every condition clause of every statement of the role's documents, with where it stands.</summary>
    public ClauseList ConditionClauses() => new ClauseList(Documents);

    /// <summary>The parsed documents of one kind (a foreach over it allocates nothing).</summary>
    public DocumentList OfKind(DocumentKind kind) => new DocumentList(Documents, kind, null);

    public bool Has(DocumentKind kind)
    {
        foreach (var _ in OfKind(kind)) return true;
        return false;
    }

    /// <summary>Permission documents of the role, the attached managed policies included.</summary>
    public DocumentList PermissionDocuments() => new DocumentList(Documents, DocumentKind.Permission, ManagedPolicies);
}

/// <summary>A role's parsed documents of one kind, then (for permissions) its attached managed policies.</summary>
public readonly struct DocumentList : IEnumerable<PolicyDocument>
{
    private readonly List<PolicyDocument> _documents;
    private readonly DocumentKind _kind;
    private readonly List<AttachedManagedPolicy>? _managed;

    internal DocumentList(List<PolicyDocument> documents, DocumentKind kind, List<AttachedManagedPolicy>? managed)
    {
        _documents = documents;
        _kind = kind;
        _managed = managed;
    }

    public Enumerator GetEnumerator() => new Enumerator(_documents, _kind, _managed);

    IEnumerator<PolicyDocument> IEnumerable<PolicyDocument>.GetEnumerator() => All().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => All().GetEnumerator();

    private List<PolicyDocument> All()
    {
        var all = new List<PolicyDocument>();
        foreach (var d in this) all.Add(d);
        return all;
    }

    public struct Enumerator
    {
        private readonly List<PolicyDocument> _documents;
        private readonly DocumentKind _kind;
        private readonly List<AttachedManagedPolicy>? _managed;
        private int _index;
        private PolicyDocument? _current;

        internal Enumerator(List<PolicyDocument> documents, DocumentKind kind, List<AttachedManagedPolicy>? managed)
        {
            _documents = documents;
            _kind = kind;
            _managed = managed;
            _index = -1;
            _current = null;
        }

        public PolicyDocument Current => _current!;

        public bool MoveNext()
        {
            while (++_index < _documents.Count)
            {
                var d = _documents[_index];
                if (d.IsParsed && d.Kind == _kind)
                {
                    _current = d;
                    return true;
                }
            }
            if (_managed != null && _index - _documents.Count < _managed.Count)
            {
                _current = _managed[_index - _documents.Count].Document;
                return true;
            }
            _index = _documents.Count + (_managed?.Count ?? 0);
            return false;
        }
    }
}

/// <summary>Every condition clause of a role's documents with its document and statement (a foreach over it allocates nothing).</summary>
public readonly struct ClauseList : IEnumerable<(PolicyDocument Document, Statement Statement, ConditionClause Clause)>
{
    private readonly List<PolicyDocument> _documents;

    internal ClauseList(List<PolicyDocument> documents) => _documents = documents;

    public Enumerator GetEnumerator() => new Enumerator(_documents);

    IEnumerator<(PolicyDocument Document, Statement Statement, ConditionClause Clause)> IEnumerable<(PolicyDocument Document, Statement Statement, ConditionClause Clause)>.GetEnumerator() => All().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => All().GetEnumerator();

    private List<(PolicyDocument, Statement, ConditionClause)> All()
    {
        var all = new List<(PolicyDocument, Statement, ConditionClause)>();
        foreach (var c in this) all.Add(c);
        return all;
    }

    public struct Enumerator
    {
        private readonly List<PolicyDocument> _documents;
        private int _document, _statement, _clause;

        internal Enumerator(List<PolicyDocument> documents)
        {
            _documents = documents;
            _document = 0;
            _statement = 0;
            _clause = -1;
        }

        public (PolicyDocument Document, Statement Statement, ConditionClause Clause) Current
        {
            get
            {
                var doc = _documents[_document];
                var s = doc.Statements[_statement];
                return (doc, s, s.Condition!.Clauses[_clause]);
            }
        }

        public bool MoveNext()
        {
            _clause++;
            for (; _document < _documents.Count; _document++, _statement = 0, _clause = 0)
            {
                var statements = _documents[_document].Statements;
                for (; _statement < statements.Count; _statement++, _clause = 0)
                {
                    var condition = statements[_statement].Condition;
                    if (condition != null && _clause < condition.Clauses.Count) return true;
                }
            }
            return false;
        }
    }
}
