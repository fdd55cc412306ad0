using PolicyCheck.Evaluation;
using PolicyCheck.Model;
using Xunit;
using static PolicyCheck.Tests.Evaluation.Eval;

namespace PolicyCheck.Tests.Evaluation;

/// <summary>
/// The rules of AWS's evaluation logic beyond the shared suite, in other shapes (other services, cross account, Deny
/// forms), and the finer points decided here. Test names cite the IAM User Guide page that decides.
/// </summary>
public sealed class EvaluationOrderTests
{
    private const string Alice = "arn:aws:iam::111122223333:user/alice";
    private const string Session = "arn:aws:sts::111122223333:assumed-role/app/s1";
    private const string Role = "arn:aws:iam::111122223333:role/app";
    private const string Key = "arn:aws:kms:us-east-1:111122223333:key/k1";

    private static PolicyDocument Rbp(string statement) => Doc("""{"Version":"2012-10-17","Statement":[""" + statement + "]}", DocumentKind.Resource);

    private static Decision Run(PolicySet set, string action, string resource, string principal, RequestContext? ctx = null)
        => Evaluator.Evaluate(set, new EvalRequest(action, resource, CallerPrincipal.Parse(principal), ctx)).Decision;

    [Fact]
    public void EvaluationLogicCrossAccount_KmsKeyPolicyMustNameTheCaller_EvenInItsOwnAccount()
    {
        var identity = Statements("""{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}""");
        var names = Rbp("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}""");
        var other = Rbp("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:*","Resource":"*"}""");
        Assert.Equal(Decision.Allowed, Run(new PolicySet { Identity = new[] { identity }, ResourcePolicy = names }, "kms:Decrypt", Key, Alice));
        Assert.Equal(Decision.ImplicitDeny, Run(new PolicySet { Identity = new[] { identity }, ResourcePolicy = other }, "kms:Decrypt", Key, Alice));
    }

    [Fact]
    public void EvaluationLogicCrossAccount_BothSidesMustAllow()
    {
        var identity = Statements("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}""");
        var queue = "arn:aws:sqs:us-east-1:444455556666:q";
        var rbp = Rbp("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queue + "\"}");
        Assert.Equal(Decision.Allowed, Run(new PolicySet { Identity = new[] { identity }, ResourcePolicy = rbp }, "sqs:SendMessage", queue, Alice));
        // Without the caller's identity grant, the queue policy alone is not enough across accounts.
        Assert.Equal(Decision.ImplicitDeny, Run(new PolicySet { Identity = new[] { Statements("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""") }, ResourcePolicy = rbp }, "sqs:SendMessage", queue, Alice));
        // Without a queue policy, the identity grant is not enough.
        Assert.Equal(Decision.ImplicitDeny, Run(new PolicySet { Identity = new[] { identity } }, "sqs:SendMessage", queue, Alice));
        // Same account: the identity grant is enough.
        Assert.Equal(Decision.Allowed, Run(new PolicySet { Identity = new[] { identity } }, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q", Alice));
    }

    [Fact]
    public void EvaluationLogic_AnonymousCaller_OnlyAResourcePolicyGrants()
    {
        var rbp = Rbp("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}""");
        Assert.Equal(Decision.Allowed, Run(new PolicySet { Identity = null, ResourcePolicy = rbp }, "s3:GetObject", "arn:aws:s3:::site/index.html", "*"));
        Assert.Equal(Decision.ImplicitDeny, Run(new PolicySet { Identity = null, ResourcePolicy = rbp }, "s3:PutObject", "arn:aws:s3:::site/index.html", "*"));
        // Identity policies given for an anonymous caller grant nothing.
        Assert.Equal(Decision.ImplicitDeny, Run(new PolicySet { Identity = new[] { Statements("""{"Effect":"Allow","Action":"*","Resource":"*"}""") } }, "s3:GetObject", "arn:aws:s3:::site/index.html", "*"));
    }

    [Fact]
    public void EvaluationLogic_ServicePrincipal_GetsWhatTheResourcePolicyGrantsIt()
    {
        var rbp = Rbp("""{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*"}""");
        Assert.Equal(Decision.Allowed, Run(new PolicySet { Identity = null, ResourcePolicy = rbp }, "s3:PutObject", "arn:aws:s3:::logs/a", "cloudtrail.amazonaws.com"));
        Assert.Equal(Decision.ImplicitDeny, Run(new PolicySet { Identity = null, ResourcePolicy = rbp }, "s3:PutObject", "arn:aws:s3:::logs/a", "config.amazonaws.com"));
    }

    [Fact]
    public void EvaluationLogic_DenyInAResourcePolicy_NamingTheRole_CoversItsSessions()
    {
        var identity = Statements("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""");
        var rbp = Rbp("{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + Role + "\"},\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\"}");
        Assert.Equal(Decision.ExplicitDeny, Run(new PolicySet { Identity = new[] { identity }, ResourcePolicy = rbp }, "s3:DeleteObject", "arn:aws:s3:::b/k", Session));
        Assert.Equal(Decision.Allowed, Run(new PolicySet { Identity = new[] { identity }, ResourcePolicy = rbp }, "s3:GetObject", "arn:aws:s3:::b/k", Session));
    }

    [Fact]
    public void Boundaries_ResourcePolicyNamingTheUser_IsNotLimited_NamingTheAccountIs()
    {
        var identity = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""");
        var boundary = Statements("""{"Effect":"Allow","Action":"sqs:*","Resource":"*"}""");
        var byAccount = Rbp("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*"}""");
        var byUser = Rbp("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + Alice + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");
        Assert.Equal(Decision.ImplicitDeny, Run(new PolicySet { Identity = new[] { identity }, ResourcePolicy = byAccount, Boundaries = new[] { boundary } }, "s3:GetObject", "arn:aws:s3:::b/k", Alice));
        Assert.Equal(Decision.Allowed, Run(new PolicySet { Identity = new[] { identity }, ResourcePolicy = byUser, Boundaries = new[] { boundary } }, "s3:GetObject", "arn:aws:s3:::b/k", Alice));
    }

