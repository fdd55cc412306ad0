using System.Text;
using PolicyCheck.Inputs;
using Xunit;

namespace PolicyCheck.Tests.Inputs;

public class InputReaderTests
{
    [Theory]
    [InlineData("""{"Version": "2012-10-17", "Statement": []}""", InputFormat.Policy)]
    [InlineData("""{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {}}}}""", InputFormat.Template)]
    [InlineData("""{"format_version": "1.2", "planned_values": {"root_module": {}}}""", InputFormat.Plan)]
    [InlineData("""{"not": "json""", InputFormat.Policy)]
    public void TellsTheFormatOnce(string json, InputFormat expected)
    {
        var input = InputReader.ReadJson("f.json", Encoding.UTF8.GetBytes(json), null, 1024);
        Assert.Equal(expected, input.Format);
        Assert.Equal(json, input.Text);
    }

    [Fact]
    public void ATemplateDeeperThanAPolicyMayBe_IsStillATemplate()
    {
        string deep = new string('[', 100) + new string(']', 100);
        string json = """{"Resources": {"R": {"Type": "AWS::S3::Bucket", "Properties": {"X": """ + deep + "}}}}";
        var input = InputReader.ReadJson("t.json", Encoding.UTF8.GetBytes(json), null, 1024);
        Assert.Equal(InputFormat.Template, input.Format);
        Assert.True(input.Policy.IsParsed);
        // The nearest policy: as deep, without Resources, stays a policy that is too deep to read.
        var policy = InputReader.ReadJson("p.json", Encoding.UTF8.GetBytes("""{"Statement": """ + deep + "}"), null, 1024);
        Assert.Equal(InputFormat.Policy, policy.Format);
        Assert.False(policy.Policy.IsParsed);
    }

    [Fact]
    public void BytesThatAreNotText_AreAPolicyWithAnEncodingProblem()
    {
        var input = InputReader.ReadJson("b.json", new byte[] { 0x7B, 0xFF, 0xFE, 0x00 }, null, 1024);
        Assert.Equal(InputFormat.Policy, input.Format);
        Assert.Equal(string.Empty, input.Text);
        Assert.Contains(input.Policy.ParseIssues, p => p.Kind == PolicyCheck.Json.ProblemKind.Encoding);
    }
}
