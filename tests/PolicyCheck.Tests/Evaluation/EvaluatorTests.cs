using System.Linq;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;
using Xunit;
using static PolicyCheck.Tests.Evaluation.Eval;

namespace PolicyCheck.Tests.Evaluation;

/// <summary>
/// Decisions across policy types, following "Policy evaluation logic"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html) and
/// "Cross-account policy evaluation logic" (reference_policies_evaluation-logic-cross-account.html).
/// </summary>
public sealed class EvaluatorTests
{
    private const string Ws = "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01";
    private const string Allow = """{"Effect":"Allow","Action":"aws-external-anthropic:*","Resource":"*"}""";

    [Fact]
    public void NothingGiven_IsImplicitDeny()
        => Assert.Equal(Decision.ImplicitDeny, Identity(Statements(), "aws-external-anthropic:CreateInference", Ws));

    [Fact]
    public void Allow_Allows()
        => Assert.Equal(Decision.Allowed, Identity(Statements(Allow), "aws-external-anthropic:CreateInference", Ws));

    // Evaluation logic page: "An explicit deny in any policy overrides any allows."
    [Fact]
    public void ExplicitDeny_BeatsAllow()
    {
        var doc = Statements(Allow, """{"Effect":"Deny","Action":"aws-external-anthropic:CreateInference","Resource":"*"}""");
        Assert.Equal(Decision.ExplicitDeny, Identity(doc, "aws-external-anthropic:CreateInference", Ws));
        Assert.Equal(Decision.Allowed, Identity(doc, "aws-external-anthropic:CountTokens", Ws));
    }

    [Fact]
    public void DenyInAnotherPolicy_Wins()
    {
        var set = new PolicySet { Identity = new[] { Statements(Allow) }, Boundaries = new[] { Statements("""{"Effect":"Deny","Action":"*","Resource":"*"}""") } };
        Assert.Equal(Decision.ExplicitDeny, Evaluator.Decide(set, new EvalRequest("aws-external-anthropic:CreateInference", Ws, CallerPrincipal.Parse("arn:aws:iam::111122223333:user/a"))));
    }

