using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace PolicyCheck.Tests.Inputs;

/// <summary>Terraform plan JSON (`terraform show -json`): the same findings as the raw policies, at the plan's own positions.</summary>
public sealed class TerraformPlanTests
{
    private static string Plan => Path.Combine(Lint.Repo, "examples", "terraform", "plan.json");

    private static string Location(JsonElement d) => d.TryGetProperty("location", out var l) ? l.GetString()! : string.Empty;

    private static JsonElement[] Findings(params string[] args)
    {
        var (_, output, _) = CliRunner.Run(new[] { "lint" }.Concat(args).Concat(new[] { "--format", "json" }).ToArray());
        return JsonDocument.Parse(output).RootElement.GetProperty("diagnostics").EnumerateArray().ToArray();
    }

    [Fact]
    public void GatewayRole_HasTheSameFindingsAsTheRawPolicies()
    {
        static string Finding(JsonElement d) => $"{d.GetProperty("ruleId").GetString()} {d.GetProperty("severity").GetString()} {d.GetProperty("message").GetString()}";
        var plan = Findings(Plan).Where(d => Location(d).StartsWith("aws_iam_role.portkey")).Select(Finding).OrderBy(x => x);
        var raw = Findings(Path.Combine(Lint.Repo, "examples", "terraform", "raw")).Select(Finding).OrderBy(x => x);
        Assert.Equal(raw, plan);
    }

    [Fact]
    public void Findings_PointIntoThePlanFile()
    {
        var lines = File.ReadAllLines(Plan);
        var weak = Findings(Plan).Single(d => d.GetProperty("ruleId").GetString() == "PC3006");
        int line = weak.GetProperty("line").GetInt32(), column = weak.GetProperty("column").GetInt32();
        Assert.StartsWith("\\\"StringLike\\\"", lines[line - 1].Substring(column - 1));
        var bedrock = Findings(Plan).Single(d => d.GetProperty("ruleId").GetString() == "PC2001");
        Assert.StartsWith("\\\"bedrock:InvokeModel\\\"", lines[bedrock.GetProperty("line").GetInt32() - 1].Substring(bedrock.GetProperty("column").GetInt32() - 1));
        Assert.Equal("aws_iam_role.portkey inline_policy claude", bedrock.GetProperty("location").GetString());
    }

    [Fact]
    public void OtherRolesInModules_GetOnlyTheGeneralRules()
    {
        var task = Findings(Plan).Where(d => Location(d).StartsWith("module.app")).ToArray();
        Assert.Contains(task, d => d.GetProperty("ruleId").GetString() == "PC1022");
        Assert.DoesNotContain(task, d => !d.GetProperty("ruleId").GetString()!.StartsWith("PC1"));
    }

    [Fact]
    public void UnknownValues_AreANote_NotASilentPass()
    {
        var note = Findings(Plan).Single(d => d.GetProperty("ruleId").GetString() == "PC1034");
        Assert.Equal("note", note.GetProperty("severity").GetString());
        Assert.Contains("aws_iam_role.later", note.GetProperty("message").GetString());
    }

