using System.Collections.Generic;
using CsCheck;
using PolicyCheck.Json;
using PolicyCheck.Model;
using PolicyCheck.Rules;
using Xunit;

namespace PolicyCheck.Tests.Json;

/// <summary>What the rules walk without allocating: a statement's two action (resource) lists, and an action split once.</summary>
public sealed class StatementListsTests
{
    [Fact]
    public void ActionLists_AreActionThenNotAction_NullsIncluded()
    {
        var doc = PolicyReader.Read("p.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"},{"Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:s3:::b"}]}""");
        var seen = new List<string?>();
        foreach (var s in doc.Statements)
        {
            foreach (var list in s.ActionLists) seen.Add(list?.Values[0].Value);
            foreach (var list in s.ResourceLists) seen.Add(list?.Values[0].Value);
        }
        Assert.Equal(new[] { "s3:GetObject", "s3:PutObject", "*", null, null, "iam:*", null, "arn:aws:s3:::b" }, seen);
    }

    [Fact]
    public void SplitAction_OfAValue_IsTheSplitOfItsText_AskedTwice()
        => Gen.String[Gen.Char["ab:*"], 0, 6].Sample(text =>
        {
            var value = new StringValue(text, SourceSpan.FileStart);
            bool expected = Names.SplitAction(text, out string p, out string n);
            for (int ask = 0; ask < 2; ask++)
            {
                if (Names.SplitAction(value, out string prefix, out string name) != expected || prefix != p || name != n) return false;
            }
            return true;
        }, iter: 2000);
}