    [Fact]
    public void ActionMatching_IsCaseInsensitive_WithWildcards()
    {
        var doc = Statements("""{"Effect":"Allow","Action":"AWS-EXTERNAL-ANTHROPIC:create*","Resource":"*"}""");
        Assert.Equal(Decision.Allowed, Identity(doc, "aws-external-anthropic:CreateInference", Ws));
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "aws-external-anthropic:CountTokens", Ws));
        var q = Statements("""{"Effect":"Allow","Action":"aws-external-anthropic:Get?ile","Resource":"*"}""");
        Assert.Equal(Decision.Allowed, Identity(q, "aws-external-anthropic:GetFile", Ws));
        Assert.Equal(Decision.ImplicitDeny, Identity(q, "aws-external-anthropic:GetFFile", Ws));
    }

    [Fact]
    public void NotAction_AllowsEverythingElse()
    {
        var doc = Statements("""{"Effect":"Allow","NotAction":"aws-external-anthropic:Delete*","Resource":"*"}""");
        Assert.Equal(Decision.Allowed, Identity(doc, "aws-external-anthropic:CreateInference", Ws));
        Assert.Equal(Decision.Allowed, Identity(doc, "s3:GetObject", "arn:aws:s3:::b/k"));
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "aws-external-anthropic:DeleteFile", Ws));
    }

    [Fact]
    public void Resource_MatchesPerArnSegment()
    {
        var doc = Statements("""{"Effect":"Allow","Action":"*","Resource":"arn:aws:aws-external-anthropic:*:111122223333:workspace/wrkspc_*"}""");
        Assert.Equal(Decision.Allowed, Identity(doc, "aws-external-anthropic:CreateInference", Ws));
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "aws-external-anthropic:CreateInference", Ws.Replace("111122223333", "999999999999")));
        // In a full six-part pattern '*' stays inside its segment: "us-*" does not reach into the account.
        var narrow = Statements("""{"Effect":"Allow","Action":"*","Resource":"arn:aws:aws-external-anthropic:us-*:1111*:workspace/wrkspc_01"}""");
        Assert.Equal(Decision.Allowed, Identity(narrow, "aws-external-anthropic:CreateInference", Ws));
        var crossing = Statements("""{"Effect":"Allow","Action":"*","Resource":"arn:aws:aws-external-anthropic:us-*3333:*:workspace/wrkspc_01"}""");
        Assert.Equal(Decision.ImplicitDeny, Identity(crossing, "aws-external-anthropic:CreateInference", Ws));
        // A short pattern is one wildcard string.
        var shortForm = Statements("""{"Effect":"Allow","Action":"*","Resource":"arn:aws:aws-external-anthropic:*"}""");
        Assert.Equal(Decision.Allowed, Identity(shortForm, "aws-external-anthropic:CreateInference", Ws));
        // Account-level actions use "*" as the resource: only Resource "*" matches.
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "aws-external-anthropic:ListWorkspaces", "*"));
        Assert.Equal(Decision.Allowed, Identity(Statements(Allow), "aws-external-anthropic:ListWorkspaces", "*"));
    }

    [Fact]
    public void Resource_IsCaseSensitive()
    {
        var doc = Statements("""{"Effect":"Allow","Action":"*","Resource":"arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/WRKSPC_01"}""");
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "aws-external-anthropic:CreateInference", Ws));
    }

    [Fact]
    public void NotResource_ExcludesTheListed()
    {
        var doc = Statements("""{"Effect":"Allow","Action":"*","NotResource":"arn:aws:aws-external-anthropic:*:*:workspace/wrkspc_01"}""");
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "aws-external-anthropic:CreateInference", Ws));
        Assert.Equal(Decision.Allowed, Identity(doc, "aws-external-anthropic:CreateInference", Ws.Replace("_01", "_02")));
    }

    // Evaluation logic page, "permissions boundaries": the effective permissions are the intersection.
    [Fact]
    public void Boundary_LimitsIdentity()
    {
        var set = new PolicySet
        {
            Identity = new[] { Statements(Allow) },
            Boundaries = new[] { Statements("""{"Effect":"Allow","Action":"aws-external-anthropic:CountTokens","Resource":"*"}""") },
        };
        var who = CallerPrincipal.Parse("arn:aws:sts::111122223333:assumed-role/r/s");
        Assert.Equal(Decision.Allowed, Evaluator.Decide(set, new EvalRequest("aws-external-anthropic:CountTokens", Ws, who)));
        var r = Evaluator.Evaluate(set, new EvalRequest("aws-external-anthropic:CreateInference", Ws, who));
        Assert.Equal(Decision.ImplicitDeny, r.Decision);
        Assert.Contains("boundary", r.Reason);
    }

    [Fact]
    public void Scp_MustAllow()
    {
        var set = new PolicySet { Identity = new[] { Statements(Allow) }, Scps = new[] { Statements("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""") } };
        var r = Evaluator.Evaluate(set, new EvalRequest("aws-external-anthropic:CreateInference", Ws, CallerPrincipal.Parse("arn:aws:iam::111122223333:user/a")));
        Assert.Equal(Decision.ImplicitDeny, r.Decision);
        Assert.Contains("service control policy", r.Reason);
    }

    [Fact]
    public void SessionPolicy_MustAllow()
    {
        var set = new PolicySet { Identity = new[] { Statements(Allow) }, SessionPolicy = Statements("""{"Effect":"Allow","Action":"aws-external-anthropic:CountTokens","Resource":"*"}""") };
        var who = CallerPrincipal.Parse("arn:aws:sts::111122223333:assumed-role/r/s");
        Assert.Equal(Decision.ImplicitDeny, Evaluator.Decide(set, new EvalRequest("aws-external-anthropic:CreateInference", Ws, who)));
        Assert.Equal(Decision.Allowed, Evaluator.Decide(set, new EvalRequest("aws-external-anthropic:CountTokens", Ws, who)));
    }

    // Evaluation logic page: within one account, a resource-based policy that names the principal is enough.
    [Fact]
    public void SameAccount_ResourcePolicyAlone_Allows()
    {
        var rbp = Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""", DocumentKind.Resource);
        var set = new PolicySet { Identity = System.Array.Empty<PolicyDocument>(), ResourcePolicy = rbp, ResourceAccount = "111122223333" };
        Assert.Equal(Decision.Allowed, Evaluator.Decide(set, new EvalRequest("s3:GetObject", "arn:aws:s3:::b/k", CallerPrincipal.Parse("arn:aws:iam::111122223333:user/alice"))));
    }

    // Cross-account page: both the identity policy and the resource policy must allow.
    [Fact]
    public void CrossAccount_NeedsBoth()
    {
        var rbp = Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""", DocumentKind.Resource);
        var who = CallerPrincipal.Parse("arn:aws:iam::444455556666:user/bob");
        var request = new EvalRequest("s3:GetObject", "arn:aws:s3:::b/k", who);
        Assert.Equal(Decision.ImplicitDeny, Evaluator.Decide(new PolicySet { Identity = System.Array.Empty<PolicyDocument>(), ResourcePolicy = rbp, ResourceAccount = "111122223333" }, request));
        var identity = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""");
        Assert.Equal(Decision.Allowed, Evaluator.Decide(new PolicySet { Identity = new[] { identity }, ResourcePolicy = rbp, ResourceAccount = "111122223333" }, request));
        var otherRbp = Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"777788889999"},"Action":"s3:GetObject","Resource":"*"}]}""", DocumentKind.Resource);
        Assert.Equal(Decision.ImplicitDeny, Evaluator.Decide(new PolicySet { Identity = new[] { identity }, ResourcePolicy = otherRbp, ResourceAccount = "111122223333" }, request));
    }

    [Fact]
    public void TrustPolicy_RoleArnNamesItsSessions()
    {
        var trust = Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::299329113195:role/portkey-app"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"pk-123"}}}]}""", DocumentKind.Trust);
        var set = new PolicySet { Identity = null, ResourcePolicy = trust, ResourceAccount = "111122223333" };
        var session = CallerPrincipal.Parse("arn:aws:sts::299329113195:assumed-role/portkey-app/s1");
        Assert.Equal(Decision.Allowed, Evaluator.Decide(set, new EvalRequest("sts:AssumeRole", "arn:aws:iam::111122223333:role/r", session, Ctx("sts:ExternalId", "pk-123"))));
        Assert.Equal(Decision.ImplicitDeny, Evaluator.Decide(set, new EvalRequest("sts:AssumeRole", "arn:aws:iam::111122223333:role/r", session, Ctx("sts:ExternalId", "pk-124"))));
        Assert.Equal(Decision.ImplicitDeny, Evaluator.Decide(set, new EvalRequest("sts:AssumeRole", "arn:aws:iam::111122223333:role/r", session)));
        var other = CallerPrincipal.Parse("arn:aws:sts::299329113195:assumed-role/other-role/s1");
        Assert.Equal(Decision.ImplicitDeny, Evaluator.Decide(set, new EvalRequest("sts:AssumeRole", "arn:aws:iam::111122223333:role/r", other, Ctx("sts:ExternalId", "pk-123"))));
    }

    [Theory]
    [InlineData("""{"AWS":"*"}""", "arn:aws:iam::444455556666:user/x", true)]
    [InlineData("\"*\"", "*", true)]
    [InlineData("""{"AWS":"444455556666"}""", "arn:aws:sts::444455556666:assumed-role/r/s", true)]
    [InlineData("""{"AWS":"arn:aws:iam::444455556666:root"}""", "arn:aws:iam::444455556666:user/x", true)]
    [InlineData("""{"AWS":"arn:aws:iam::444455556666:root"}""", "arn:aws:iam::777788889999:user/x", false)]
    [InlineData("""{"AWS":"arn:aws:iam::444455556666:user/x"}""", "arn:aws:iam::444455556666:user/y", false)]
    [InlineData("""{"AWS":"arn:aws:sts::444455556666:assumed-role/r/s"}""", "arn:aws:sts::444455556666:assumed-role/r/s", true)]
    [InlineData("""{"AWS":"arn:aws:sts::444455556666:assumed-role/r/s"}""", "arn:aws:sts::444455556666:assumed-role/r/t", false)]
    [InlineData("""{"Service":"ec2.amazonaws.com"}""", "ec2.amazonaws.com", true)]
    [InlineData("""{"Service":"ec2.amazonaws.com"}""", "arn:aws:iam::444455556666:user/x", false)]
    [InlineData("""{"Federated":"accounts.google.com"}""", "accounts.google.com", true)]
    [InlineData("""{"AWS":"*"}""", "ec2.amazonaws.com", true)]
    public void Principal_Forms(string principal, string caller, bool allowed)
    {
        var trust = Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":""" + principal + ""","Action":"sts:AssumeRole"}]}""", DocumentKind.Trust);
        var set = new PolicySet { Identity = null, ResourcePolicy = trust, ResourceAccount = "111122223333" };
        var d = Evaluator.Decide(set, new EvalRequest("sts:AssumeRole", "arn:aws:iam::111122223333:role/r", CallerPrincipal.Parse(caller)));
        Assert.Equal(allowed ? Decision.Allowed : Decision.ImplicitDeny, d);
    }

    [Fact]
    public void NotPrincipal_DenyAppliesToEveryoneElse()
    {
        // reference_policies_elements_notprincipal: a session is excluded only when its session ARN, its role ARN and
        // its account are all listed; naming the role alone leaves the session (and the account) denied.
        const string Allow = """{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}""";
        var full = Doc("""{"Version":"2012-10-17","Statement":[""" + Allow + """,{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::299329113195:role/portkey-app","arn:aws:sts::299329113195:assumed-role/portkey-app/s","arn:aws:iam::299329113195:root"]},"Action":"sts:AssumeRole"}]}""", DocumentKind.Trust);
        var roleOnly = Doc("""{"Version":"2012-10-17","Statement":[""" + Allow + """,{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::299329113195:role/portkey-app"},"Action":"sts:AssumeRole"}]}""", DocumentKind.Trust);
        var session = new EvalRequest("sts:AssumeRole", "arn:aws:iam::111122223333:role/r", CallerPrincipal.Parse("arn:aws:sts::299329113195:assumed-role/portkey-app/s"));
        var other = new EvalRequest("sts:AssumeRole", "arn:aws:iam::111122223333:role/r", CallerPrincipal.Parse("arn:aws:iam::444455556666:user/x"));
        var fullSet = new PolicySet { Identity = null, ResourcePolicy = full, ResourceAccount = "111122223333" };
        Assert.Equal(Decision.Allowed, Evaluator.Decide(fullSet, session));
        Assert.Equal(Decision.ExplicitDeny, Evaluator.Decide(fullSet, other));
        Assert.Equal(Decision.ExplicitDeny, Evaluator.Decide(new PolicySet { Identity = null, ResourcePolicy = roleOnly, ResourceAccount = "111122223333" }, session));
    }

    [Fact]
    public void Trace_NamesWhatMatched()
    {
        var doc = Statements("""{"Sid":"OnlyOther","Effect":"Allow","Action":"aws-external-anthropic:CreateInference","Resource":"arn:aws:s3:::x"}""",
            """{"Sid":"Tls","Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}""");
        var r = Evaluator.Evaluate(new PolicySet { Identity = new[] { doc } }, new EvalRequest("aws-external-anthropic:CreateInference", Ws, null, new RequestContext().Set("aws:SecureTransport", "true")));
        Assert.Equal(Decision.ImplicitDeny, r.Decision);
        Assert.Equal(2, r.Trace.Count);
        var near = r.NearestMiss;
        Assert.NotNull(near);
        Assert.Equal("OnlyOther", near!.Statement.Sid!.Value);
        Assert.True(near.Action);
        Assert.False(near.Resource);
        Assert.Contains(r.Trace, t => t.Statement.Sid!.Value == "Tls" && t.Condition == false && t.Notes.Count > 0);
        Assert.Contains("resource did not match", near.ToString());
    }

    [Fact]
    public void TraceLine_NamesSourcePlaceStatementEffectAndEveryPart()
    {
        var doc = Statements("""{"Sid":"OnlyOther","Effect":"Allow","Action":"aws-external-anthropic:CreateInference","Resource":"arn:aws:s3:::x"}""",
            """{"Sid":"Tls","Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}""",
            """{"Effect":"Allow","NotAction":"s3:*","Resource":"arn:aws:s3:::b"}""");
        var r = Evaluator.Evaluate(new PolicySet { Identity = new[] { doc } }, new EvalRequest("aws-external-anthropic:CreateInference", Ws, null, new RequestContext().Set("aws:SecureTransport", "true")));
        Assert.Equal(3, r.Trace.Count);
        Assert.Equal(PolicySource.Identity, r.Trace[0].Source);
        r.Trace[2].Notes.Add("a second note");
        r.Trace[2].Notes.Add("a third");
        foreach (var t in r.Trace)
        {
            var parts = new System.Collections.Generic.List<string>();
            if (t.Action.HasValue) parts.Add("action " + (t.Action.Value ? "matched" : "did not match"));
            if (t.Resource.HasValue) parts.Add("resource " + (t.Resource.Value ? "matched" : "did not match"));
            if (t.Principal.HasValue) parts.Add("principal " + (t.Principal.Value ? "matched" : "did not match"));
            if (t.Condition.HasValue) parts.Add("condition " + (t.Condition.Value ? "held" : "did not hold"));
            if (t.ConditionUnknown) parts.Add("condition depends on values unknown offline");
            string where = t.Document.Label != null ? $"{t.Document.Path} ({t.Document.Label})" : t.Document.Path;
            string notes = t.Notes.Count > 0 ? " — " + string.Join("; ", t.Notes) : string.Empty;
            string applies = t.Applies ? "applies" : t.MayApply ? "may apply" : "does not apply";
            Assert.Equal($"{t.Source} {where}:{t.Statement.Span.Line} {t.Statement.Label} [{t.Effect}] {applies}: {string.Join(", ", parts)}{notes}", t.ToString());
        }

        Assert.Equal(System.Enum.GetValues<PolicySource>().Select(v => v.ToString()), StatementTrace.SourceNames);
    }

    [Fact]
    public void Decide_And_Evaluate_Agree()
    {
        var doc = Statements(Allow, """{"Effect":"Deny","Action":"aws-external-anthropic:Delete*","Resource":"*"}""");
        foreach (var a in new[] { "aws-external-anthropic:DeleteFile", "aws-external-anthropic:GetFile", "s3:GetObject" })
        {
            var set = new PolicySet { Identity = new[] { doc } };
            var req = new EvalRequest(a, Ws, null);
            Assert.Equal(Evaluator.Decide(set, req), Evaluator.Evaluate(set, req).Decision);
        }
    }

    [Fact]
    public void NeverThrows_OnOddDocuments()
    {
        string[] docs =
        {
            "{}", "[]", """{"Statement":{}}""", """{"Statement":[{"Effect":"Allow"}]}""",
            """{"Statement":[{"Effect":"Allow","Action":[],"Resource":[]}]}""",
            """{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bogus":{"k":"v"},"StringEquals":"x","NumericLessThan":{"n":"abc"}}}]}""",
            """{"Statement":[{"Effect":"Allow","Action":"*","Resource":"${","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/99"},"DateLessThan":{"aws:CurrentTime":"tomorrow"}}}]}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":[]},"NotAction":"*","NotResource":"${aws:username"}]}""",
            "not json",
        };
        var ctx = new RequestContext().Set("aws:SourceIp", "not-an-ip").Set("aws:CurrentTime", "x").Set("n", "1e999999");
        foreach (var json in docs)
        {
            var doc = Doc(json);
            var set = new PolicySet { Identity = new[] { doc }, ResourcePolicy = doc, Boundaries = new[] { doc }, Scps = new[] { doc }, SessionPolicy = doc };
            var r = Evaluator.Evaluate(set, new EvalRequest("s3:GetObject", "arn:aws:s3:::b/k", CallerPrincipal.Parse("*"), ctx));
            Assert.True(System.Enum.IsDefined(r.Decision));
        }
    }
}
