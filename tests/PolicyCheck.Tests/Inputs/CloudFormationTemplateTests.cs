using PolicyCheck.Json;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace PolicyCheck.Tests.Inputs;

/// <summary>CloudFormation templates (YAML and JSON) and CDK assemblies: the same findings as the raw policies, at the template's positions.</summary>
public sealed class CloudFormationTemplateTests
{
    private static string Example(params string[] parts) => Path.Combine(new[] { Lint.Repo, "examples" }.Concat(parts).ToArray());
    private static string Template => Example("cloudformation", "portkey-role.yaml");
    private static string Parameters => Example("cloudformation", "parameters.json");

    private static string Location(JsonElement d) => d.TryGetProperty("location", out var l) ? l.GetString()! : string.Empty;
    private static string Rule(JsonElement d) => d.GetProperty("ruleId").GetString()!;
    private static string Finding(JsonElement d) => $"{Rule(d)} {d.GetProperty("severity").GetString()} {d.GetProperty("message").GetString()}";

    /// <summary>Portkey's principal with the external ID: the trust policy most tests need.</summary>
    private const string TrustedRole = "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n" +
        "        Statement:\n          - Effect: Allow\n            Principal: {AWS: \"arn:aws:iam::299329113195:role/portkey-app\"}\n            Action: sts:AssumeRole\n" +
        "            Condition: {StringEquals: {sts:ExternalId: ext-id-123}}\n";

    /// <summary>A template with the gateway's role: top sections before Resources, more properties of the role, more resources.</summary>
    private static string GatewayTemplate(string roleProperties, string resources = "", string sections = "")
        => "AWSTemplateFormatVersion: \"2010-09-09\"\n" + Indent(sections, 0) + TrustedRole + Indent(roleProperties, 6) + Indent(resources, 2);

    private static string Indent(string text, int by)
        => text.Length == 0 ? string.Empty : string.Concat(text.Split('\n').Select(l => (l.Length > 0 ? new string(' ', by) + l : l) + "\n"));

    private static JsonElement[] Findings(params string[] args)
    {
        var (exit, output, err) = CliRunner.Run(new[] { "lint" }.Concat(args).Concat(new[] { "--format", "json" }).ToArray());
        Assert.True(exit is 0 or 1, $"exit {exit}: {output}{err}");
        return JsonDocument.Parse(output).RootElement.GetProperty("diagnostics").EnumerateArray().ToArray();
    }

    private static string At(string path, JsonElement d)
    {
        var lines = File.ReadAllLines(path);
        return lines[d.GetProperty("line").GetInt32() - 1].Substring(d.GetProperty("column").GetInt32() - 1);
    }

    [Fact]
    public void SeedRole_HasTheSameFindingsAsTheRawPolicies()
    {
        var template = Findings(Template, "--parameters", Parameters).Where(d => Location(d).StartsWith("PortkeyClaudeRole")).Select(Finding).OrderBy(x => x);
        var raw = Findings(Example("terraform", "raw")).Select(Finding).OrderBy(x => x);
        Assert.Equal(raw, template);
        Assert.NotEmpty(raw);
    }

    [Fact]
    public void Findings_PointAtTheTemplatesOwnLines()
    {
        var found = Findings(Template, "--parameters", Parameters);
        var bedrock = found.Single(d => Rule(d) == "PC2001");
        Assert.StartsWith("bedrock:InvokeModel", At(Template, bedrock));
        Assert.Equal("PortkeyClaudeRole Policies[claude]", Location(bedrock));
        var weak = found.Single(d => Rule(d) == "PC3006");
        Assert.StartsWith("StringLike:", At(Template, weak));
        Assert.Equal("PortkeyClaudeRole AssumeRolePolicyDocument", Location(weak));
    }

    [Fact]
    public void PseudoParameters_WithoutValues_AreOneNoteEach_AndNoFindingAboutTheStandIn()
    {
        var found = Findings(Template);
        var notes = found.Where(d => Rule(d) == "PC1034").ToArray();
        Assert.Equal(2, notes.Length);
        Assert.Contains(notes, n => n.GetProperty("message").GetString()!.StartsWith("AWS::AccountId is known only at deployment"));
        Assert.All(notes, n => Assert.Equal("note", n.GetProperty("severity").GetString()));
        // The stand-in matches nothing and is not itself reported as a malformed ARN or a mismatch.
        Assert.DoesNotContain(found, d => Rule(d) != "PC1034" && d.GetProperty("message").GetString()!.Contains('\u00AB'));
        // The real mistakes are still found.
        Assert.Contains(found, d => Rule(d) == "PC2001");
        Assert.Contains(found, d => Rule(d) == "PC3006");
    }

