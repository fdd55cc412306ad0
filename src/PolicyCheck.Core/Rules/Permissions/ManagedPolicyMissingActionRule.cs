using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2010: the attached AWS managed policies lack an action the gateway needs.</summary>
public sealed class ManagedPolicyMissingActionRule : PolicyRule
{
    public override string Id => "PC2010";

    public override void Check(RuleContext context)
    {
        var role = context.Role;
        if (role.ManagedPolicies.Count == 0 || role.Has(DocumentKind.Permission)) return; // with own policies PC2002 reports
        var facts = context.Facts;
        var target = WorkspaceTarget.From(context.Config, facts);
        var missing = new List<string>();
        foreach (var action in Access.RequiredActions(context.Config, facts))
        {
            string q = facts.Qualified(action);
            bool granted = false;
            foreach (var doc in role.PermissionDocuments())
            {
                foreach (var s in doc.Statements) granted |= Access.Grants(s, q, target, facts.FindAction(action));
            }
            if (!granted) missing.Add(action);
        }
        if (missing.Count == 0) return;
        var names = new List<string>();
        foreach (var m in role.ManagedPolicies) names.Add(m.Fact.Name);
        var reference = role.ManagedPolicies[0].Reference;
        string message = $"the attached {string.Join(", ", names)} does not grant {Names.List(missing)}, which the configured features need";
        if (reference.Path != null) context.ReportAt(reference.Path, reference.Span, message);
    }
}
