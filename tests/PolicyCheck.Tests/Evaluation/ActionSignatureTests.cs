using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using Xunit;

namespace PolicyCheck.Tests.Evaluation;

/// <summary>Actions that the same statements name decide alike (PC2009 evaluates each such group once).</summary>
public sealed class ActionSignatureTests
{
    [Fact]
    public void SameSignature_SameResource_SameDecision_OnEveryExampleRole()
    {
        var read = Lint.ReadExamples();
        int shared = 0, roles = 0;
        foreach (var role in read.Roles)
        {
            var set = GatewayRequests.Permissions(role, includeManaged: false);
            if (set.Identity == null || set.Identity.Count == 0) continue;
            roles++;
            var gateway = new GatewayRequests(role, read.Config!, BuiltIn.Service);
            var groups = new Dictionary<(string, string), List<(string Action, Decision Decision)>>();
            foreach (var fact in BuiltIn.Service.Actions)
            {
                var call = gateway.Call(fact.Name);
                string? signature = Evaluator.ActionSignature(set, call.Action);
                Assert.NotNull(signature);
                var key = (signature!, call.Resource);
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<(string, Decision)>();
                list.Add((fact.Name, Evaluator.Decide(set, call)));
            }
            foreach (var g in groups.Values)
            {
                Assert.True(g.All(x => x.Decision == g[0].Decision), $"{role.Name}: {string.Join(", ", g.Select(x => $"{x.Action}={x.Decision}"))}");
                if (g.Count > 1) shared++;
            }
        }
        Assert.True(roles >= 15 && shared > roles, $"{roles} roles, {shared} shared groups: too few to show anything");
    }

    [Fact]
    public void TrustAndKmsActions_HaveNoSignature()
    {
        var set = new PolicySet { Identity = new[] { Eval.Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""") } };
        Assert.Null(Evaluator.ActionSignature(set, "sts:AssumeRole"));
        Assert.Null(Evaluator.ActionSignature(set, "kms:Decrypt"));
        Assert.Equal(Evaluator.ActionSignature(set, "s3:GetObject"), Evaluator.ActionSignature(set, "s3:PutObject"));
        var split = new PolicySet { Identity = new[] { Eval.Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"},{"Effect":"Deny","NotAction":"s3:Put*","Resource":"*"}]}""") } };
        Assert.NotEqual(Evaluator.ActionSignature(split, "s3:GetObject"), Evaluator.ActionSignature(split, "s3:PutObject"));
        Assert.NotEqual(Evaluator.ActionSignature(split, "s3:GetObject"), Evaluator.ActionSignature(split, "s3:ListBucket"));
    }
}