    [Fact]
    public void NotPrincipal_DenyWithABoundary_DeniesEvenTheListedCaller_AndNotWithout()
    {
        var identity = Statements("""{"Effect":"Allow","Action":"sqs:*","Resource":"*"}""");
        var rbp = Rbp("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\"" + Alice + "\",\"arn:aws:iam::111122223333:root\"]},\"Action\":\"sqs:*\",\"Resource\":\"*\"}");
        var boundary = Statements("""{"Effect":"Allow","Action":"*","Resource":"*"}""");
        string q = "arn:aws:sqs:us-east-1:111122223333:q";
        Assert.Equal(Decision.Allowed, Run(new PolicySet { Identity = new[] { identity }, ResourcePolicy = rbp }, "sqs:SendMessage", q, Alice));
        Assert.Equal(Decision.ExplicitDeny, Run(new PolicySet { Identity = new[] { identity }, ResourcePolicy = rbp, Boundaries = new[] { boundary } }, "sqs:SendMessage", q, Alice));
        // Listing the user without its account leaves the account denied, and the user with it.
        var userOnly = Rbp("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"" + Alice + "\"},\"Action\":\"sqs:*\",\"Resource\":\"*\"}");
        Assert.Equal(Decision.ExplicitDeny, Run(new PolicySet { Identity = new[] { identity }, ResourcePolicy = userOnly }, "sqs:SendMessage", q, Alice));
    }

