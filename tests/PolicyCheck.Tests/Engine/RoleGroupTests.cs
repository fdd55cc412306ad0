using System.Collections.Generic;
using System.Linq;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>A role's documents and condition clauses as a foreach over them sees them, in order.</summary>
public sealed class RoleGroupTests
{
    private static RoleGroup Role()
    {
        var role = new RoleGroup("r");
        role.Documents.Add(PolicyReader.Read("a.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/a":"1","aws:PrincipalTag/b":"2"},"Bool":{"aws:SecureTransport":"true"}}},{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}"""));
        role.Documents.Add(PolicyReader.Read("trust.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]}"""));
        role.Documents.Add(PolicyReader.Read("broken.json", "{"));
        role.Documents.Add(PolicyReader.Read("b.json", """{"Version":"2012-10-17","Statement":[]}"""));
        return role;
    }

    [Fact]
    public void ConditionClauses_AreEveryClauseOfEveryStatement()
    {
        var role = Role();
        var expected = role.Documents.SelectMany(d => d.Statements.Where(s => s.Condition != null).SelectMany(s => s.Condition!.Clauses.Select(c => (d, s, c)))).ToList();
        var seen = new List<(PolicyDocument, Statement, ConditionClause)>();
        foreach (var x in role.ConditionClauses()) seen.Add(x);
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, seen);
        Assert.Equal(expected, role.ConditionClauses().ToList());
    }

    [Fact]
    public void OfKind_AndPermissionDocuments_AreTheParsedDocumentsOfTheKind()
    {
        var role = Role();
        var trust = new List<string>();
        foreach (var d in role.OfKind(DocumentKind.Trust)) trust.Add(d.Path);
        Assert.Equal(new[] { "trust.json" }, trust);
        Assert.Equal(new[] { "a.json", "b.json" }, role.OfKind(DocumentKind.Permission).Select(d => d.Path));
        Assert.True(role.Has(DocumentKind.Trust));
        Assert.False(new RoleGroup("empty").Has(DocumentKind.Permission));
        var fact = BuiltIn.Service.ManagedPolicies[0];
        role.ManagedPolicies.Add(new AttachedManagedPolicy(fact, PolicyReader.Read("managed.json", """{"Version":"2012-10-17","Statement":[]}"""), new PolicyCheck.Config.Located<string>(fact.Name, null, default)));
        var permissions = new List<string>();
        foreach (var d in role.PermissionDocuments()) permissions.Add(d.Path);
        Assert.Equal(new[] { "a.json", "b.json", "managed.json" }, permissions);
        Assert.Equal(permissions, role.PermissionDocuments().Select(d => d.Path));
    }
}
