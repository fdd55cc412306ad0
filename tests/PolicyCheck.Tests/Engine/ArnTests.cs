using System;
using System.Linq;
using PolicyCheck.Engine;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>ARN parts as String.Split(':', 6) finds them, without splitting (and the same answer when asked again).</summary>
public sealed class ArnTests
{
    public static readonly TheoryData<string> Values = new()
    {
        "arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_0",
        "arn:aws-us-gov:iam::123456789012:role/path/name",
        "arn:aws:s3:::bucket/key:with:colons",
        "arn:::::",
        "arn:aws:sts::123456789012",
        "arn:aws",
        "arn:",
        "ARN:aws:s3:::b",
        "not-an-arn",
        "",
        "arn:aw:svc:r:a:res",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void TryParse_FindsTheSixPartsSplitFinds(string value)
    {
        var parts = value.Split(':', 6);
        bool arn = parts.Length == 6 && parts[0] == "arn";
        for (int twice = 0; twice < 2; twice++)
        {
            var parsed = Arn.TryParse(value);
            Assert.Equal(arn, parsed != null);
            if (parsed == null) continue;
            Assert.Equal(parts.Skip(1), new[] { parsed.Partition, parsed.Service, parsed.Region, parsed.Account, parsed.Resource });
        }
    }

    [Fact]
    public void TryParse_OfAnEqualValueThatIsAnotherString_IsThatValuesParts()
    {
        // Values are remembered by identity: another string's parts are never returned for it.
        for (int i = 0; i < 500; i++)
        {
            string value = string.Concat("arn:aws:iam::", i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture), ":role/r");
            Assert.Equal(i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture), Arn.TryParse(value)!.Account);
        }
    }

    [Theory]
    [InlineData("us-west-2", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("ap-southeast-4", true)]
    [InlineData("eu-central-12", true)]
    [InlineData("us-west", false)]
    [InlineData("usa-west-2", false)]
    [InlineData("us-West-2", false)]
    [InlineData("us--west-2", false)]
    [InlineData("us-west-2a", false)]
    [InlineData("us-west-", false)]
    [InlineData("-us-west-2", false)]
    [InlineData("", false)]
    [InlineData("us-1-2", false)]
    public void IsRegionShape(string region, bool shape) => Assert.Equal(shape, Arn.IsRegionShape(region));
}
