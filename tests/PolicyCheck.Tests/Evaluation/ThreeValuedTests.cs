using System.Collections.Generic;
using System.Linq;
using CsCheck;
using PolicyCheck.Evaluation;
using Xunit;
using static PolicyCheck.Tests.Evaluation.Eval;

namespace PolicyCheck.Tests.Evaluation;

/// <summary>
/// Keys on the request whose value is unknown offline: a condition over one is Unknown, and the decision "depends" exactly
/// when two values of the keys would decide differently.
/// </summary>
public sealed class ThreeValuedTests
{
    private const string Alice = "arn:aws:iam::111122223333:user/alice";
    private const string Obj = "arn:aws:s3:::b/k";

    private static EvaluationResult Run(string statements, RequestContext ctx)
        => Evaluator.Evaluate(new PolicySet { Identity = new[] { Doc("""{"Version":"2012-10-17","Statement":[""" + statements + "]}") } },
            new EvalRequest("s3:GetObject", Obj, CallerPrincipal.Parse(Alice), ctx));

    private static string Allow(string condition) => """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":""" + condition + "}";
    private static string Deny(string condition) => """{"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":""" + condition + "}";

    [Fact]
    public void SourceIp_Unknown_Depends_AndNamesTheKey()
    {
        var r = Run(Allow("""{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"""), new RequestContext().SetUnknown("aws:SourceIp"));
        Assert.Equal(Decision.Depends, r.Decision);
        Assert.Equal(new[] { "aws:SourceIp" }, r.DependsOn);
        Assert.Contains("an Allow applies only for some values of aws:SourceIp", r.Reason);
        Assert.Contains(r.MayMatch, t => t.ConditionUnknown);
        // Known, it decides.
        var known = new RequestContext().Set("aws:SourceIp", new ContextValue(new[] { "203.0.113.7" }, ContextType.Ip));
        Assert.Equal(Decision.Allowed, Run(Allow("""{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"""), known).Decision);
    }

    [Fact]
    public void Unknown_IsNotMissing_NullAndIfExists()
    {
        var ctx = new RequestContext().SetUnknown("aws:SourceIp");
        // The key is on the request: Null false holds, Null true does not; IfExists does not make it hold.
        Assert.Equal(Decision.Allowed, Run(Allow("""{"Null":{"aws:SourceIp":"false"}}"""), ctx).Decision);
        Assert.Equal(Decision.ImplicitDeny, Run(Allow("""{"Null":{"aws:SourceIp":"true"}}"""), ctx).Decision);
        Assert.Equal(Decision.Depends, Run(Allow("""{"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}}"""), ctx).Decision); // 3
        // A tag may be missing too: then Null depends.
        var tags = new RequestContext().SetUnknown("aws:PrincipalTag/*", mayBeAbsent: true);
        Assert.Equal(Decision.Depends, Run(Allow("""{"Null":{"aws:PrincipalTag/team":"false"}}"""), tags).Decision);
        var tr = Run(Allow("""{"StringEquals":{"aws:PrincipalTag/team":"ml"}}"""), tags);
        Assert.True(tr.Decision == Decision.Depends, tr.Reason + string.Join("|", tr.Notes));
    }

    [Fact]
    public void Unknown_DenyThatMayApply_MakesAnAllowDepend()
    {
        var ctx = new RequestContext().SetUnknown("aws:SourceIp");
        var r = Run(Allow("{}") + "," + Deny("""{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"""), ctx);
        Assert.Equal(Decision.Depends, r.Decision);
        Assert.Contains("a Deny applies only for some values", r.Reason);
    }

    [Fact]
    public void Unknown_NoAllowAtAll_IsDeniedWhateverTheValue()
    {
        var ctx = new RequestContext().SetUnknown("aws:SourceIp");
        var r = Evaluator.Evaluate(new PolicySet { Identity = new[] { Statements(Deny("""{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""")) } }, new EvalRequest("s3:GetObject", Obj, CallerPrincipal.Parse(Alice), ctx));
        Assert.Equal(Decision.ImplicitDeny, r.Decision);
    }

    [Fact]
    public void Unknown_ComplementaryAllows_AreSettled_AllowedForEveryValue()
    {
        var ctx = new RequestContext().SetUnknown("aws:PrincipalTag/team");
        var r = Run(Allow("""{"StringEquals":{"aws:PrincipalTag/team":"ml"}}""") + "," + Allow("""{"StringNotEquals":{"aws:PrincipalTag/team":"ml"}}"""), ctx);
        Assert.Equal(Decision.Allowed, r.Decision);
        Assert.Contains(r.Notes, n => n.Contains("the same for every value of aws:PrincipalTag/team"));
    }

