using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace PolicyCheck.Tests.Diff;

/// <summary>`policycheck diff`: each kind of change found at HEAD's line, and each equivalent rewrite silent.</summary>
public sealed class DiffCommandTests
{
    public const string ExternalId = "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23";

    public const string Permission = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "Inference",
              "Effect": "Allow",
              "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"],
              "Resource": "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc"
            },
            {
              "Sid": "Logs",
              "Effect": "Allow",
              "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::logs/portkey/*"
            }
          ]
        }
        """;

    public const string Trust = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"},
              "Action": "sts:AssumeRole",
              "Condition": {"StringEquals": {"sts:ExternalId": "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"}}
            }
          ]
        }
        """;

    public sealed record Finding(string Rule, string Severity, string File, int Line, int Column, string Message);

    private static readonly Regex Line = new(@"^(?<path>.+)\((?<line>\d+),(?<col>\d+)\): (?<sev>error|warning|note) (?<rule>PC\d+): (?<msg>.*)$", RegexOptions.Multiline);

    public static List<Finding> Parse(string output)
        => Line.Matches(output).Select(m => new Finding(m.Groups["rule"].Value, m.Groups["sev"].Value, Path.GetFileName(m.Groups["path"].Value),
            int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["msg"].Value)).ToList();

    /// <summary>BASE and HEAD as two folders holding one role (portkey/), HEAD's files edited by <paramref name="edit"/>.</summary>
    public static (int Exit, List<Finding> Findings, string Out, string Err) Diff(string? permissionHead, string? trustHead, params string[] args)
        => Both(Permission, Trust, permissionHead, trustHead, args);

    public static (int Exit, List<Finding> Findings, string Out, string Err) Both(string? permissionBase, string? trustBase, string? permissionHead, string? trustHead, params string[] args)
    {
        using var dir = new TempDir();
        if (permissionBase != null) dir.Write("base/portkey/permission.json", permissionBase);
        if (trustBase != null) dir.Write("base/portkey/trust.json", trustBase);
        if (permissionHead != null) dir.Write("head/portkey/permission.json", permissionHead);
        if (trustHead != null) dir.Write("head/portkey/trust.json", trustHead);
        Directory.CreateDirectory(Path.Combine(dir.Path, "base"));
        Directory.CreateDirectory(Path.Combine(dir.Path, "head"));
        var (exit, output, err) = CliRunner.Run(new[] { "diff", Path.Combine(dir.Path, "base"), Path.Combine(dir.Path, "head") }.Concat(args).ToArray());
        return (exit, Parse(output), output, err);
    }

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="text"/>.</summary>
    public static (int Line, int Column) At(string json, string text, int occurrence = 1)
    {
        int i = -1;
        for (int n = 0; n < occurrence; n++) i = json.IndexOf(text, i + 1, System.StringComparison.Ordinal);
        Assert.True(i >= 0, text + " not found");
        int line = json.Take(i).Count(c => c == '\n') + 1;
        int col = i - json.LastIndexOf('\n', i);
        return (line, col);
    }

    [Fact]
    public void TheSameFiles_ReportNothing_Exit0()
    {
        var (exit, findings, _, err) = Diff(Permission, Trust);
        Assert.Equal(0, exit);
        Assert.Empty(findings);
        Assert.Contains("0 broken, 0 new access", err);
    }

    [Fact]
    public void AWidenedResource_IsNewAccess_AtTheResource()
    {
        string head = Permission.Replace("logs/portkey/*", "logs/*");
        var (exit, findings, _, _) = Diff(head, Trust);
        Assert.Equal(1, exit);
        var f = Assert.Single(findings);
        Assert.Equal(("PC6002", "permission.json"), (f.Rule, f.File));
        Assert.Equal(At(head, "\"arn:aws:s3:::logs/*\""), (f.Line, f.Column));
        Assert.Contains("s3:GetObject on arn:aws:s3:::logs/*", f.Message);
        // Nearest safe variant: narrowed instead of widened is removed access (a note), not new access.
        var (narrowExit, narrowed, _, _) = Diff(Permission.Replace("logs/portkey/*", "logs/portkey/2026/*"), Trust);
        Assert.Equal(0, narrowExit);
        Assert.Equal("PC6005", Assert.Single(narrowed).Rule);
    }

    [Fact]
    public void AnAddedAction_IsNewAccess_AtTheAction()
    {
        string head = Permission.Replace("\"Action\": \"s3:GetObject\"", "\"Action\": [\"s3:GetObject\", \"s3:PutObject\"]");
        var (exit, findings, _, _) = Diff(head, Trust);
        Assert.Equal(1, exit);
        var f = Assert.Single(findings);
        Assert.Equal("PC6002", f.Rule);
        Assert.Equal(At(head, "\"s3:PutObject\""), (f.Line, f.Column));
        Assert.Contains("s3:PutObject on arn:aws:s3:::logs/portkey/*", f.Message);
    }

    [Fact]
    public void AWildcardThatNewlyMatches_ListsTheActionsItAdds()
    {
        string head = Permission.Replace("\"Action\": \"s3:GetObject\"", "\"Action\": \"s3:GetObject*\"");
        var (_, findings, _, _) = Diff(head, Trust);
        var f = Assert.Single(findings);
        Assert.Equal("PC6002", f.Rule);
        Assert.Equal(At(head, "\"s3:GetObject*\""), (f.Line, f.Column));
        Assert.Contains("s3:GetObjectAcl", f.Message);
        Assert.DoesNotContain("s3:GetObject,", f.Message);
    }

    [Fact]
    public void AWeakenedExternalIdOperator_AdmitsAWrongExternalId_AtTheOperator()
    {
        string head = Trust.Replace("\"StringEquals\": {\"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"}", "\"StringLike\": {\"sts:ExternalId\": \"9f1c2e7a-*\"}");
        var (exit, findings, output, err) = Diff(Permission, head, "--verbose");
        Assert.Equal(1, exit);
        var f = Assert.Single(findings, x => x.Message.Contains("wrong external ID"));
        Assert.Equal(("PC6002", "trust.json"), (f.Rule, f.File));
        Assert.Equal(At(head, "\"StringLike\""), (f.Line, f.Column));
        Assert.DoesNotContain(ExternalId, output + err);
        // Nearest safe variant: StringLike on the exact value admits nothing new.
        var (safeExit, safe, _, _) = Diff(Permission, Trust.Replace("StringEquals", "StringLike"));
        Assert.Equal(0, safeExit);
        Assert.Empty(safe);
    }

    [Fact]
    public void ADroppedExternalIdCondition_IsOneFinding_PerCaller_WithTheVariantsItAdmits()
    {
        string head = Trust.Replace(",\n      \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"}}", string.Empty);
        Assert.NotEqual(Trust, head);
        var (exit, findings, output, _) = Diff(Permission, head);
        Assert.Equal(1, exit);
        var f = Assert.Single(findings);
        Assert.Equal("PC6002", f.Rule);
        Assert.Contains("the gateway's principal arn:aws:iam::299329113195:role/portkey-app with a wrong external ID or none can assume the role", f.Message);
        Assert.DoesNotContain(ExternalId, output);
    }

    [Fact]
    public void ANewPrincipal_IsNewAccess_AtThePrincipal()
    {
        string head = Trust.Replace("\"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"", "\"AWS\": [\"arn:aws:iam::299329113195:role/portkey-app\", \"arn:aws:iam::444455556666:root\"]");
        var (exit, findings, _, _) = Diff(Permission, head);
        Assert.Equal(1, exit);
        var f = Assert.Single(findings);
        Assert.Equal("PC6002", f.Rule);
        Assert.Equal(At(head, "\"arn:aws:iam::444455556666:root\""), (f.Line, f.Column));
        Assert.Contains("account 444455556666 with the right external ID can assume the role", f.Message);
    }

    [Fact]
    public void AnAddedDeny_ThatBlocksAFeature_IsBroken_AtTheDeny()
    {
        string deny = """
            ,
                {
                  "Sid": "NoClaude",
                  "Effect": "Deny",
                  "Action": "aws-external-anthropic:*",
                  "Resource": "*"
                }
              ]
            """;
        string head = Permission.Substring(0, Permission.LastIndexOf('}', Permission.LastIndexOf(']')) + 1) + deny + "\n}";
        var (exit, findings, _, _) = Diff(head, Trust, "--fail-on", "broken");
        Assert.Equal(1, exit);
        var broken = findings.Where(f => f.Rule == "PC6001" && f.Severity == "error").ToList();
        var f = Assert.Single(broken);
        Assert.Equal(At(head, "\"aws-external-anthropic:*\""), (f.Line, f.Column));
        Assert.Contains("aws-external-anthropic:CreateInference", f.Message);
        Assert.Contains("statement 3 (Sid NoClaude) denies it", f.Message);
        // Nearest safe variant: the same Deny on another workspace breaks nothing.
        string other = head.Replace("\"Resource\": \"*\"", "\"Resource\": \"arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_other\"");
        var (safeExit, safe, _, _) = Diff(other, Trust, "--fail-on", "broken");
        Assert.Equal(0, safeExit);
        Assert.DoesNotContain(safe, x => x.Rule == "PC6001");
    }

    [Fact]
    public void AFeatureActionDroppedFromTheList_IsBroken_AtHeadsActionList_WithTheFixNamingIt()
    {
        string head = Permission.Replace("[\"aws-external-anthropic:CreateInference\", \"aws-external-anthropic:CountTokens\"]", "\"aws-external-anthropic:CreateInference\"");
        Assert.NotEqual(Permission, head);
        var (exit, findings, output, _) = Diff(head, Trust);
        Assert.Equal(1, exit);
        var f = Assert.Single(findings);
        Assert.Equal(("PC6001", "error"), (f.Rule, f.Severity));
        Assert.Equal(At(head, "\"Action\""), (f.Line, f.Column));
        Assert.Contains("fix: Allow aws-external-anthropic:CountTokens again on arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc", output);
        // Nearest safe variant: dropping an action no feature needs is removed access, a note.
        string logs = Permission.Replace("\"Action\": \"s3:GetObject\"", "\"Action\": \"s3:GetObjectAcl\"");
        var (safeExit, safe, _, _) = Diff(logs, Trust, "--fail-on", "broken");
        Assert.Equal(0, safeExit);
        Assert.DoesNotContain(safe, x => x.Rule == "PC6001");
    }

    [Fact]
    public void TheGatewayLockedOutOfTheTrust_IsBroken()
    {
        string head = Trust.Replace("portkey-app", "portkey-app-old");
        var (exit, findings, _, _) = Diff(Permission, head, "--fail-on", "broken");
        Assert.Equal(1, exit);
        var f = Assert.Single(findings, x => x.Rule == "PC6001");
        Assert.Equal("error", f.Severity);
        Assert.Contains("could assume the role", f.Message);
    }

    [Fact]
    public void EquivalentRewrites_ReportNothing()
    {
        // Statements reordered, keys reordered.
        string reordered = """
            {"Version": "2012-10-17", "Statement": [
              {"Resource": "arn:aws:s3:::logs/portkey/*", "Action": "s3:GetObject", "Effect": "Allow"},
              {"Effect": "Allow", "Action": ["aws-external-anthropic:CountTokens", "aws-external-anthropic:CreateInference"],
               "Resource": "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc"}
            ]}
            """;
        // The action list split in two statements.
        string split = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "aws-external-anthropic:CreateInference", "Resource": "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc"},
              {"Effect": "Allow", "Action": "aws-external-anthropic:CountTokens", "Resource": "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc"},
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/portkey/*"}
            ]}
            """;
        foreach (var head in new[] { reordered, split })
        {
            var (exit, findings, output, _) = Diff(head, Trust);
            Assert.True(exit == 0 && findings.Count == 0, output);
        }
    }

    [Fact]
    public void AListReplacedByTheWildcardThatMatchesExactlyIt_ReportsNothing()
    {
        var universe = new PolicyCheck.Diff.ActionUniverse(Lint.Facts, PolicyCheck.Inputs.EmbeddedCatalog.Load());
        var all = universe.Expand("s3:GetObject*");
        Assert.True(all.Count > 3);
        string list = string.Join(", ", all.Select(a => "\"" + a + "\""));
        string listed = Permission.Replace("\"Action\": \"s3:GetObject\"", "\"Action\": [" + list + "]");
        string wildcard = Permission.Replace("\"Action\": \"s3:GetObject\"", "\"Action\": \"s3:GetObject*\"");
        var (exit, findings, output, _) = Both(listed, Trust, wildcard, Trust);
        Assert.True(exit == 0 && findings.Count == 0, output);
        // Nearest variant that is not equivalent: one action short of the wildcard.
        string shorter = Permission.Replace("\"Action\": \"s3:GetObject\"", "\"Action\": [" + string.Join(", ", all.Skip(1).Select(a => "\"" + a + "\"")) + "]");
        var (_, more, _, _) = Both(shorter, Trust, wildcard, Trust);
        Assert.Contains(all[0] + " on", Assert.Single(more).Message);
    }

    [Fact]
    public void AWildcardBaseCoveredOnlyInPart_IsNewAccess_WithAResourceBaseMisses()
    {
        // BASE grants logs/*f, logs/? and logs/; HEAD logs/*. The pattern's own text (logs/*) and its usual instances
        // (logs/pcdiff, logs/) are all BASE's, yet logs/ab is not: found by search, not by the instances.
        string two = Permission.Replace("\"Resource\": \"arn:aws:s3:::logs/portkey/*\"", "\"Resource\": [\"arn:aws:s3:::logs/*f\", \"arn:aws:s3:::logs/?\", \"arn:aws:s3:::logs/\"]");
        string wide = Permission.Replace("logs/portkey/*", "logs/*");
        var (exit, findings, output, _) = Both(two, Trust, wide, Trust);
        Assert.True(exit == 1, output);
        var f = Assert.Single(findings);
        Assert.Equal("PC6002", f.Rule);
        Assert.Equal(At(wide, "\"arn:aws:s3:::logs/*\""), (f.Line, f.Column));
        Assert.Contains("(an instance of arn:aws:s3:::logs/*)", f.Message);
        // Nearest safe variant: logs/?* and logs/ together are exactly logs/*.
        string same = Permission.Replace("\"Resource\": \"arn:aws:s3:::logs/portkey/*\"", "\"Resource\": [\"arn:aws:s3:::logs/?*\", \"arn:aws:s3:::logs/\"]");
        var (sameExit, none, sameOutput, _) = Both(same, Trust, wide, Trust);
        Assert.True(sameExit == 0 && none.Count == 0, sameOutput);
    }

    [Fact]
    public void EachDistinctActionPattern_IsExpandedOnce_WhateverTheNumberOfRoles()
    {
        int Expansions(int roles)
        {
            using var dir = new TempDir();
            for (int i = 0; i < roles; i++)
            {
                dir.Write($"base/r{i}/permission.json", Permission.Replace("\"s3:GetObject\"", "\"s3:Get*\""));
                dir.Write($"base/r{i}/trust.json", Trust);
                dir.Write($"head/r{i}/permission.json", Permission.Replace("\"s3:GetObject\"", "\"s3:Get*\"").Replace("logs/portkey/*", $"logs/r{i}/*"));
                dir.Write($"head/r{i}/trust.json", Trust);
            }
            var request = new PolicyCheck.Inputs.Diff.DiffRequest();
            request.BasePaths.Add(Path.Combine(dir.Path, "base"));
            request.HeadPaths.Add(Path.Combine(dir.Path, "head"));
            var report = PolicyCheck.Inputs.Diff.DiffRunner.Run(request, Lint.Facts, PolicyCheck.Facts.BuiltIn.Catalog, PolicyCheck.Inputs.EmbeddedCatalog.Load());
            Assert.Equal(roles, report.RolesChanged);
            Assert.Equal(roles * 2, report.Report.Diagnostics.Count(d => d.RuleId is "PC6002" or "PC6005"));
            return report.Expansions;
        }
        int one = Expansions(1);
        Assert.InRange(one, 3, 6);
        Assert.Equal(one, Expansions(12));
    }

    [Fact]
    public void TerraformPlans_AreMatchedByAddress_AndFindingsLandOnThePlansLines()
    {
        string plan = File.ReadAllText(Path.Combine(Lint.Repo, "examples/terraform/plan.json"));
        string head = plan.Replace("app-bucket/*", "app-bucket*")
            .Replace("ecs-tasks.amazonaws.com\\\"}", "ecs-tasks.amazonaws.com\\\", \\\"AWS\\\": \\\"arn:aws:iam::444455556666:root\\\"}");
        Assert.NotEqual(plan, head);
        using var dir = new TempDir();
        string b = dir.Write("base/plan.json", plan), h = dir.Write("head/plan.json", head);
        var (exit, output, err) = CliRunner.Run(new[] { "diff", b, h });
        Assert.True(exit == 1, output + err);
        var found = Parse(output);
        Assert.Equal(2, found.Count);
        var resource = Assert.Single(found, f => f.Message.Contains("s3:GetObjects on arn:aws:s3:::app-bucket*", System.StringComparison.Ordinal));
        Assert.Equal(At(head, "\\\"arn:aws:s3:::app-bucket*"), (resource.Line, resource.Column)); // the policy's quote, escaped in the plan
        Assert.Contains("[module.app.aws_iam_role_policy.task]", resource.Message);
        var principal = Assert.Single(found, f => f.Message.Contains("a role in account 444455556666 can assume the role", System.StringComparison.Ordinal));
        Assert.Equal(At(head, "arn:aws:iam::444455556666:root").Line, principal.Line);
        // Nearest safe variant: the plan's resources in another order (and the task role's policy text respaced) is the same access.
        string moved = plan.Replace("{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\", \\\"Action\\\": [\\\"s3:GetObjects\\\"]",
            "{\\\"Statement\\\": [{\\\"Action\\\": \\\"s3:GetObjects\\\", \\\"Effect\\\": \\\"Allow\\\"");
        moved = moved.Replace("\\\"Resource\\\": \\\"arn:aws:s3:::app-bucket/*\\\"}]}", "\\\"Resource\\\": \\\"arn:aws:s3:::app-bucket/*\\\"}], \\\"Version\\\": \\\"2012-10-17\\\"}");
        Assert.NotEqual(plan, moved);
        string m = dir.Write("moved/plan.json", moved);
        var (same, quiet, quietErr) = CliRunner.Run(new[] { "diff", b, m });
        Assert.True(same == 0 && Parse(quiet).Count == 0, quiet + quietErr);
    }

    [Fact]
    public void APolicyMovedFromInlineToManaged_InATemplate_ReportsNothing()
    {
        const string Inline = """
            Resources:
              PortkeyRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: arn:aws:iam::299329113195:role/portkey-app}
                        Action: sts:AssumeRole
                        Condition: {StringEquals: {sts:ExternalId: 9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23}}
                  Policies:
                    - PolicyName: claude
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Action: [aws-external-anthropic:CreateInference, aws-external-anthropic:CountTokens]
                            Resource: arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc
            """;
        string managed = Inline.Substring(0, Inline.IndexOf("      Policies:", System.StringComparison.Ordinal)) + """
                  ManagedPolicyArns: [!Ref ClaudePolicy]
              ClaudePolicy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: [aws-external-anthropic:CountTokens, aws-external-anthropic:CreateInference]
                        Resource: arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc
            """;
        using var dir = new TempDir();
        string b = dir.Write("base.yaml", Inline);
        string h = dir.Write("head.yaml", managed);
        var (exit, output, err) = CliRunner.Run(new[] { "diff", b, h });
        Assert.True(exit == 0 && Parse(output).Count == 0, output + err);
        // Nearest variant: the managed policy grants one more action.
        string h2 = dir.Write("head2.yaml", managed.Replace("aws-external-anthropic:CountTokens,", "aws-external-anthropic:CountTokens, aws-external-anthropic:GetModel,"));
        var (exit2, output2, _) = CliRunner.Run(new[] { "diff", b, h2 });
        Assert.Equal(1, exit2);
        var f = Assert.Single(Parse(output2));
        Assert.Contains("aws-external-anthropic:GetModel", f.Message);
        Assert.Equal("head2.yaml", f.File);
    }

    [Fact]
    public void AddedAndRemovedRoles_AreNamed_AndARemovedGatewayRoleIsBroken()
    {
        using var dir = new TempDir();
        dir.Write("base/portkey/permission.json", Permission);
        dir.Write("base/portkey/trust.json", Trust);
        dir.Write("head/other/permission.json", Lint.Permission("""{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs"}"""));
        var (exit, output, _) = CliRunner.Run(new[] { "diff", Path.Combine(dir.Path, "base"), Path.Combine(dir.Path, "head") });
        Assert.Equal(1, exit);
        var findings = Parse(output);
        Assert.Contains(findings, f => f.Rule == "PC6006" && f.Message.Contains("is new"));
        Assert.Contains(findings, f => f.Rule == "PC6007" && f.Message.Contains("was removed"));
        Assert.Contains(findings, f => f.Rule == "PC6002" && f.Message.Contains("sqs:SendMessage"));
        Assert.Contains(findings, f => f.Rule == "PC6001" && f.Severity == "error" && f.Message.Contains("CreateInference"));
    }

    [Fact]
    public void FailOn_ChoosesWhatFails()
    {
        string narrowed = Permission.Replace("logs/portkey/*", "logs/portkey/2026/*");
        Assert.Equal(0, Diff(narrowed, Trust).Exit);
        Assert.Equal(1, Diff(narrowed, Trust, "--fail-on", "any").Exit);
        string widened = Permission.Replace("logs/portkey/*", "logs/*");
        Assert.Equal(0, Diff(widened, Trust, "--fail-on", "broken").Exit);
        Assert.Equal(1, Diff(widened, Trust, "--fail-on", "new-access").Exit);
        Assert.Equal(1, Diff(widened, Trust, "--fail-on", "broken,new-access").Exit);
        var (exit, _, _, err) = Diff(widened, Trust, "--fail-on", "everything");
        Assert.Equal(2, exit);
        Assert.Contains("--fail-on takes broken, new-access or any", err);
    }

    [Fact]
    public void AGrantThatDependsOnAnUnknownValue_IsMayGrant_UntilTheValueIsGiven()
    {
        string head = Permission.Replace("\"Resource\": \"arn:aws:s3:::logs/portkey/*\"", "\"Resource\": \"arn:aws:s3:::logs/*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}}");
        var (exit, findings, _, _) = Diff(head, Trust);
        Assert.Equal(1, exit);
        // A sample value from the condition proves it: at 203.0.113.0 HEAD grants what BASE did not.
        var f = Assert.Single(findings, x => x.Rule == "PC6002");
        Assert.Contains("when aws:SourceIp is 203.0.113.0", f.Message);
        // And what HEAD takes away: BASE granted logs/portkey/* from anywhere, HEAD only from the range.
        Assert.Contains("when aws:SourceIp is absent", Assert.Single(findings, x => x.Rule == "PC6005").Message);
        // Both versions conditional on the same key, HEAD's range wider: a sample inside the wider range proves it.
        string baseCond = Permission.Replace("\"Resource\": \"arn:aws:s3:::logs/portkey/*\"", "\"Resource\": \"arn:aws:s3:::logs/*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}");
        string wider = baseCond.Replace("10.0.0.0/8", "0.0.0.0/0");
        var (_, widened, _, _) = Both(baseCond, Trust, wider, Trust);
        Assert.Contains("when aws:SourceIp is 0.0.0.0", Assert.Single(widened, x => x.Rule == "PC6002").Message);
        // The same condition on both sides: nothing.
        var (sameExit, same, _, _) = Both(baseCond, Trust, baseCond.Replace("\"Sid\": \"Logs\",", string.Empty), Trust);
        Assert.Equal(0, sameExit);
        Assert.Empty(same);
    }

    [Fact]
    public void AConditionSamplesCannotSettle_IsMayGrant_AndContextSettlesIt()
    {
        // Four unknown keys: more than the samples cover, so the finding says what it depends on.
        string head = Permission.Replace("\"Resource\": \"arn:aws:s3:::logs/portkey/*\"",
            "\"Resource\": \"arn:aws:s3:::logs/*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}, \"StringEquals\": {\"aws:PrincipalTag/a\": \"x\", \"aws:PrincipalTag/b\": \"y\", \"aws:PrincipalTag/c\": \"z\"}}");
        var (exit, findings, output, _) = Diff(head, Trust);
        Assert.Equal(1, exit);
        var f = Assert.Single(findings);
        Assert.Equal(("PC6004", "warning"), (f.Rule, f.Severity));
        Assert.Contains("depends on aws:SourceIp, aws:PrincipalTag/a, aws:PrincipalTag/b, aws:PrincipalTag/c", f.Message);
        Assert.Contains("fix: supply the value to decide it: diff --context aws:SourceIp=VALUE", output);
        string[] values = { "--context", "aws:SourceIp=10.1.2.3", "--context", "aws:PrincipalTag/a=x", "--context", "aws:PrincipalTag/b=y", "--context", "aws:PrincipalTag/c=z" };
        var (_, settled, _, _) = Diff(head, Trust, values);
        Assert.Equal("PC6002", Assert.Single(settled).Rule);
        var (_, outside, _, _) = Diff(head, Trust, values.Select(v => v.Replace("10.1.2.3", "192.0.2.7")).ToArray());
        // Outside the range HEAD grants nothing new, and takes logs/portkey/* away.
        Assert.Equal("PC6005", Assert.Single(outside).Rule);
    }

    [Fact]
    public void ANotOperator_GrantsWhenTheKeyIsAbsent_AndContextDecides()
    {
        string baseCond = Permission.Replace("\"Resource\": \"arn:aws:s3:::logs/portkey/*\"", "\"Resource\": \"arn:aws:s3:::logs/*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}");
        string head = baseCond.Replace("\"10.0.0.0/8\"", "[\"10.0.0.0/8\", \"10.200.0.0/16\"]").Replace("IpAddress", "NotIpAddress");
        var (_, findings, _, _) = Both(baseCond, Trust, head, Trust);
        Assert.Contains("when aws:SourceIp is absent", Assert.Single(findings, x => x.Rule == "PC6002").Message);
        var (_, settled, _, _) = Both(baseCond, Trust, head, Trust, "--context", "aws:SourceIp=10.1.2.3");
        Assert.Equal("PC6005", Assert.Single(settled).Rule);
    }

    [Fact]
    public void AnUnparseableFile_IsReportedWithItsPosition_TheOtherRolesStillDiffed_Exit2()
    {
        using var dir = new TempDir();
        dir.Write("base/portkey/permission.json", Permission);
        dir.Write("head/portkey/permission.json", Permission.Substring(0, 120));
        dir.Write("base/logs/permission.json", Lint.Permission("""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}"""));
        dir.Write("head/logs/permission.json", Lint.Permission("""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::*"}"""));
        var (exit, output, err) = CliRunner.Run(new[] { "diff", Path.Combine(dir.Path, "base"), Path.Combine(dir.Path, "head") });
        Assert.Equal(2, exit);
        Assert.Matches(@"portkey[/\\]permission\.json\(\d+,\d+\): error: .*the role portkey is left out of the diff", output + err);
        Assert.Contains(Parse(output), f => f.Rule == "PC6002" && f.Message.Contains("arn:aws:s3:::*"));
        Assert.Contains("incomplete", err);
    }

    [Fact]
    public void Output_OntoAnInputFile_IsRefused_TheFileKept()
    {
        using var dir = new TempDir();
        string b = dir.Write("base/p/permission.json", Permission);
        dir.Write("head/p/permission.json", Permission);
        var (exit, _, err) = CliRunner.Run(new[] { "diff", Path.Combine(dir.Path, "base"), Path.Combine(dir.Path, "head"), "--output", b });
        Assert.Equal(2, exit);
        Assert.Contains("this run reads that file", err);
        Assert.Equal(Permission, File.ReadAllText(b));
        // Nearest safe variant: a new file beside the inputs is written.
        string report = Path.Combine(dir.Path, "report.json");
        Assert.Equal(0, CliRunner.Run(new[] { "diff", Path.Combine(dir.Path, "base"), Path.Combine(dir.Path, "head"), "--output", report, "--format", "json" }).Exit);
        Assert.Contains("\"diagnostics\"", File.ReadAllText(report));
    }

    [Fact]
    public void UsageErrors_AreExit2()
    {
        Assert.Equal(2, CliRunner.Run(new[] { "diff", "only-one" }).Exit);
        var (exit, _, err) = CliRunner.Run(new[] { "diff", "a", "b", "--bogus" });
        Assert.Equal(2, exit);
        Assert.Contains("--bogus", err);
    }

    [Fact]
    public async System.Threading.Tasks.Task Sarif_AndJson_CarryTheFindings()
    {
        string head = Permission.Replace("logs/portkey/*", "logs/*");
        var (_, _, sarif, _) = Diff(head, Trust, "--format", "sarif");
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(Lint.Repo, "..", "shared", "schemas", "sarif-schema-2.1.0.json")));
        var errors = schema.Validate(sarif);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
        Assert.Contains("\"ruleId\": \"PC6002\"", sarif);
        var (_, _, json, _) = Diff(head, Trust, "--format", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var d = Assert.Single(doc.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("new-access", d.GetProperty("name").GetString());
        var (_, _, github, _) = Diff(head, Trust, "--format", "github");
        Assert.StartsWith("::warning file=", github.Trim());
    }
}