    [Fact]
    public void FindingsThatDependOnUnknownValues_AreNotes_RealOnesStayErrors()
    {
        using var dir = new TempDir();
        dir.Write("policycheck.yml", "gateway:\n  region: us-east-1\n  account: \"111122223333\"\n  workspace: wrkspc_01abc\n");
        string template = GatewayTemplate("""
            Policies:
              - PolicyName: p
                PolicyDocument:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: [aws-external-anthropic:CreateInference, ACTION2]
                      Resource: !Sub "arn:aws:aws-external-anthropic:${AWS::Region}:${AWS::AccountId}:workspace/${WorkspaceId}"
            """, sections: """
            Parameters:
              WorkspaceId: {Type: String}
            """);
        // The workspace is unknown: whether the Resource covers wrkspc_01abc cannot be decided, so it is a note.
        var path = dir.Write("t.yaml", template.Replace("ACTION2", "aws-external-anthropic:CountTokens"));
        var found = Findings(path);
        Assert.DoesNotContain(found, d => d.GetProperty("severity").GetString() == "error");
        Assert.Contains(found, d => Rule(d) == "PC2002" && d.GetProperty("severity").GetString() == "note"
            && d.GetProperty("message").GetString()!.Contains("depends on values not known before deployment"));
        // The note is the engine's finding made a note: it keeps its fix and its proof trace.
        var note = Findings(path, "--verbose").First(d => Rule(d) == "PC2002" && d.GetProperty("severity").GetString() == "note");
        Assert.False(string.IsNullOrEmpty(note.GetProperty("fix").GetString()));
        Assert.True(note.GetProperty("trace").GetArrayLength() > 0);
        // CountTokens missing altogether is wrong whatever the workspace: still an error.
        var missing = dir.Write("t.yaml", template.Replace("ACTION2", "aws-external-anthropic:GetFile"));
        Assert.Contains(Findings(missing), d => Rule(d) == "PC2002" && d.GetProperty("severity").GetString() == "error"
            && d.GetProperty("message").GetString()!.Contains("CountTokens"));
    }

