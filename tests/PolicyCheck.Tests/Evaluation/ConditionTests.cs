using PolicyCheck.Evaluation;
using Xunit;
using static PolicyCheck.Tests.Evaluation.Eval;

namespace PolicyCheck.Tests.Evaluation;

/// <summary>
/// Every condition operator both ways, following "IAM JSON policy elements: Condition operators"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
/// </summary>
public sealed class ConditionTests
{
    [Theory]
    [InlineData("StringEquals", "abc", "abc", true)]
    [InlineData("StringEquals", "abc", "ABC", false)]
    [InlineData("StringNotEquals", "abc", "abd", true)]
    [InlineData("StringNotEquals", "abc", "abc", false)]
    [InlineData("StringEqualsIgnoreCase", "abc", "ABC", true)]
    [InlineData("StringNotEqualsIgnoreCase", "abc", "ABC", false)]
    [InlineData("StringLike", "a*c", "abbbc", true)]
    [InlineData("StringLike", "a?c", "abbc", false)]
    [InlineData("StringLike", "A*", "abc", false)]
    [InlineData("StringNotLike", "a*", "bcd", true)]
    [InlineData("StringNotLike", "a*", "abc", false)]
    [InlineData("StringEquals", "a*", "abc", false)]
    [InlineData("NumericEquals", "10", "10.0", true)]
    [InlineData("NumericNotEquals", "10", "11", true)]
    [InlineData("NumericLessThan", "10", "9", true)]
    [InlineData("NumericLessThan", "10", "10", false)]
    [InlineData("NumericLessThanEquals", "10", "10", true)]
    [InlineData("NumericGreaterThan", "10", "10", false)]
    [InlineData("NumericGreaterThanEquals", "10", "11", true)]
    [InlineData("NumericEquals", "10", "ten", false)]
    [InlineData("DateEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateEquals", "2026-01-01T00:00:00Z", "1767225600", true)]
    [InlineData("DateNotEquals", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", true)]
    [InlineData("DateLessThan", "2026-01-01T00:00:00Z", "2025-12-31T23:59:59Z", true)]
    [InlineData("DateLessThan", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateLessThanEquals", "2026-01-01", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateGreaterThan", "2026-01-01T00:00:00+01:00", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateGreaterThanEquals", "2026-01-01T00:00:00Z", "2025-01-01T00:00:00Z", false)]
    [InlineData("DateLessThan", "next week", "2025-01-01T00:00:00Z", false)]
    [InlineData("Bool", "true", "true", true)]
    [InlineData("Bool", "true", "false", false)]
    [InlineData("Bool", "false", "FALSE", true)]
    [InlineData("BinaryEquals", "QmluYXJ5", "QmluYXJ5", true)]
    [InlineData("BinaryEquals", "QmluYXJ5", "QmluYXJ6", false)]
    [InlineData("IpAddress", "203.0.113.0/24", "203.0.113.7", true)]
    [InlineData("IpAddress", "203.0.113.0/24", "203.0.114.7", false)]
    [InlineData("IpAddress", "203.0.113.7", "203.0.113.7", true)]
    [InlineData("IpAddress", "203.0.113.0/25", "203.0.113.200", false)]
    [InlineData("IpAddress", "2001:db8::/32", "2001:db8:1234::1", true)]
    [InlineData("IpAddress", "2001:db8::/32", "2001:db9::1", false)]
    [InlineData("IpAddress", "203.0.113.0/24", "::ffff:203.0.113.9", true)]
    [InlineData("IpAddress", "0.0.0.0/0", "198.51.100.1", true)]
    [InlineData("IpAddress", "10.0.0.0/33", "10.0.0.1", false)]
    [InlineData("NotIpAddress", "203.0.113.0/24", "198.51.100.1", true)]
    [InlineData("NotIpAddress", "203.0.113.0/24", "203.0.113.1", false)]
    [InlineData("ArnEquals", "arn:aws:iam::111122223333:role/r", "arn:aws:iam::111122223333:role/r", true)]
    [InlineData("ArnLike", "arn:aws:iam::*:role/portkey-*", "arn:aws:iam::299329113195:role/portkey-app", true)]
    [InlineData("ArnLike", "arn:aws:iam::*:role/portkey-*", "arn:aws:iam::299329113195:user/portkey-app", false)]
    [InlineData("ArnLike", "arn:aws:iam::*:role/*", "not-an-arn", false)]
    [InlineData("ArnLike", "arn:aws:iam::*", "arn:aws:iam::111122223333:role/r", false)]
    [InlineData("ArnNotEquals", "arn:aws:iam::111122223333:role/r", "arn:aws:iam::111122223333:role/q", true)]
    [InlineData("ArnNotLike", "arn:aws:iam::111122223333:*", "arn:aws:iam::111122223333:role/q", false)]
    public void Operator(string op, string policyValue, string requestValue, bool holds)
        => Assert.Equal(holds, Holds("{\"" + op + "\":{\"k\":\"" + policyValue + "\"}}", Ctx("k", requestValue)));

    [Fact]
    public void Values_AreOred()
    {
        Assert.True(Holds("""{"StringEquals":{"k":["a","b","c"]}}""", Ctx("k", "b")));
        Assert.False(Holds("""{"StringEquals":{"k":["a","b"]}}""", Ctx("k", "z")));
        // Negated: true only when the value matches none of them.
        Assert.False(Holds("""{"StringNotEquals":{"k":["a","b"]}}""", Ctx("k", "b")));
        Assert.True(Holds("""{"StringNotEquals":{"k":["a","b"]}}""", Ctx("k", "z")));
    }

    [Fact]
    public void KeysAndOperators_AreAnded()
    {
        const string c = """{"StringEquals":{"a":"1","b":"2"},"Bool":{"t":"true"}}""";
        Assert.True(Holds(c, Ctx(("a", new[] { "1" }), ("b", new[] { "2" }), ("t", new[] { "true" }))));
        Assert.False(Holds(c, Ctx(("a", new[] { "1" }), ("b", new[] { "3" }), ("t", new[] { "true" }))));
        Assert.False(Holds(c, Ctx(("a", new[] { "1" }), ("b", new[] { "2" }))));
    }

    [Fact]
    public void KeyNames_AreCaseInsensitive_ValuesAreNot()
    {
        Assert.True(Holds("""{"StringEquals":{"STS:EXTERNALID":"Abc"}}""", Ctx("sts:ExternalId", "Abc")));
        Assert.False(Holds("""{"StringEquals":{"sts:ExternalId":"abc"}}""", Ctx("sts:ExternalId", "Abc")));
    }

    // "If the key that you specify in a policy condition is not present in the request context, the values do
    // not match and the condition is false. If the policy condition requires that the key is not matched, such
    // as StringNotLike or ArnNotLike, and the right key is not present, the condition is true."
    [Fact]
    public void MissingKey_FalseForPositive_TrueForNegated()
    {
        var empty = new RequestContext();
        Assert.False(Holds("""{"StringEquals":{"k":"a"}}""", empty));
        Assert.True(Holds("""{"StringNotEquals":{"k":"a"}}""", empty));
        Assert.True(Holds("""{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""", empty));
        Assert.False(Holds("""{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""", empty));
    }

    [Fact]
    public void IfExists_HoldsWhenMissing_ChecksWhenPresent()
    {
        Assert.True(Holds("""{"StringEqualsIfExists":{"k":"a"}}""", new RequestContext()));
        Assert.True(Holds("""{"StringEqualsIfExists":{"k":"a"}}""", Ctx("k", "a")));
        Assert.False(Holds("""{"StringEqualsIfExists":{"k":"a"}}""", Ctx("k", "b")));
        Assert.True(Holds("""{"NumericLessThanIfExists":{"n":"5"}}""", new RequestContext()));
    }

    [Fact]
    public void Null_TestsPresence()
    {
        Assert.True(Holds("""{"Null":{"k":"true"}}""", new RequestContext()));
        Assert.False(Holds("""{"Null":{"k":"true"}}""", Ctx("k", "x")));
        Assert.True(Holds("""{"Null":{"k":"false"}}""", Ctx("k", "x")));
        Assert.False(Holds("""{"Null":{"k":"false"}}""", new RequestContext()));
        Assert.False(Holds("""{"NullIfExists":{"k":"true"}}""", new RequestContext()));
    }

    // "Set operators for multivalued context keys": ForAllValues is true for a missing or empty key,
    // ForAnyValue is false for one.
    [Fact]
    public void ForAllValues_Semantics()
    {
        const string c = """{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}}""";
        Assert.True(Holds(c, Ctx(("aws:TagKeys", new[] { "team" }))));
        Assert.True(Holds(c, Ctx(("aws:TagKeys", new[] { "team", "env" }))));
        Assert.False(Holds(c, Ctx(("aws:TagKeys", new[] { "team", "owner" }))));
        Assert.True(Holds(c, new RequestContext()));
        Assert.True(Holds(c, Ctx(("aws:TagKeys", System.Array.Empty<string>()))));
        Assert.True(Holds("""{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}""", Ctx(("aws:TagKeys", new[] { "a", "b" }))));
        Assert.False(Holds("""{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}""", Ctx(("aws:TagKeys", new[] { "a", "secret" }))));
    }

    [Fact]
    public void ForAnyValue_Semantics()
    {
        const string c = """{"ForAnyValue:StringEquals":{"aws:TagKeys":["team","env"]}}""";
        Assert.True(Holds(c, Ctx(("aws:TagKeys", new[] { "owner", "env" }))));
        Assert.False(Holds(c, Ctx(("aws:TagKeys", new[] { "owner" }))));
        Assert.False(Holds(c, new RequestContext()));
        Assert.False(Holds(c, Ctx(("aws:TagKeys", System.Array.Empty<string>()))));
        Assert.True(Holds("""{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["team"]}}""", Ctx(("aws:TagKeys", new[] { "team", "x" }))));
        Assert.False(Holds("""{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["team"]}}""", Ctx(("aws:TagKeys", new[] { "team" }))));
        Assert.True(Holds("""{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":"t*"}}""", new RequestContext()));
    }

    [Fact]
    public void UnknownOperator_NeverHolds()
    {
        Assert.False(Holds("""{"StringEqual":{"k":"a"}}""", Ctx("k", "a")));
    }
}