    [Fact]
    public void UnknownFormatVersion_IsAClearError()
    {
        using var dir = new TempDir();
        var path = dir.Write("plan.json", File.ReadAllText(Plan).Replace("\"format_version\": \"1.2\"", "\"format_version\": \"2.0\""));
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path });
        Assert.Equal(2, exit);
        Assert.Contains("""format_version "2.0" is not supported""", output + err);
    }

    private static string RolePlan(string assumeRolePolicy) => """
        {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
          {"address": "aws_iam_role.gw", "mode": "managed", "type": "aws_iam_role", "name": "gw",
           "values": {"name": "gw"ASSUME, "inline_policy": [{"name": "", "policy": ""}]}}]}}}
        """.Replace("ASSUME", assumeRolePolicy);

    [Theory]
    [InlineData("", "assume_role_policy is missing")]
    [InlineData(""", "assume_role_policy": null""", "assume_role_policy is null")]
    [InlineData(""", "assume_role_policy": {"Version": "2012-10-17", "Statement": []}""", "assume_role_policy is an object")]
    [InlineData(""", "assume_role_policy": 42""", "assume_role_policy is a number")]
    [InlineData(""", "assume_role_policy": "  " """, "assume_role_policy is empty")]
    public void RoleWithoutATrustPolicyText_IsAnError_NotDropped(string assume, string expected)
    {
        using var dir = new TempDir();
        var path = dir.Write("plan.json", RolePlan(assume));
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path });
        Assert.True(exit == 2, output + err);
        Assert.Contains("plan.json(", output + err);
        Assert.Contains("aws_iam_role.gw: " + expected, output + err);
    }

    [Fact]
    public void RoleWithATrustPolicyText_AndNoInlinePolicies_IsRead()
    {
        // The nearest safe variant: the trust policy as text, and the provider's empty inline_policy block.
        using var dir = new TempDir();
        var path = dir.Write("plan.json", RolePlan(""", "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}" """));
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path });
        Assert.True(exit == 0, output + err);
        Assert.Contains("in 1 policy", output + err);
    }

    [Fact]
    public void Attachments_DataDocuments_AndManagedPoliciesCount()
    {
        string trust = JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::299329113195:role/portkey-app"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"abc-123-def"}}}]}""");
        string data = JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b"}]}""");
        string plan = """{"format_version":"1.2","planned_values":{"root_module":{"resources":[""" +
            """{"address":"aws_iam_role.gw","mode":"managed","type":"aws_iam_role","values":{"name":"gw","assume_role_policy":""" + trust + "}}," +
            """{"address":"aws_iam_role_policy_attachment.gw","mode":"managed","type":"aws_iam_role_policy_attachment","values":{"role":"gw","policy_arn":"arn:aws:iam::aws:policy/AnthropicInferenceAccess"}}]}},""" +
            "\"prior_state\":{\"values\":{\"root_module\":{\"resources\":[{\"address\":\"data.aws_iam_policy_document.s3\",\"mode\":\"data\",\"type\":\"aws_iam_policy_document\",\"values\":{\"json\":" + data + "}}]}}}}";
        using var dir = new TempDir();
        var path = dir.Write("plan.json", plan);
        var found = Findings(path);
        // The attached AWS managed policy grants the gateway's actions: no PC2002 for the role.
        Assert.DoesNotContain(found, d => d.GetProperty("ruleId").GetString() == "PC2002");
        // The data source is linted with the general rules: GetObject on the bucket ARN grants nothing.
        Assert.Contains(found, d => d.GetProperty("ruleId").GetString() == "PC1024" && Location(d) == "data.aws_iam_policy_document.s3");
    }

    [Theory]
    [InlineData("")]
    [InlineData("module.gw.")]
    public void CustomerPolicyAttachedByReference_JoinsTheRole(string module)
    {
        string trust = JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::299329113195:role/portkey-app"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ext-id-123"}}}]}""");
        string Grant(string action) => JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"aws-external-anthropic:""" + action + "\",\"Resource\":\"arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/*\"}]}");
        string resources = "[" +
            "{\"address\":\"" + module + """aws_iam_role.gw","mode":"managed","type":"aws_iam_role","values":{"assume_role_policy":""" + trust + ""","inline_policy":[{"name":"tokens","policy":""" + Grant("CountTokens") + "}]}}," +
            "{\"address\":\"" + module + """aws_iam_policy.claude[0]","mode":"managed","type":"aws_iam_policy","values":{"policy":""" + Grant("CreateInference") + "}}," +
            "{\"address\":\"" + module + """aws_iam_role_policy_attachment.claude","mode":"managed","type":"aws_iam_role_policy_attachment","values":{}}]""";
        string config = """{"resources":[{"address":"aws_iam_role_policy_attachment.claude","expressions":{"role":{"references":["aws_iam_role.gw.name","aws_iam_role.gw"]},"policy_arn":{"references":["aws_iam_policy.claude[0].arn","aws_iam_policy.claude"]}}}]}""";
        string rootModule = module.Length == 0
            ? """{"resources":""" + resources + "}"
            : """{"child_modules":[{"address":"module.gw","resources":""" + resources + "}]}";
        string rootConfig = module.Length == 0 ? config : """{"module_calls":{"gw":{"module":""" + config + "}}}";
        string plan = """{"format_version":"1.2","planned_values":{"root_module":""" + rootModule + """},"configuration":{"root_module":""" + rootConfig + "}}";
        using var dir = new TempDir();
        // The role's inline policy grants CountTokens, the attached customer policy CreateInference: together, all the gateway needs.
        var found = Findings(dir.Write("plan.json", plan));
        Assert.DoesNotContain(found, d => d.GetProperty("ruleId").GetString() == "PC2002");
        // Without the configuration's references the attachment cannot be followed, and CreateInference is missing from the role.
        var unlinked = Findings(dir.Write("unlinked/plan.json", plan.Replace("\"policy_arn\":{\"references\"", "\"policy_arn\":{\"unused\"")));
        Assert.Contains(unlinked, d => d.GetProperty("ruleId").GetString() == "PC2002" && d.GetProperty("message").GetString()!.Contains("CreateInference"));
    }

    [Fact]
    public void OddAddresses_InTheConfiguration_AreNoCrash()
    {
        using var dir = new TempDir();
        var path = dir.Write("plan.json", """{"format_version":"1.2","planned_values":{"root_module":{"resources":[""" +
            """{"address":"x","type":"aws_iam_role_policy_attachment","values":{}},""" +
            "{\"address\":\"aws_iam_role.r\",\"type\":\"aws_iam_role\",\"values\":{\"name\":\"r\",\"assume_role_policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\"}}]}}," +
            "\"configuration\":{\"root_module\":{\"resources\":[{\"address\":\"x\",\"expressions\":{\"role\":{\"references\":[\"aws_iam_role\", \"aws_iam_role.\"]},\"policy_arn\":{\"references\":[\"aws_iam_policy\"]}}}]}}}");
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path });
        Assert.True(exit is 0 or 1, output + err);
        Assert.DoesNotContain("internal error", output + err);
    }

    [Fact]
    public void PermissionsBoundary_FromThePlan_LimitsTheRole_AndOneFromOutsideIsANote()
    {
        string trust = JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::299329113195:role/portkey-app"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ext-id-123"}}}]}""");
        string grant = JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["aws-external-anthropic:CreateInference","aws-external-anthropic:CountTokens"],"Resource":"arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/*"}]}""");
        string boundary = JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"aws-external-anthropic:CreateInference","Resource":"*"}]}""");
        string plan = """{"format_version":"1.2","planned_values":{"root_module":{"resources":[""" +
            """{"address":"aws_iam_role.gw","type":"aws_iam_role","values":{"assume_role_policy":""" + trust + ""","inline_policy":[{"name":"claude","policy":""" + grant + "}]BOUNDARY}}," +
            """{"address":"aws_iam_policy.boundary","type":"aws_iam_policy","values":{"policy":""" + boundary + "}}]}}," +
            "\"configuration\":{\"root_module\":{\"resources\":[{\"address\":\"aws_iam_role.gw\",\"expressions\":{\"permissions_boundary\":{\"references\":[\"aws_iam_policy.boundary.arn\",\"aws_iam_policy.boundary\"]}}}]}}}";
        using var dir = new TempDir();
        var found = Findings(dir.Write("plan.json", plan.Replace("BOUNDARY", string.Empty)));
        // The boundary leaves out CountTokens: the role cannot call it whatever its own policy says.
        Assert.Contains(found, d => d.GetProperty("ruleId").GetString() == "PC2002"
            && d.GetProperty("message").GetString() == "aws-external-anthropic:CountTokens (needed for feature count_tokens) is allowed by the role's policies but not by its permissions boundary aws_iam_policy.boundary");
        Assert.DoesNotContain(found, d => d.GetProperty("ruleId").GetString() == "PC2002" && d.GetProperty("message").GetString()!.Contains("CreateInference is"));
        // The boundary policy itself is not held to the gateway's needs.
        Assert.DoesNotContain(found, d => Location(d) == "aws_iam_policy.boundary" && d.GetProperty("ruleId").GetString()!.StartsWith("PC2"));

        var outside = Findings(dir.Write("outside/plan.json", plan.Replace("BOUNDARY", ",\"permissions_boundary\":\"arn:aws:iam::111122223333:policy/org\"").Replace("\"permissions_boundary\":{\"references\"", "\"permissions_boundary\":{\"unused\"")));
        Assert.Contains(outside, d => d.GetProperty("ruleId").GetString() == "PC1034" && d.GetProperty("message").GetString()!.Contains("permissions boundary arn:aws:iam::111122223333:policy/org is not in this plan"));
        Assert.DoesNotContain(outside, d => d.GetProperty("ruleId").GetString() == "PC2002" && Location(d).StartsWith("aws_iam_role.gw"));
    }
}

/// <summary>A data aws_iam_policy_document a role uses is linted once, with the role.</summary>
public sealed class TerraformPolicyDocumentTests
{
    private const string Trust = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:aws:iam::299329113195:role/portkey-app\\\"},\\\"Action\\\":\\\"sts:AssumeRole\\\",\\\"Condition\\\":{\\\"StringLike\\\":{\\\"sts:ExternalId\\\":\\\"pk-*\\\"}}}]}";

    private static string Plan(bool used) => $$"""
        {
          "format_version": "1.2",
          "planned_values": { "root_module": { "resources": [
            { "address": "aws_iam_role.portkey", "mode": "managed", "type": "aws_iam_role", "name": "portkey",
              "values": { "name": "portkey", "assume_role_policy": "{{(used ? Trust : Trust.Replace("pk-*", "other-*"))}}" } }
          ] } },
          "prior_state": { "values": { "root_module": { "resources": [
            { "address": "data.aws_iam_policy_document.trust", "mode": "data", "type": "aws_iam_policy_document", "name": "trust",
              "values": { "json": "{{Trust}}" } }
          ] } } }
        }
        """;

    private static int Weak(string plan)
    {
        using var dir = new TempDir();
        var (_, output, _) = CliRunner.Run(new[] { "lint", dir.Write("plan.json", plan), "--format", "json" });
        return JsonDocument.Parse(output).RootElement.GetProperty("diagnostics").EnumerateArray().Count(d => d.GetProperty("ruleId").GetString() == "PC3006");
    }

    [Fact]
    public void UsedByARole_ReportedOnce()
        => Assert.Equal(1, Weak(Plan(used: true)));

    [Fact]
    public void NotUsedByARole_StillLintedOnItsOwn()
        => Assert.Equal(2, Weak(Plan(used: false)));
}
