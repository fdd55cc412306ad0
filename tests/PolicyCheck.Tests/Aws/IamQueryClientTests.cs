using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using PolicyCheck.Aws.Http;
using PolicyCheck.Aws.Iam;
using Xunit;

namespace PolicyCheck.Tests.Aws;

/// <summary>The IAM Query client against a fake IAM that checks SigV4 (service iam, region us-east-1).</summary>
public sealed class IamQueryClientTests
{
    private static IamQueryClient Client(FakeAws iam, HttpClient http, TimeSpan? budget = null)
    {
        var caller = new AwsCaller(http, () => new ImmutableCredentials(FakeAws.AccessKey, FakeAws.SecretKey, FakeAws.SessionToken)) { BaseDelay = TimeSpan.FromMilliseconds(10) };
        var deadline = DateTime.UtcNow + (budget ?? TimeSpan.FromSeconds(10));
        return new IamQueryClient(caller, iam.Url, "us-east-1", () => deadline);
    }

    private static string Wrap(string action, string inner) => $"<{action}Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><{action}Result>{inner}</{action}Result><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></{action}Response>";

    [Fact]
    public async Task Errors_AreTyped_WithCodeStatusAndRequestId()
    {
        using var iam = new FakeAws("iam", "us-east-1", _ => FakeAws.IamError("NoSuchEntity", "The role with name x cannot be found.", 404, "nse-42"));
        using var http = new HttpClient();
        var ex = await Assert.ThrowsAsync<IamException>(() => Client(iam, http).GetRoleAsync("x", CancellationToken.None));
        Assert.Equal("NoSuchEntity", ex.Code);
        Assert.Equal(404, ex.Status);
        Assert.Equal("nse-42", ex.RequestId);
        Assert.Empty(iam.SignatureFailures);
    }

    [Fact]
    public async Task Throttling_IsRetried_ThenAnswered()
    {
        int n = 0;
        using var iam = new FakeAws("iam", "us-east-1", r => ++n <= 2
            ? FakeAws.IamError("Throttling", "Rate exceeded", 400)
            : FakeAws.Xml(Wrap("GetOutboundWebIdentityFederationInfo", "<JwtVendingEnabled>true</JwtVendingEnabled>")));
        using var http = new HttpClient();
        var info = await Client(iam, http).GetOutboundWebIdentityFederationInfoAsync(CancellationToken.None);
        Assert.True(info.Enabled);
        Assert.Equal(3, iam.Requests.Count);
        // Each attempt is signed afresh and valid.
        Assert.Empty(iam.SignatureFailures);
    }

    [Fact]
    public async Task GarbledBody_IsAnError_NotACrash()
    {
        using var iam = new FakeAws("iam", "us-east-1", _ => new FakeResponse { Status = 200, Body = "<GetRoleResponse><GetRoleResult><Role>" });
        using var http = new HttpClient();
        var ex = await Assert.ThrowsAsync<IamException>(() => Client(iam, http).GetRoleAsync("x", CancellationToken.None));
        Assert.Equal("MalformedResponse", ex.Code);
    }

    [Fact]
    public async Task Pages_AreFollowed_AndDocumentsDecoded()
    {
        using var iam = new FakeAws("iam", "us-east-1", r => r.Form.ContainsKey("Marker")
            ? FakeAws.Xml(Wrap("ListAttachedRolePolicies", "<AttachedPolicies><member><PolicyName>B</PolicyName><PolicyArn>arn:aws:iam::aws:policy/B</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated>"))
            : r.Form["Action"] == "ListAttachedRolePolicies"
                ? FakeAws.Xml(Wrap("ListAttachedRolePolicies", "<AttachedPolicies><member><PolicyName>A</PolicyName><PolicyArn>arn:aws:iam::aws:policy/A</PolicyArn></member></AttachedPolicies><IsTruncated>true</IsTruncated><Marker>m2</Marker>"))
                : FakeAws.Xml(Wrap("GetPolicyVersion", "<PolicyVersion><Document>" + Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"a:b+c","Resource":"*"}]}""") + "</Document><VersionId>v3</VersionId></PolicyVersion>")));
        using var http = new HttpClient();
        var client = Client(iam, http);
        var attached = await client.ListAttachedRolePoliciesAsync("r", CancellationToken.None);
        Assert.Equal(new[] { "A", "B" }, attached.Select(a => a.PolicyName));
        Assert.Equal("m2", iam.Requests.Last().Form["Marker"]);
        string doc = await client.GetPolicyVersionAsync("arn:aws:iam::aws:policy/A", "v3", CancellationToken.None);
        Assert.Contains("\"Action\":\"a:b+c\"", doc);
    }

    [Fact]
    public async Task SimulateCustomPolicy_SendsTheModelsMemberLists()
    {
        using var iam = new FakeAws("iam", "us-east-1", r => FakeAws.Xml(Wrap("SimulateCustomPolicy",
            "<EvaluationResults><member><EvalActionName>sts:AssumeRole</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>allowed</EvalDecision><MatchedStatements><member><SourcePolicyId>PolicyInputList.1</SourcePolicyId></member></MatchedStatements></member></EvaluationResults><IsTruncated>false</IsTruncated>")));
        using var http = new HttpClient();
        var results = await Client(iam, http).SimulateCustomPolicyAsync(new SimulationRequest
        {
            PolicyInputList = new[] { """{"Version":"2012-10-17","Statement":[]}""" },
            ActionNames = new[] { "sts:AssumeRole" },
            ContextEntries = new List<(string, string, IReadOnlyList<string>)> { ("sts:ExternalId", "string", new[] { "abc" }) },
        }, CancellationToken.None);
        var form = iam.Requests.Single().Form;
        Assert.Equal("SimulateCustomPolicy", form["Action"]);
        Assert.Equal("2010-05-08", form["Version"]);
        Assert.Equal("sts:AssumeRole", form["ActionNames.member.1"]);
        Assert.Equal("sts:ExternalId", form["ContextEntries.member.1.ContextKeyName"]);
        Assert.Equal("abc", form["ContextEntries.member.1.ContextKeyValues.member.1"]);
        Assert.Equal("allowed", results.Single().Decision);
        Assert.Equal("PolicyInputList.1", results.Single().MatchedPolicies.Single());
    }

    [Fact]
    public async Task TheTimeBudget_Bounds_RetriesOfASlowService()
    {
        using var iam = new FakeAws("iam", "us-east-1", _ => new FakeResponse { Delay = TimeSpan.FromSeconds(5), Body = "<x/>" });
        using var http = new HttpClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<AwsTransportException>(() => Client(iam, http, TimeSpan.FromMilliseconds(500)).GetRoleAsync("x", CancellationToken.None));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData("aws", "https://iam.amazonaws.com/", "us-east-1")]
    [InlineData("aws-cn", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData("aws-us-gov", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
    public void Endpoints_ArePartitionAware(string partition, string url, string region)
    {
        var (endpoint, signing) = IamQueryClient.EndpointFor(partition);
        Assert.Equal(url, endpoint.ToString());
        Assert.Equal(region, signing);
    }
}
