using System.Linq;
using System.Text.RegularExpressions;
using CsCheck;
using PolicyCheck.Evaluation;
using Xunit;

namespace PolicyCheck.Tests.Evaluation;

/// <summary>Wildcard matching and set operators against plain reference implementations written here.</summary>
public sealed class PropertyTests
{
    private static readonly Gen<string> Text = Gen.String[Gen.Char["ab*?:/"], 0, 8];
    private static readonly Gen<string> Plain = Gen.String[Gen.Char["ab:/"], 0, 8];

    private static bool ReferenceLike(string pattern, string text)
    {
        string regex = "^" + string.Concat(pattern.Select(c => c == '*' ? ".*" : c == '?' ? "." : Regex.Escape(c.ToString()))) + "$";
        return Regex.IsMatch(text, regex, RegexOptions.Singleline);
    }

    [Fact]
    public void Like_AgreesWithRegex()
        => Gen.Select(Text, Plain).Sample((p, t) => Patterns.Like(p, t, ignoreCase: false) == ReferenceLike(p, t), iter: 20000);

    [Fact]
    public void Like_IgnoreCase_AgreesWithRegex()
        => Gen.Select(Text, Gen.String[Gen.Char["aAbB"], 0, 6]).Sample((p, t) =>
            Patterns.Like(p, t, ignoreCase: true) == ReferenceLike(p.ToLowerInvariant(), t.ToLowerInvariant()), iter: 10000);

    private static readonly Gen<string[]> Set = Gen.String[Gen.Char["xyz"], 1, 1].Array[0, 4];

    [Fact]
    public void SetOperators_AgreeWithDefinition()
    {
        Gen.Select(Set, Set, Gen.Bool, Gen.Bool).Sample((ctx, policy, all, negated) =>
        {
            if (policy.Length == 0) return true;
            string op = (all ? "ForAllValues:" : "ForAnyValue:") + (negated ? "StringNotEquals" : "StringEquals");
            string cond = "{\"" + op + "\":{\"k\":[" + string.Join(",", policy.Select(v => "\"" + v + "\"")) + "]}}";
            var context = new RequestContext().Set("k", new ContextValue(ctx, ContextType.String, multivalued: true));
            bool actual = Eval.Holds(cond, context);
            bool One(string v) => negated ? !policy.Contains(v) : policy.Contains(v);
            bool expected = all ? ctx.All(One) : ctx.Any(One);
            return actual == expected;
        }, iter: 5000);
    }
}
