using System.Linq;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Rules;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1034: what UnresolvedValueRule must report and when it stays quiet.</summary>
public sealed class UnresolvedValueRuleTests
{
    private static System.Collections.Generic.List<Diagnostic> Run(RoleGroup role)
        => LintEngine.CreateDefault(null).Lint(new[] { role }, new PolicyCheck.Config.GatewayConfig()).Where(d => d.RuleId == "PC1034").ToList();

    [Fact]
    public void Reports_EachUnknownPolicyOnce_AsANote_EvenForNonGatewayRoles()
    {
        var role = new RoleGroup("aws_iam_role.later") { IsGatewayRole = false };
        role.Unresolved.Add(("plan.json", new SourceSpan(10, 5, 3, 7, 3, 12), "aws_iam_role.later: assume_role_policy is not known until apply"));
        var d = Assert.Single(Run(role));
        Assert.Equal(Severity.Note, d.Severity);
        Assert.Equal(3, d.Span.Line);
        Assert.Equal("plan.json", d.Path);
    }

    [Fact]
    public void Quiet_WhenEverythingIsKnown()
        => Assert.Empty(Run(new RoleGroup("r")));
}
