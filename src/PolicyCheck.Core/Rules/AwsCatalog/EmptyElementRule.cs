using PolicyCheck.Engine;
using PolicyCheck.Json;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1032: an empty Condition object, condition value list or Principal (AA EMPTY_OBJECT_CONDITION, EMPTY_ARRAY_CONDITION*, EMPTY_*_PRINCIPAL).</summary>
public sealed class EmptyElementRule : PolicyRule
{
    public override string Id => "PC1032";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                if (s.Condition != null && s.Condition.IsEmpty)
                    context.Report(doc, s.Condition.KeySpan, $"\"Condition\" in {s.Label} is an empty object; it adds nothing", "remove the empty Condition");
                if (s.Json == null) continue;
                foreach (var name in new[] { "Principal", "NotPrincipal" })
                {
                    var p = s.Json.Get(name);
                    if (p == null) continue;
                    bool empty = (p.Value is SourceObject o && o.Properties.Count == 0) || (p.Value is SourceArray a && a.Items.Count == 0);
                    if (p.Value is SourceObject obj)
                    {
                        foreach (var e in obj.Properties) empty |= e.Value is SourceArray arr && arr.Items.Count == 0;
                    }
                    if (empty) context.Report(doc, p.NameSpan, $"\"{name}\" in {s.Label} is empty; the statement names nobody", "name the principal, or remove the statement");
                }
            }
        }
    }
}
