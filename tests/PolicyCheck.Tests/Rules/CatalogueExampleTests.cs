using System.Collections.Generic;
using System.Linq;
using PolicyCheck.Inputs;
using PolicyCheck.Generate;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>
/// Every catalogue rule's documented example: the bad one must fire the rule, the good one must not. Examples written
/// as a statement or a condition are wrapped in the policy the rule is about.
/// </summary>
public sealed class CatalogueExampleTests
{
    private static readonly List<RuleEntry> Entries = RuleData.LoadCatalogEntries(RuleData.ResourceText(RuleData.CatalogResource), out _);

    /// <summary>Examples that are prose or another input (a config, a template, C#): their rules' own test classes cover them.</summary>
    private static readonly Dictionary<string, string> NotPolicyJson = new()
    {
        ["PC1014"] = "a size, not a policy", ["PC1017"] = "an encoding", ["PC1034"] = "a template",
        ["PC2005"] = "needs gateway.region", ["PC2010"] = "a config", ["PC3008"] = "needs gateway.externalId", ["PC4001"] = "a config",
    };

    public static IEnumerable<object[]> Rules()
        => Entries.Where(e => e.Class != null && !NotPolicyJson.ContainsKey(e.Descriptor.Id)).Select(e => new object[] { e.Descriptor.Id });

    private static bool Trust(string id, string example)
        => id.StartsWith("PC3", System.StringComparison.Ordinal) || example.Contains("sts:AssumeRole");

    private static string Policy(string id, string example)
    {
        string text = example.Trim();
        int prose = text.IndexOf("   (", System.StringComparison.Ordinal);
        if (prose > 0) text = text.Substring(0, prose).TrimEnd(); // "… (features: inference)"
        bool trust = Trust(id, example);
        string principal = trust ? "\"Principal\": {\"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"}, \"Action\": \"sts:AssumeRole\"" : "\"Action\": \"aws-external-anthropic:CreateInference\", \"Resource\": \"*\"";
        if (text.StartsWith("\"Condition\"", System.StringComparison.Ordinal))
            text = """{"Effect": "Allow", """ + principal + ", " + text + "}";
        else if (text.StartsWith("\"Principal\"", System.StringComparison.Ordinal))
            text = """{"Effect": "Allow", """ + text + """, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"}}}""";
        if (text.IndexOf("\"Statement\"", System.StringComparison.Ordinal) < 0 && text.StartsWith("{", System.StringComparison.Ordinal) && !text.StartsWith("{\"Version\"", System.StringComparison.Ordinal))
            text = """{"Version": "2012-10-17", "Statement": [""" + text + "]}";
        return text;
    }

    /// <summary>
    /// The rule alone (a proof's quietWhereReported relations would hide it behind the string rule that explains the
    /// same statement), on the example as a trust or permission policy, as a run without a policycheck.yml sees it.
    /// </summary>
    private static List<Engine.Diagnostic> Run(string id, string example)
    {
        var role = new Engine.RoleGroup("role");
        bool trust = Trust(id, example);
        role.Documents.Add(Model.PolicyReader.Read(trust ? "trust.json" : "permission.json", Policy(id, example), trust ? Model.DocumentKind.Trust : Model.DocumentKind.Permission));
        var engine = Engine.LintEngine.CreateDefault(EmbeddedCatalog.Load, d => d.Id == id);
        return engine.Lint(new[] { role }, Lint.Config(null), new System.DateTime(2026, 12, 1));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void BadExampleFires_GoodExampleDoesNot(string id)
    {
        var entry = Entries.Single(e => e.Descriptor.Id == id);
        var bad = Run(id, entry.Bad);
        Assert.True(bad.Any(d => d.RuleId == id), $"{id}'s bad example does not fire it:\n{Policy(id, entry.Bad)}\nfound: {string.Join(", ", bad.Select(d => d.RuleId))}");
        var good = Run(id, entry.Good);
        Assert.False(good.Any(d => d.RuleId == id), $"{id}'s good example fires it:\n{Policy(id, entry.Good)}\n{string.Join("\n", good.Where(d => d.RuleId == id).Select(d => d.Message))}");
    }

    [Fact]
    public void OnlyExamplesThatAreNotPolicyJson_AreLeftToTheirRulesTests()
    {
        foreach (var id in NotPolicyJson.Keys) Assert.Contains(Entries, e => e.Descriptor.Id == id);
        Assert.True(Rules().Count() >= 50);
    }
}
