using System.Collections.Generic;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Tests.Evaluation;

internal static class Eval
{
    public static PolicyDocument Doc(string json, DocumentKind kind = DocumentKind.Permission) => PolicyReader.Read("p.json", json, kind);

    /// <summary>A 2012-10-17 identity policy from statements.</summary>
    public static PolicyDocument Statements(params string[] statements)
        => Doc("""{"Version":"2012-10-17","Statement":[""" + string.Join(",", statements) + "]}");

    public static Decision Identity(PolicyDocument doc, string action, string resource, RequestContext? context = null, string principal = "arn:aws:iam::111122223333:user/alice")
        => Evaluator.Decide(new PolicySet { Identity = new[] { doc } }, new EvalRequest(action, resource, CallerPrincipal.Parse(principal), context));

    /// <summary>One Allow statement with a condition, evaluated against a context.</summary>
    public static bool Holds(string conditionJson, RequestContext context, string version = "2012-10-17")
    {
        var doc = Doc("{\"Version\":\"" + version + "\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":" + conditionJson + "}]}");
        return Identity(doc, "s3:GetObject", "arn:aws:s3:::bucket/key", context) == Decision.Allowed;
    }

    public static RequestContext Ctx(params (string Key, string[] Values)[] entries)
    {
        var c = new RequestContext();
        foreach (var (k, v) in entries) c.Set(k, new ContextValue(v, ContextType.String, v.Length != 1));
        return c;
    }

    public static RequestContext Ctx(string key, string value) => new RequestContext().Set(key, value);
}