    [Fact]
    public void OtherRolesInTheStack_GetOnlyTheGeneralRules()
    {
        using var dir = new TempDir();
        var path = dir.Write("t.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              TaskRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - {Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}
                  Policies:
                    - PolicyName: s3
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - {Effect: Allow, Action: s3:GetObjekt, Resource: "arn:aws:s3:::bucket/*"}
            """);
        var found = Findings(path);
        Assert.Contains(found, d => Rule(d) == "PC1022"); // GetObjekt is not an S3 action
        Assert.DoesNotContain(found, d => !Rule(d).StartsWith("PC1"));
    }

    [Fact]
    public void CdkAssembly_HasTheSameFindingsAsTheRawPolicies_WithTheConstructPath()
    {
        string assembly = Example("cdk", "cdk.out");
        var cdk = Findings(assembly);
        var raw = Findings(Example("cdk", "raw"));
        Assert.Equal(raw.Select(Finding).OrderBy(x => x), cdk.Select(Finding).OrderBy(x => x));
        var misspelled = cdk.Single(d => Rule(d) == "PC3001");
        Assert.Equal("PortkeyStack/PortkeyClaudeRole/Resource AssumeRolePolicyDocument", Location(misspelled));
        Assert.StartsWith("\"arn:aws:iam::299329113195:role/portkey-ap\"", At(Path.Combine(assembly, "PortkeyStack.template.json"), misspelled));
        // The manifest's environment gives the account and region: no unknown values.
        Assert.DoesNotContain(cdk, d => Rule(d) == "PC1034");
    }

    [Fact]
    public void CdkManifest_NamedDirectly_StandsForItsTemplates_NestedStagesIncluded()
    {
        using var dir = new TempDir();
        string source = Example("cdk", "cdk.out");
        Directory.CreateDirectory(Path.Combine(dir.Path, "assembly-Prod"));
        foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(dir.Path, "assembly-Prod", Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(dir.Path, "manifest.json"),
            """{"version": "36.0.0", "artifacts": {"assembly-Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod", "displayName": "Prod"}}}}""");
        var found = Findings(Path.Combine(dir.Path, "manifest.json"));
        var misspelled = found.Single(d => Rule(d) == "PC3001");
        Assert.EndsWith(Path.Combine("assembly-Prod", "PortkeyStack.template.json"), misspelled.GetProperty("path").GetString());

        File.Delete(Path.Combine(dir.Path, "assembly-Prod", "PortkeyStack.template.json"));
        var (exit, output, err) = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "manifest.json") });
        Assert.Equal(2, exit);
        Assert.Contains("which does not exist (run cdk synth again?)", output + err);
    }

    [Fact]
    public void CdkTemplateWithoutPathMetadata_TakesTheConstructPathFromTheManifest()
    {
        using var dir = new TempDir();
        string source = Example("cdk", "cdk.out");
        foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(dir.Path, Path.GetFileName(f)));
        string template = Path.Combine(dir.Path, "PortkeyStack.template.json");
        var text = File.ReadAllText(template).Replace("\"aws:cdk:path\"", "\"not:cdk:path\"");
        File.WriteAllText(template, text);
        var misspelled = Findings(dir.Path).Single(d => Rule(d) == "PC3001");
        Assert.Equal("PortkeyStack/PortkeyClaudeRole/Resource AssumeRolePolicyDocument", Location(misspelled));
    }

    [Fact]
    public void ShortAndLongForms_ReadTheSame()
    {
        using var dir = new TempDir();
        var yaml = dir.Write("short.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Ws: {Type: String, Default: wrkspc_01abc}
            Mappings:
              Accounts: {prod: {Id: "111122223333"}}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: !Join [":", [arn, aws, iam, "", "299329113195", role/portkey-app]]}
                        Action: sts:AssumeRole
                        Condition: {StringEquals: {sts:ExternalId: !Select [1, !Split [",", "a,ext-id-123,c"]]}}
                  Policies:
                    - PolicyName: p
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Action: [bedrock:CreateInference]
                            Resource: !Sub
                              - "arn:aws:aws-external-anthropic:us-east-1:${Acct}:workspace/${Ws}"
                              - Acct: !FindInMap [Accounts, prod, Id]
            """);
        var json = dir.Write("long/long.json", """
            {"AWSTemplateFormatVersion": "2010-09-09",
             "Parameters": {"Ws": {"Type": "String", "Default": "wrkspc_01abc"}},
             "Mappings": {"Accounts": {"prod": {"Id": "111122223333"}}},
             "Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {
               "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Principal": {"AWS": {"Fn::Join": [":", ["arn", "aws", "iam", "", "299329113195", "role/portkey-app"]]}},
                 "Action": "sts:AssumeRole",
                 "Condition": {"StringEquals": {"sts:ExternalId": {"Fn::Select": [1, {"Fn::Split": [",", "a,ext-id-123,c"]}]}}}}]},
               "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Action": ["bedrock:CreateInference"],
                 "Resource": {"Fn::Sub": ["arn:aws:aws-external-anthropic:us-east-1:${Acct}:workspace/${Ws}", {"Acct": {"Fn::FindInMap": ["Accounts", "prod", "Id"]}}]}}]}}]}}}}
            """);
        var a = Findings(yaml).Select(d => Rule(d) + " " + d.GetProperty("message").GetString()).OrderBy(x => x).ToArray();
        var b = Findings(json).Select(d => Rule(d) + " " + d.GetProperty("message").GetString()).OrderBy(x => x).ToArray();
        Assert.Equal(a, b);
        Assert.Contains(a, x => x.StartsWith("PC2001"));
        Assert.DoesNotContain(a, x => x.StartsWith("PC1034") || x.StartsWith("PC3001") || x.StartsWith("PC2004"));
    }

    [Fact]
    public void FnIf_ChecksBothBranches()
    {
        using var dir = new TempDir();
        var path = dir.Write("if.yaml", GatewayTemplate("""
            Policies:
              - PolicyName: p
                PolicyDocument:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: !If
                        - UseLegacy
                        - [bedrock:CreateInference, bedrock:CountTokens]
                        - [aws-external-anthropic:CreateInference, aws-external-anthropic:CountTokens]
                      Resource: "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/*"
            """, sections: """
            Parameters:
              Legacy: {Type: String, Default: "no"}
            Conditions:
              UseLegacy: !Equals [!Ref Legacy, "yes"]
            """));
        var found = Findings(path);
        var wrong = found.Where(d => Rule(d) == "PC2001").ToArray();
        Assert.Equal(2, wrong.Length); // both actions of the UseLegacy branch
        Assert.All(wrong, d => Assert.Equal("Role Policies[p] (if UseLegacy)", Location(d)));
        Assert.DoesNotContain(found, d => Location(d).Contains("(if not UseLegacy)") && Rule(d) != "PC2002");

        // The same mistake in the other branch is found too: both branches really are checked.
        var falseBranch = dir.Write("false/if.yaml", File.ReadAllText(path).Replace(
            "- [bedrock:CreateInference, bedrock:CountTokens]\n                  - [aws-external-anthropic:CreateInference, aws-external-anthropic:CountTokens]",
            "- [aws-external-anthropic:CreateInference, aws-external-anthropic:CountTokens]\n                  - [bedrock:CreateInference, bedrock:CountTokens]"));
        var inFalse = Findings(falseBranch).Where(d => Rule(d) == "PC2001").ToArray();
        Assert.Equal(2, inFalse.Length);
        Assert.All(inFalse, d => Assert.Equal("Role Policies[p] (if not UseLegacy)", Location(d)));
    }

    [Fact]
    public void RolesNoConditionTouches_AreReadOnce()
    {
        string yaml = """
            AWSTemplateFormatVersion: "2010-09-09"
            Conditions:
              A: !Equals [x, y]
              B: !Equals [x, z]
            Resources:
              Plain:
                Type: AWS::IAM::Role
                Properties:
                  Tags: [{Key: k, Value: !If [A, a, b]}]
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}
              Branchy:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: !If [B, lambda.amazonaws.com, ecs-tasks.amazonaws.com]}, Action: sts:AssumeRole}]}
            """;
        var root = (PolicyCheck.Json.SourceObject)PolicyCheck.Inputs.CloudFormation.TemplateYaml.Load(yaml, out var failure)!;
        Assert.Null(failure);
        var read = PolicyCheck.Inputs.CloudFormation.CloudFormationTemplate.Read("t.yaml", yaml, root, new System.Collections.Generic.Dictionary<string, string>(),
            new PolicyCheck.Config.GatewayConfig(), Lint.Facts, new PolicyCheck.Engine.ManagedPolicies(Lint.Facts), new System.Collections.Generic.List<PolicyCheck.Json.Problem>());
        // Four combinations of A and B; the Tags' If does not touch a policy, so Plain is read once, Branchy once per value of B.
        Assert.Equal(new[] { "Branchy (if B)", "Branchy (if not B)", "Plain" }, read.Roles.Select(r => r.Name).OrderBy(x => x, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Attachments_ByRef_AndManagedPolicies_CountInTheProofs()
    {
        using var dir = new TempDir();
        var path = dir.Write("attach.yaml", GatewayTemplate("""
            ManagedPolicyArns:
              - !Ref Inference
            """, """
            Inference:
              Type: AWS::IAM::ManagedPolicy
              Properties:
                PolicyDocument:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: aws-external-anthropic:CreateInference
                      Resource: "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/*"
            Tokens:
              Type: AWS::IAM::RolePolicy
              Properties:
                RoleName: !Ref Role
                PolicyName: tokens
                PolicyDocument:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: aws-external-anthropic:CountTokens
                      Resource: "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/*"
            """));
        var found = Findings(path);
        Assert.DoesNotContain(found, d => Rule(d) == "PC2002");

        // Without the RolePolicy, CountTokens is missing: the attachment really is what made it pass.
        var without = dir.Write("without/attach.yaml", File.ReadAllText(path).Replace("RoleName: !Ref Role", "RoleName: other-role"));
        Assert.Contains(Findings(without), d => Rule(d) == "PC2002" && d.GetProperty("message").GetString()!.Contains("CountTokens"));

        // The same attachment through !GetAtt (ManagedPolicy.PolicyArn) is followed too.
        var getAtt = dir.Write("getatt/attach.yaml", File.ReadAllText(path).Replace("- !Ref Inference", "- !GetAtt Inference.PolicyArn"));
        Assert.DoesNotContain(Findings(getAtt), d => Rule(d) == "PC2002");

        // An AWS managed policy by ARN (through !Sub and AWS::Partition) counts too.
        var managed = dir.Write("managed/attach.yaml", File.ReadAllText(path).Replace("- !Ref Inference", "- !Sub arn:${AWS::Partition}:iam::aws:policy/AnthropicInferenceAccess"));
        Assert.DoesNotContain(Findings(managed), d => Rule(d) == "PC2002" && d.GetProperty("message").GetString()!.Contains("CreateInference"));
    }

    [Fact]
    public void PermissionsBoundary_ThatLeavesOutAnAction_BlocksIt()
    {
        using var dir = new TempDir();
        var path = dir.Write("boundary.yaml", GatewayTemplate("""
            PermissionsBoundary: !Ref Boundary
            Policies:
              - PolicyName: p
                PolicyDocument:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: [aws-external-anthropic:CreateInference, aws-external-anthropic:CountTokens]
                      Resource: "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/*"
            """, """
            Boundary:
              Type: AWS::IAM::ManagedPolicy
              Properties:
                PolicyDocument:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: aws-external-anthropic:CreateInference
                      Resource: "*"
            """));
        var found = Findings(path);
        Assert.Contains(found, d => Rule(d) == "PC2002"
            && d.GetProperty("message").GetString() == "aws-external-anthropic:CountTokens (needed for feature count_tokens) is allowed by the role's policies but not by its permissions boundary Boundary PolicyDocument");
        Assert.DoesNotContain(found, d => Rule(d) == "PC2002" && d.GetProperty("message").GetString()!.Contains("CreateInference"));

        // A boundary from outside the template cannot be checked: one note, never a silent pass.
        var outside = dir.Write("outside/boundary.yaml", File.ReadAllText(path).Replace("PermissionsBoundary: !Ref Boundary", "PermissionsBoundary: arn:aws:iam::111122223333:policy/org-boundary"));
        var note = Findings(outside).Single(d => Rule(d) == "PC1034");
        Assert.Contains("permissions boundary arn:aws:iam::111122223333:policy/org-boundary is not in this template", note.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""[{"ParameterKey": "AWS::AccountId", "ParameterValue": "111122223333"}, {"ParameterKey": "AWS::Region", "ParameterValue": "us-west-2"}]""", "p.json")]
    [InlineData("""{"Parameters": {"AWS::AccountId": "111122223333", "AWS::Region": "us-west-2"}}""", "p.json")]
    [InlineData("AWS::AccountId: \"111122223333\"\nAWS::Region: us-west-2\n", "p.yaml")]
    public void ParametersFile_EveryFormat_FillsTheValues(string content, string name)
    {
        using var dir = new TempDir();
        var parameters = dir.Write(name, content);
        var found = Findings(Template, "--parameters", parameters);
        Assert.DoesNotContain(found, d => Rule(d) == "PC1034");
    }

    [Theory]
    [InlineData("""[{"Key": "x"}]""", "each entry must be")]
    [InlineData("""{"x": {"nested": 1}}""", """parameter "x" must be a string""")]
    [InlineData("[1,", "p.json(1,")]
    public void BadParametersFile_IsAClearError(string content, string expected)
    {
        using var dir = new TempDir();
        var parameters = dir.Write("p.json", content);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", Template, "--parameters", parameters });
        Assert.Equal(2, exit);
        Assert.Contains(expected, output + err);
    }

    [Fact]
    public void NoEchoParameterValues_AreNeverPrinted()
    {
        using var dir = new TempDir();
        var path = dir.Write("secret.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              ExternalId: {Type: String, NoEcho: true, Default: "zz-secret-external-id-42"}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: "arn:aws:iam::299329113195:role/portkey-app"}
                        Action: sts:AssumeRole
                        Condition: {StringLike: {sts:ExternalId: !Ref ExternalId}}
            """);
        foreach (var format in new[] { "text", "json", "sarif", "github", "junit" })
        {
            var (_, output, err) = CliRunner.Run(new[] { "lint", path, "--verbose", "--format", format });
            Assert.Contains("PC3006", output + err);
            Assert.DoesNotContain("zz-secret-external-id-42", output + err);
        }
    }

    [Fact]
    public void RulesSectionTags_AreKnown()
    {
        using var dir = new TempDir();
        var path = dir.Write("rules.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Env: {Type: String, Default: dev}
            Rules:
              OnlyKnownEnvs:
                Assertions:
                  - Assert: !Contains [[dev, prod], !Ref Env]
                  - Assert: !EachMemberIn [!ValueOfAll ["AWS::EC2::Subnet::Id", VpcId], !RefAll "AWS::EC2::VPC::Id"]
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
            """);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path });
        Assert.True(exit == 0, output + err);
        Assert.Contains("in 1 policy", err);
    }

    [Fact]
    public void TemplateWithoutIamResources_IsNoPolicyFound_NotAPass()
    {
        using var dir = new TempDir();
        var path = dir.Write("bucket.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");
        var (exit, _, err) = CliRunner.Run(new[] { "lint", path });
        Assert.Equal(2, exit);
        Assert.Contains("no policy found", err);
    }

    [Fact]
    public void PoliciesWrittenAsText_PointInsideTheText()
    {
        using var dir = new TempDir();
        var yaml = dir.Write("block.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: !Sub |
                    {
                      "Version": "2012-10-17",
                      "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"},
                                     "Action": "sts:AssumeRole", "Condition": {"StringLike": {"sts:ExternalId": "ext-id-123"}}}]
                    }
            """);
        var weak = Findings(yaml).Single(d => Rule(d) == "PC3006");
        Assert.StartsWith("\"StringLike\"", At(yaml, weak));
        Assert.Equal(10, weak.GetProperty("line").GetInt32());
        // --fix reaches inside the block scalar too.
        var (exit, output, err) = CliRunner.Run(new[] { "lint", yaml, "--fix" });
        Assert.True(exit == 0, output + err);
        Assert.Contains("""{"StringEquals": {"sts:ExternalId": "ext-id-123"}}""", File.ReadAllText(yaml));

        var json = dir.Write("string/t.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"Role\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\n" +
            "  \"AssumeRolePolicyDocument\": \"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\", \\\"Principal\\\": {\\\"AWS\\\": \\\"arn:aws:iam::299329113195:role/portkey-app\\\"}, \\\"Action\\\": \\\"sts:AssumeRole\\\", \\\"Condition\\\": {\\\"StringLike\\\": {\\\"sts:ExternalId\\\": \\\"*\\\"}}}]}\"}}}}");
        var inString = Findings(json).Single(d => Rule(d) == "PC3006");
        Assert.StartsWith("\\\"StringLike\\\"", At(json, inString));
    }

    private static string SubTextPolicy(string action, string end = "}") => GatewayTemplate("""
        Policies:
          - PolicyName: claude
            PolicyDocument: !Sub |
              {
                "Version": "2012-10-17",
                "Statement": [{
                  "Effect": "Allow",
                  "Action": ACTION,
                  "Resource": "arn:aws:aws-external-anthropic:${AWS::Region}:${AWS::AccountId}:workspace/*"
                }]
              END
        """.Replace("ACTION", action).Replace("END", end));

    [Fact]
    public void SubTextPolicy_WithUnknownValues_IsStillChecked()
    {
        using var dir = new TempDir();
        // Wrong namespace and missing actions hold whatever the region and account are: errors, not notes.
        var wrong = Findings(dir.Write("wrong.yaml", SubTextPolicy("\"bedrock:InvokeModel\"")));
        Assert.Contains(wrong, d => Rule(d) == "PC2001" && d.GetProperty("severity").GetString() == "error");
        Assert.Contains(wrong, d => Rule(d) == "PC2002" && d.GetProperty("severity").GetString() == "error");
        // Truncated JSON text is a parse error.
        var truncated = Findings(dir.Write("truncated/t.yaml", SubTextPolicy("\"aws-external-anthropic:CreateInference\"", end: "")));
        Assert.Contains(truncated, d => Rule(d) == "PC1001");
        // The nearest safe variant: the right actions, the same unknowns: only the notes that say what is unknown.
        var right = Findings(dir.Write("right/t.yaml", SubTextPolicy("[\"aws-external-anthropic:CreateInference\", \"aws-external-anthropic:CountTokens\"]")));
        Assert.All(right, d => Assert.Equal("note", d.GetProperty("severity").GetString()));
        Assert.Contains(right, d => Rule(d) == "PC1034" && d.GetProperty("message").GetString()!.Contains("AWS::Region", System.StringComparison.Ordinal));
    }

    [Fact]
    public void WalkedFolder_FindsTemplatesWrittenJsonStyle_OrWithQuotedKeys()
    {
        using var dir = new TempDir();
        const string statement = "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"}, \"Action\": \"sts:AssumeRole\"}";
        dir.Write("json-style.yaml", "{\n  \"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}}}}\n}\n");
        dir.Write("double-quoted.yml", "\"Resources\":\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n          - " + statement + "\n");
        dir.Write("single-quoted.yaml", "'Resources' :\n  R:\n    Type: 'AWS::IAM::Role'\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n          - " + statement + "\n");
        // The nearest safe variant: YAML that mentions AWS:: but has no Resources key is not a template.
        dir.Write("workflow.yml", "name: deploy\non: push\n# deploys AWS::IAM::Role resources\njobs:\n  Resources-check:\n    runs-on: ubuntu-latest\n");
        var found = Findings(dir.Path);
        foreach (var name in new[] { "json-style.yaml", "double-quoted.yml", "single-quoted.yaml" })
            Assert.Contains(found, d => Rule(d) == "PC3005" && d.GetProperty("path").GetString()!.EndsWith(name, System.StringComparison.Ordinal));
        Assert.DoesNotContain(found, d => d.GetProperty("path").GetString()!.EndsWith("workflow.yml", System.StringComparison.Ordinal));
    }

    [Fact]
    public void AnchorsAndAliases_AreFollowed()
    {
        using var dir = new TempDir();
        var path = dir.Write("anchors.yaml", GatewayTemplate("""
            Policies:
              - PolicyName: a
                PolicyDocument:
                  Version: "2012-10-17"
                  Statement:
                    - &claude
                      Effect: Allow
                      Action: [bedrock:CreateInference, aws-external-anthropic:CountTokens]
                      Resource: "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/*"
              - PolicyName: b
                PolicyDocument:
                  Version: "2012-10-17"
                  Statement: [*claude]
            """));
        // Both policies use the anchored statement: one finding, at the anchored text (fixing it there fixes both).
        var wrong = Findings(path).Where(d => Rule(d) == "PC2001").ToArray();
        Assert.Single(wrong);
        Assert.Equal(20, wrong[0].GetProperty("line").GetInt32());
        Assert.Equal("Role Policies[a]", Location(wrong[0]));
        // Without the alias, policy b has no statement: the alias really was followed.
        var broken = dir.Write("b/anchors.yaml", File.ReadAllText(path).Replace("Statement: [*claude]", "Statement: []"));
        Assert.Contains(Findings(broken), d => Location(d) == "Role Policies[b]");
    }

    [Fact]
    public void ImportValue_IsANote_NotASilentPass()
    {
        using var dir = new TempDir();
        var path = dir.Write("import.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: !ImportValue PortkeyPrincipal}
                        Action: sts:AssumeRole
            """);
        var note = Findings(path).Single(d => Rule(d) == "PC1034");
        Assert.Contains("""Fn::ImportValue "PortkeyPrincipal" comes from another stack""", note.GetProperty("message").GetString());
        Assert.Equal(10, note.GetProperty("line").GetInt32());
    }

    [Fact]
    public void YamlFilesThatAreNotTemplates_AreSkippedInFolders_AndRefusedWhenNamed()
    {
        using var dir = new TempDir();
        dir.Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n");
        dir.Write("p.json", Lint.Permission("""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"""));
        var (exit, _, err) = CliRunner.Run(new[] { "lint", dir.Path });
        Assert.Equal(1, exit); // the policy's own findings; the compose file is not an input error
        Assert.Contains("in 1 policy", err);
        Assert.DoesNotContain("docker-compose", err);
        var named = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "docker-compose.yml") });
        Assert.Equal(2, named.Exit);
        Assert.Contains("no Resources with a Type", named.Out + named.Err);
    }
}