    [Fact]
    public void Unknown_VariableInTheResourcePart_Depends()
    {
        var ctx = new RequestContext().SetUnknown("aws:PrincipalTag/*", mayBeAbsent: true);
        var r = Evaluator.Evaluate(new PolicySet { Identity = new[] { Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:PrincipalTag/team}"}""") } },
            new EvalRequest("s3:GetObject", "arn:aws:s3:::b/ml", CallerPrincipal.Parse(Alice), ctx));
        Assert.Equal(Decision.Depends, r.Decision);
        Assert.Equal(new[] { "aws:PrincipalTag/team" }, r.DependsOn);
    }

    [Fact]
    public void KnownOnly_DecideAllocatesNothing()
    {
        var set = new PolicySet { Identity = new[] { Statements(Allow("""{"Bool":{"aws:SecureTransport":"true"}}""")) } };
        var req = new EvalRequest("s3:GetObject", Obj, CallerPrincipal.Parse(Alice), new RequestContext().Set("aws:SecureTransport", "true"));
        Evaluator.Decide(set, req);
        long before = System.GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) Evaluator.Decide(set, req);
        Assert.Equal(0, System.GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // --- Property: three-valued evaluation against two-valued evaluation over every assignment of the unknown keys.

    private static readonly string[] CompleteClauses =
    {
        "\"StringEquals\":{\"k\":\"a\"}", "\"StringEquals\":{\"k\":[\"a\",\"b\"]}", "\"StringNotEquals\":{\"k\":\"a\"}",
        "\"StringEqualsIfExists\":{\"k\":\"b\"}", "\"StringNotEqualsIfExists\":{\"k\":\"b\"}", "\"StringLike\":{\"k\":\"*\"}",
        "\"Null\":{\"k\":\"true\"}", "\"Null\":{\"k\":\"false\"}", "\"StringEquals\":{\"j\":\"a\"}", "\"StringNotEquals\":{\"j\":\"b\"}",
        "\"Null\":{\"j\":\"false\"}", "\"StringEquals\":{\"known\":\"x\"}",
    };

    private static readonly string[] AnyClauses = CompleteClauses.Concat(new[]
    {
        "\"StringLike\":{\"k\":\"a*\"}", "\"StringEqualsIgnoreCase\":{\"k\":\"A\"}", "\"ForAnyValue:StringEquals\":{\"k\":\"a\"}",
        "\"ForAllValues:StringEquals\":{\"k\":[\"a\",\"b\"]}", "\"StringNotLike\":{\"j\":\"*b\"}",
    }).ToArray();

    private static Gen<string> Policy(string[] clauses) =>
        Gen.Select(Gen.Bool, Gen.Int[0, clauses.Length - 1].Array[1, 2]).Select((allow, picks) =>
            "{\"Effect\":\"" + (allow ? "Allow" : "Deny") + "\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{"
            + string.Join(",", picks.Distinct().Select(i => clauses[i]).GroupBy(c => c.Substring(0, c.IndexOf(':'))).Select(g => g.First())) + "}}")
        .Array[1, 3].Select(s => string.Join(",", s));

    private static readonly string?[] Domain = { "a", "b", "c", "ab", "A" };

    private static IEnumerable<RequestContext> Assignments(bool kMayBeAbsent, bool jMayBeAbsent)
    {
        foreach (var k in kMayBeAbsent ? Domain.Append(null) : Domain)
        {
            foreach (var j in jMayBeAbsent ? Domain.Append(null) : Domain)
            {
                var c = new RequestContext().Set("known", "x");
                if (k != null) c.Set("k", k);
                if (j != null) c.Set("j", j);
                yield return c;
            }
        }
    }

    private static bool Check(string statements, bool kAbsent, bool jAbsent, bool complete)
    {
        var ctx = new RequestContext().Set("known", "x").SetUnknown("k", kAbsent).SetUnknown("j", jAbsent);
        var three = Run(statements, ctx).Decision;
        var two = Assignments(kAbsent, jAbsent).Select(c => Run(statements, c).Decision == Decision.Allowed).Distinct().ToList();
        if (three == Decision.Depends) return !complete || two.Count == 2;
        return two.Count == 1 && two[0] == (three == Decision.Allowed);
    }

    [Fact]
    public void ThreeValued_IsSoundAndComplete_OnLiteralStringConditions()
        => Gen.Select(Policy(CompleteClauses), Gen.Bool, Gen.Bool).Sample((p, ka, ja) => Check(p, ka, ja, complete: true), iter: 3000);

    [Fact]
    public void ThreeValued_IsSound_WithWildcardsCaseAndSetOperators()
        => Gen.Select(Policy(AnyClauses), Gen.Bool, Gen.Bool).Sample((p, ka, ja) => Check(p, ka, ja, complete: false), iter: 3000);
}
