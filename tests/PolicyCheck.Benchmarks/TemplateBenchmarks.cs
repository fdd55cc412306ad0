using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Inputs.CloudFormation;
using PolicyCheck.Json;
using PolicyCheck.Model;

namespace PolicyCheck.Benchmarks;

/// <summary>
/// A CloudFormation template of 100 gateway-shaped roles (trust + inline policy, !Sub/!Ref/!If) read and linted, against
/// the same 200 policies as raw JSON (target: at most 5× the raw policies, as every role has an Fn::If and is checked once per branch).
/// </summary>
[MemoryDiagnoser]
public class TemplateLint
{
    private readonly string _template = Templates.Yaml(100);
    private readonly List<string> _raw = Templates.Raw(100);
    private readonly LintEngine _engine = Mixed.Engine();

    [Benchmark]
    public int Template() => Templates.LintTemplate(_engine, _template);

    [Benchmark(Baseline = true)]
    public int RawJson() => Templates.LintRaw(_engine, _raw);
}

public static class Templates
{
    private const string Trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::299329113195:role/portkey-app\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"ext-id-123\"}}}]}";

    private static string Permission(int i) => "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"aws-external-anthropic:CreateInference\",\"aws-external-anthropic:CountTokens\"],\"Resource\":\"arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/wrkspc_" + i + "\"}]}";

    public static string Yaml(int roles)
    {
        var sb = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Stage: {Type: String, Default: dev}\nConditions:\n  IsProd: !Equals [!Ref Stage, prod]\nResources:\n");
        for (int i = 0; i < roles; i++)
        {
            sb.Append("  Role").Append(i).Append(":\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Sub \"portkey-${Stage}-").Append(i).Append("\"\n");
            sb.Append("      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow\n            Principal: {AWS: \"arn:aws:iam::299329113195:role/portkey-app\"}\n            Action: sts:AssumeRole\n            Condition: {StringEquals: {sts:ExternalId: ext-id-123}}\n");
            sb.Append("      Policies:\n        - PolicyName: claude\n          PolicyDocument:\n            Version: \"2012-10-17\"\n            Statement:\n              - Effect: Allow\n");
            sb.Append("                Action: !If [IsProd, [aws-external-anthropic:CreateInference, aws-external-anthropic:CountTokens], [aws-external-anthropic:CreateInference, aws-external-anthropic:CountTokens]]\n");
            sb.Append("                Resource: !Sub \"arn:${AWS::Partition}:aws-external-anthropic:${AWS::Region}:${AWS::AccountId}:workspace/wrkspc_").Append(i).Append("\"\n");
        }
        return sb.ToString();
    }

    public static List<string> Raw(int roles)
    {
        var list = new List<string>();
        for (int i = 0; i < roles; i++)
        {
            list.Add(Trust);
            list.Add(Permission(i));
        }
        return list;
    }

    public static int LintTemplate(LintEngine engine, string yaml)
    {
        var root = (SourceObject)TemplateYaml.Load(yaml, out _)!;
        var given = new Dictionary<string, string> { ["AWS::AccountId"] = "111122223333", ["AWS::Region"] = "us-west-2" };
        var config = new GatewayConfig();
        var read = CloudFormationTemplate.Read("t.yaml", yaml, root, given, config, BuiltIn.Service, new ManagedPolicies(BuiltIn.Service), new List<Problem>());
        return engine.Lint(read.Roles, config).Count;
    }

    public static int LintRaw(LintEngine engine, List<string> raw)
    {
        var roles = new List<RoleGroup>();
        for (int i = 0; i < raw.Count; i += 2)
        {
            var role = new RoleGroup("r" + i);
            role.Documents.Add(PolicyReader.Read("trust.json", raw[i]));
            role.Documents.Add(PolicyReader.Read("permission.json", raw[i + 1]));
            roles.Add(role);
        }
        return engine.Lint(roles, new GatewayConfig()).Count;
    }

    public static void Quick()
    {
        var engine = Mixed.Engine();
        string yaml = Yaml(100);
        var raw = Raw(100);
        int a = LintTemplate(engine, yaml), b = LintRaw(engine, raw);
        if (a != b) Console.WriteLine($"warning: the template gave {a} findings, the raw policies {b}");
        double template = Best(() => LintTemplate(engine, yaml)), json = Best(() => LintRaw(engine, raw));
        Console.WriteLine($"template lint: 100 roles in {template:N1} ms (both If branches) vs {json:N1} ms as 200 raw JSON policies: {template / json:N2}x (target <= 5x: every role is checked for both If branches)");
    }

    private static double Best(Func<int> run)
    {
        double best = double.MaxValue;
        for (int i = 0; i < 7; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}

public static class TemplateProfile
{
    /// <summary>Where a template lint's time goes (best of 15): YAML parse, resolve, lint.</summary>
    public static void Run()
    {
        var engine = Mixed.Engine();
        string yaml = Templates.Yaml(100);
        var given = new Dictionary<string, string> { ["AWS::AccountId"] = "111122223333", ["AWS::Region"] = "us-west-2" };
        var config = new GatewayConfig();
        double parse = double.MaxValue, read = double.MaxValue, lint = double.MaxValue;
        for (int k = 0; k < 15; k++)
        {
            var sw = Stopwatch.StartNew();
            var root = (SourceObject)TemplateYaml.Load(yaml, out _)!;
            parse = Math.Min(parse, sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            var r = CloudFormationTemplate.Read("t.yaml", yaml, root, given, config, BuiltIn.Service, new ManagedPolicies(BuiltIn.Service), new List<Problem>());
            read = Math.Min(read, sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            engine.Lint(r.Roles, config);
            lint = Math.Min(lint, sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"template of 100 roles: parse {parse:N1} ms, resolve {read:N1} ms, lint {lint:N1} ms (200 role variants)");
        if (Environment.GetEnvironmentVariable("PER_RULE") == null) return;
        var rootNode = (SourceObject)TemplateYaml.Load(yaml, out _)!;
        var roles = CloudFormationTemplate.Read("t.yaml", yaml, rootNode, given, config, BuiltIn.Service, new ManagedPolicies(BuiltIn.Service), new List<Problem>()).Roles;
        var raw = Templates.Raw(100);
        foreach (var rule in PolicyCheck.Rules.AllRules.Create())
        {
            var one = LintEngine.CreateDefault(EmbeddedCatalog.Load, d => d.Id == rule.Id);
            double t = double.MaxValue, j = double.MaxValue;
            for (int k = 0; k < 5; k++)
            {
                var sw = Stopwatch.StartNew();
                one.Lint(roles, config);
                t = Math.Min(t, sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                Templates.LintRaw(one, raw);
                j = Math.Min(j, sw.Elapsed.TotalMilliseconds);
            }
            if (t > 0.5) Console.WriteLine($"{rule.Id} template {t:N2} ms raw {j:N2} ms");
        }
    }
}
