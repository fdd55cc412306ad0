using PolicyCheck.Facts;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1028: what SetOperatorSingleValuedRule must flag and what it must leave alone.</summary>
public sealed class SetOperatorSingleValuedRuleTests
{
    private static string With(string condition) => Lint.Permission("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":""" + condition + "}");

    [Fact]
    public void Flags_ForAllValuesOnSingleValued_AsAWarning_ForAnyValueAsANote()
    {
        var all = Assert.Single(Lint.Json(With("""{"ForAllValues:StringEquals":{"aws:PrincipalOrgID":"o-abc"}}""")).Only("PC1028"));
        Assert.Equal(Severity.Warning, all.Severity);
        Assert.Contains("missing", all.Message);
        var any = Assert.Single(Lint.Json(With("""{"ForAnyValue:StringEquals":{"aws:PrincipalOrgID":"o-abc"}}""")).Only("PC1028"));
        Assert.Equal(Severity.Note, any.Severity);
    }

    [Fact]
    public void Accepts_MultivaluedKeys_AndUnknownOnes()
        => Assert.Empty(Lint.Json(With("""{"ForAllValues:StringEquals":{"aws:TagKeys":["a"],"aws:PrincipalOrgPaths":"o-a/*"},"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}""")).Only("PC1028"));
}
