using PolicyCheck.Json;
using System;
using System.Collections.Generic;
using System.Text;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Inputs.Simulation;
using PolicyCheck.Model;
using PolicyCheck.Rules;

namespace PolicyCheck.Fuzz;

/// <summary>The readers under fuzz. Each takes raw bytes and must return (findings or errors), never throw.</summary>
public static class Targets
{
    private static readonly LintEngine Engine = LintEngine.CreateDefault(EmbeddedCatalog.Load);

    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["policy"] = Policy,
        ["config"] = Config,
        ["batch"] = Batch,
        ["plan"] = Plan,
        ["settings"] = Settings,
        ["template"] = Template,
        ["parameters"] = Parameters,
        ["folder"] = Shapes.Folder,
    };

    /// <summary>A CloudFormation template, YAML or JSON: resolve it for every Fn::If branch and lint the roles.</summary>
    public static void Template(byte[] input)
    {
        string? text = PolicyCheck.Json.SourceDecoder.Decode(input, new List<PolicyCheck.Json.Problem>());
        if (text == null) return;
        PolicyCheck.Json.SourceNode? root = text.TrimStart().StartsWith("{", StringComparison.Ordinal)
            ? PolicyReader.Read("t.json", text).Root
            : PolicyCheck.Inputs.CloudFormation.TemplateYaml.Load(text, out _);
        if (!PolicyCheck.Inputs.CloudFormation.CloudFormationTemplate.Looks(root)) return;
        var config = new GatewayConfig();
        var read = PolicyCheck.Inputs.CloudFormation.CloudFormationTemplate.Read("t.yaml", text, (PolicyCheck.Json.SourceObject)root!,
            new Dictionary<string, string> { ["AWS::Region"] = "us-west-2" }, config, BuiltIn.Service, new ManagedPolicies(BuiltIn.Service), new List<PolicyCheck.Json.Problem>());
        Engine.Lint(read.Roles, config);
    }

    /// <summary>lint --parameters FILE.</summary>
    public static void Parameters(byte[] input)
    {
        string? text = PolicyCheck.Json.SourceDecoder.Decode(input, new List<PolicyCheck.Json.Problem>());
        if (text == null) return;
        PolicyCheck.Inputs.CloudFormation.TemplateParameters.Read("p.json", text, new List<PolicyCheck.Json.Problem>());
    }

    /// <summary>The Portkey integration settings file.</summary>
    public static void Settings(byte[] input)
    {
        var issues = new List<PolicyCheck.Json.Problem>();
        string? text = PolicyCheck.Json.SourceDecoder.Decode(input, issues);
        if (text == null) return;
        SettingsLoader.Apply("portkey.yml", text, new GatewayConfig(), BuiltIn.Service, name => name == "EXT" ? "from-env" : null, new List<PolicyCheck.Json.Problem>());
    }

    /// <summary>Terraform plan JSON: read the roles out of it and lint them.</summary>
    public static void Plan(byte[] input)
    {
        var issues = new List<PolicyCheck.Json.Problem>();
        string? text = PolicyCheck.Json.SourceDecoder.Decode(input, issues);
        if (text == null) return;
        var doc = PolicyReader.Read("plan.json", text);
        if (!PolicyCheck.Inputs.Terraform.TerraformPlan.Looks(doc.Root)) return;
        var config = new GatewayConfig();
        var roles = PolicyCheck.Inputs.Terraform.TerraformPlan.Read("plan.json", text, (PolicyCheck.Json.SourceObject)doc.Root!, config, BuiltIn.Service,
            new ManagedPolicies(BuiltIn.Service), new List<PolicyCheck.Json.Problem>());
        Engine.Lint(roles, config);
    }

    /// <summary>Policy JSON: read, lint with every rule (proofs and catalogue included), evaluate a request.</summary>
    public static void Policy(byte[] input)
    {
        var doc = PolicyReader.Read("fuzz.json", input);
        var role = new RoleGroup("fuzz");
        role.Documents.Add(doc);
        var findings = Engine.Lint(new[] { role }, new GatewayConfig());
        foreach (var f in findings) _ = f.Trace;
        var request = new EvalRequest("aws-external-anthropic:CreateInference", "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_1",
            CallerPrincipal.Parse("arn:aws:sts::299329113195:assumed-role/portkey-app/s"),
            new RequestContext().Set("sts:ExternalId", "x").Set("aws:SourceIp", "10.0.0.1").Set("aws:username", "*"));
        Evaluator.Evaluate(new PolicySet { Identity = new[] { doc }, ResourcePolicy = doc, Boundaries = new[] { doc } }, request);
    }

    /// <summary>policycheck.yml: the strict loader.</summary>
    public static void Config(byte[] input)
    {
        var issues = new List<PolicyCheck.Json.Problem>();
        string? text = PolicyCheck.Json.SourceDecoder.Decode(input, issues);
        if (text == null) return;
        var errors = new List<PolicyCheck.Json.Problem>();
        ConfigReader.Load("policycheck.yml", text, BuiltIn.Service, BuiltIn.Catalog, name => name == "EXT" ? "from-env" : null, errors);
    }

    /// <summary>
    /// simulate --batch lines, each read twice: the second time its policies are known (read straight from its bytes
    /// where the rest is plain), and it must get the same answer or the same error.
    /// </summary>
    public static void Batch(byte[] input)
    {
        string text = Encoding.UTF8.GetString(input);
        foreach (var line in text.Split('\n'))
        {
            string first = Answer(line), again = Answer(line);
            if (first != again) throw new InvalidOperationException($"a batch line read again got another answer:\n{first}\n{again}");
        }
    }

    private static string Answer(string line)
    {
        if (!Simulator.TryParseBatchLine(line, 1, out var set, out var request, out var error, out var meta)) return "error: " + error;
        var result = Evaluator.Evaluate(set!, request!);
        var spans = new StringBuilder();
        foreach (var t in result.Matched)
        {
            var at = t.Document.InFile(t.Statement.Span);
            spans.Append(t.Document.Path).Append(' ').Append(at.Start).Append('+').Append(at.Length).Append(' ').Append(at).Append('-').Append(at.EndLine).Append(',').Append(at.EndColumn).Append('\n');
        }
        return $"{meta.Id} {meta.Expect}\n{spans}" + string.Join("\n", Proofs.Unmasked(result, request!));
    }
}
