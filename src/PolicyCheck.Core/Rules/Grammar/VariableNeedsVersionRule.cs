using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1020: a policy variable in a document without Version 2012-10-17, where it is literal text.</summary>
public sealed class VariableNeedsVersionRule : PolicyRule
{
    public override string Id => "PC1020";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            if (doc.Version != null && doc.Version.Value == "2012-10-17") continue;
            foreach (var s in doc.Statements)
            {
                Check(context, doc, s.Resource);
                Check(context, doc, s.NotResource);
                if (s.Condition == null) continue;
                foreach (var c in s.Condition.Clauses)
                {
                    foreach (var v in c.Values) Report(context, doc, v);
                }
            }
        }
    }

    private static void Check(RuleContext context, PolicyDocument doc, ValueList? list)
    {
        if (list == null) return;
        foreach (var v in list.Values) Report(context, doc, v);
    }

    private static void Report(RuleContext context, PolicyDocument doc, StringValue v)
    {
        if (!PolicyVariables.HasVariable(v.Value)) return;
        string version = doc.Version != null ? $"Version {doc.Version.Value}" : "no Version";
        context.Report(doc, v.Span, $"\"{v.Value}\" uses a policy variable, but with {version} IAM reads it as literal text, so it matches only that exact string");
    }
}