    [Fact]
    public void OrgsManagePoliciesRcps_AnRcpAllowDoesNotNarrow_ItsDenyDoes()
    {
        var identity = Statements("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""");
        var narrowAllow = Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"}]}""", DocumentKind.Resource);
        var shortArnDeny = Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:*"}]}""", DocumentKind.Resource);
        Assert.Equal(Decision.Allowed, Run(new PolicySet { Identity = new[] { identity }, Rcps = new[] { narrowAllow } }, "s3:GetObject", "arn:aws:s3:::b/k", Alice));
        // A short ARN in an RCP's Resource matches as one wildcard string.
        Assert.Equal(Decision.ExplicitDeny, Run(new PolicySet { Identity = new[] { identity }, Rcps = new[] { shortArnDeny } }, "s3:GetObject", "arn:aws:s3:::b/k", Alice));
    }

    [Fact]
    public void PoliciesVariables_ResolveOnlyAfterTheFifthColon()
    {
        var ctx = new RequestContext().Set("aws:RequestedRegion", "us-east-1").Set("aws:username", "alice");
        var inRegion = Statements("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:${aws:RequestedRegion}:111122223333:q"}""");
        var inResource = Statements("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:${aws:username}-q"}""");
        Assert.Equal(Decision.ImplicitDeny, Identity(inRegion, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q", ctx, Alice));
        Assert.Equal(Decision.Allowed, Identity(inResource, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:alice-q", ctx, Alice));
        // ${*} before the fifth colon is literal text, not a wildcard.
        var star = Statements("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:${*}:111122223333:q"}""");
        Assert.Equal(Decision.ImplicitDeny, Identity(star, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q", ctx, Alice));
    }

    [Fact]
    public void PoliciesVariables_UnresolvableInNotResource_MatchesNoResource_SoTheStatementCoversAll()
    {
        var deny = Statements("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""",
            """{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::home/${aws:username}/*"}""");
        Assert.Equal(Decision.Allowed, Identity(deny, "s3:GetObject", "arn:aws:s3:::home/alice/x", new RequestContext().Set("aws:username", "alice"), Alice));
        Assert.Equal(Decision.ExplicitDeny, Identity(deny, "s3:GetObject", "arn:aws:s3:::home/alice/x", new RequestContext(), Alice));
    }

    [Fact]
    public void PoliciesVariables_InArnOperators_Resolve()
    {
        var doc = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::${aws:username}-*"}}}""");
        var ctx = new RequestContext().Set("aws:username", "alice").Set("aws:SourceArn", "arn:aws:s3:::alice-logs");
        Assert.Equal(Decision.Allowed, Identity(doc, "s3:GetObject", "arn:aws:s3:::b/k", ctx, Alice));
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "s3:GetObject", "arn:aws:s3:::b/k", ctx.Copy().Set("aws:username", "bob"), Alice));
    }

    [Fact]
    public void ConditionOperators_IpAddress_0000_DoesNotMatchIPv6_ColonColonZeroDoes()
    {
        var v4 = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}""");
        var v6 = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"::/0"}}}""");
        var fromV6 = new RequestContext().Set("aws:SourceIp", new ContextValue(new[] { "2001:db8::1" }, ContextType.Ip));
        var fromV4 = new RequestContext().Set("aws:SourceIp", new ContextValue(new[] { "203.0.113.9" }, ContextType.Ip));
        Assert.Equal(Decision.ImplicitDeny, Identity(v4, "s3:GetObject", "arn:aws:s3:::b/k", fromV6, Alice));
        Assert.Equal(Decision.Allowed, Identity(v4, "s3:GetObject", "arn:aws:s3:::b/k", fromV4, Alice));
        Assert.Equal(Decision.Allowed, Identity(v6, "s3:GetObject", "arn:aws:s3:::b/k", fromV6, Alice));
    }

    [Fact]
    public void ConditionOperators_DateOperators_TakeEpochSeconds()
    {
        var doc = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"1767225600"}}}""");
        Assert.Equal(Decision.Allowed, Identity(doc, "s3:GetObject", "arn:aws:s3:::b/k", new RequestContext().Set("aws:CurrentTime", "2025-12-31T23:59:59Z"), Alice));
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "s3:GetObject", "arn:aws:s3:::b/k", new RequestContext().Set("aws:CurrentTime", "2026-01-01T00:00:00Z"), Alice));
    }

    [Fact]
    public void SingleVsMultivaluedKeys_EmptySet_IsMissing_ForNullAndIfExists()
    {
        var empty = new RequestContext().Set("aws:TagKeys", new ContextValue(System.Array.Empty<string>(), ContextType.String, multivalued: true));
        Assert.True(Holds("""{"Null":{"aws:TagKeys":"true"}}""", empty));
        Assert.False(Holds("""{"Null":{"aws:TagKeys":"false"}}""", empty));
        Assert.True(Holds("""{"StringEqualsIfExists":{"aws:TagKeys":"team"}}""", empty));
        Assert.False(Holds("""{"StringEquals":{"aws:TagKeys":"team"}}""", empty));
    }

    [Fact]
    public void SingleVsMultivaluedKeys_SingleValuedOperatorOnAMultivaluedKey_MatchesWhenAnyValueDoes()
    {
        var calledVia = new RequestContext().Set("aws:CalledVia", new ContextValue(new[] { "athena.amazonaws.com", "glue.amazonaws.com" }, ContextType.String, multivalued: true));
        Assert.True(Holds("""{"StringEquals":{"aws:CalledVia":"glue.amazonaws.com"}}""", calledVia));
        Assert.False(Holds("""{"StringEquals":{"aws:CalledVia":"s3.amazonaws.com"}}""", calledVia));
        Assert.False(Holds("""{"StringNotEquals":{"aws:CalledVia":"glue.amazonaws.com"}}""", calledVia));
    }

    [Fact]
    public void ReferenceArns_ResourceArnsMatchCaseSensitively_InEverySegment()
    {
        var doc = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:AWS:s3:::b/*"}""");
        var good = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}""");
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "s3:GetObject", "arn:aws:s3:::b/k", null, Alice));
        Assert.Equal(Decision.Allowed, Identity(good, "s3:GetObject", "arn:aws:s3:::b/k", null, Alice));
        Assert.Equal(Decision.ImplicitDeny, Identity(good, "s3:GetObject", "arn:aws:s3:::B/k", null, Alice));
    }

    [Fact]
    public void IdRoles_TrustNotGiven_OnlyTheCallersSide_AndTheTraceSaysSo()
    {
        var identity = Statements("""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}""");
        var r = Evaluator.Evaluate(new PolicySet { Identity = new[] { identity } }, new EvalRequest("sts:AssumeRole", Role, CallerPrincipal.Parse(Alice)));
        Assert.Equal(Decision.Allowed, r.Decision);
        Assert.Contains(r.Notes, n => n.Contains("trust policy was not given"));
    }

    [Fact]
    public void IdRoles_UnknownCallerPolicies_AreAssumedOnlyForTheIdentitySide()
    {
        var trust = Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}""", DocumentKind.Trust);
        var set = new PolicySet { Identity = null, ResourcePolicy = trust };
        var r = Evaluator.Evaluate(set, new EvalRequest("sts:AssumeRole", Role, CallerPrincipal.Parse(Alice)));
        Assert.Equal(Decision.Allowed, r.Decision);
        Assert.Contains(r.Notes, n => n.Contains("assumed to allow"));
        // A caller of another account the trust does not name stays out, whatever its own policies say.
        Assert.Equal(Decision.ImplicitDeny, Evaluator.Decide(set, new EvalRequest("sts:AssumeRole", Role, CallerPrincipal.Parse("arn:aws:iam::999999999999:user/mallory"))));
    }
}
