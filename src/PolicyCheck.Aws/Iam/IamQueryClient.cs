using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using PolicyCheck.Aws.Http;

namespace PolicyCheck.Aws.Iam;

/// <summary>
/// IAM over the Query protocol (botocore model iam-2010-05-08): form-encoded POST with Action and
/// Version=2010-05-08, SigV4 service "iam", XML responses; lists are &lt;member&gt; elements, pages follow
/// Marker/IsTruncated, errors are &lt;ErrorResponse&gt; mapped to <see cref="IamException"/>.
/// </summary>
public sealed class IamQueryClient : IIamClient
{
    public const string ApiVersion = "2010-05-08";
    private readonly AwsCaller _caller;
    private readonly Uri _endpoint;
    private readonly string _signingRegion;
    private readonly Func<DateTime> _deadline;

    public IamQueryClient(AwsCaller caller, Uri endpoint, string signingRegion, Func<DateTime> deadline)
    {
        _caller = caller;
        _endpoint = endpoint;
        _signingRegion = signingRegion;
        _deadline = deadline;
    }

    /// <summary>IAM's global endpoint and signing region per partition.</summary>
    public static (Uri Endpoint, string Region) EndpointFor(string partition) => partition switch
    {
        "aws-cn" => (new Uri("https://iam.cn-north-1.amazonaws.com.cn/"), "cn-north-1"),
        "aws-us-gov" => (new Uri("https://iam.us-gov.amazonaws.com/"), "us-gov-west-1"),
        _ => (new Uri("https://iam.amazonaws.com/"), "us-east-1"),
    };

    public int Calls { get; private set; }

    private async Task<XElement> CallAsync(string action, List<KeyValuePair<string, string>> parameters, CancellationToken cancel)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", ApiVersion) };
        fields.AddRange(parameters);
        Calls++;
        var response = await _caller.SendAsync(HttpMethod.Post, _endpoint, _signingRegion, "iam", Array.Empty<KeyValuePair<string, string>>(),
            AwsCaller.Form(fields), "application/x-www-form-urlencoded; charset=utf-8", _deadline(), cancel).ConfigureAwait(false);
        XElement root;
        try
        {
            root = ParseXml(response.Body);
        }
        catch (XmlException)
        {
            throw new IamException(response.IsSuccess ? "MalformedResponse" : "HttpError" + response.Status,
                $"IAM {action} answered HTTP {response.Status} with a body that is not XML", response.Status, response.RequestId);
        }
        if (!response.IsSuccess || root.Name.LocalName == "ErrorResponse")
        {
            var error = Child(root, "Error");
            string code = Text(error, "Code") ?? "HttpError" + response.Status;
            string message = Text(error, "Message") ?? $"HTTP {response.Status}";
            throw new IamException(code, message, response.Status, Text(root, "RequestId") ?? response.RequestId);
        }
        return Child(root, action + "Result") ?? throw new IamException("MalformedResponse", $"IAM {action} answered without {action}Result", response.Status, response.RequestId);
    }

    public async Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancel)
    {
        var result = await CallAsync("GetRole", new() { new("RoleName", roleName) }, cancel).ConfigureAwait(false);
        var role = Child(result, "Role") ?? throw new IamException("MalformedResponse", "GetRole answered without Role", 200, null);
        return new IamRole
        {
            RoleName = Text(role, "RoleName") ?? roleName,
            Arn = Text(role, "Arn") ?? string.Empty,
            AssumeRolePolicyDocument = Decode(Text(role, "AssumeRolePolicyDocument")),
            PermissionsBoundaryArn = Text(Child(role, "PermissionsBoundary"), "PermissionsBoundaryArn"),
        };
    }

    public async Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName, CancellationToken cancel)
    {
        var names = new List<string>();
        await PagesAsync("ListRolePolicies", new() { new("RoleName", roleName) }, r => names.AddRange(Members(Child(r, "PolicyNames")).Select(m => m.Value)), cancel).ConfigureAwait(false);
        return names;
    }

    public async Task<string> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancel)
    {
        var result = await CallAsync("GetRolePolicy", new() { new("RoleName", roleName), new("PolicyName", policyName) }, cancel).ConfigureAwait(false);
        return Decode(Text(result, "PolicyDocument"));
    }

    public async Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken cancel)
    {
        var list = new List<AttachedPolicy>();
        await PagesAsync("ListAttachedRolePolicies", new() { new("RoleName", roleName) }, r =>
        {
            foreach (var m in Members(Child(r, "AttachedPolicies")))
                list.Add(new AttachedPolicy { PolicyName = Text(m, "PolicyName") ?? string.Empty, PolicyArn = Text(m, "PolicyArn") ?? string.Empty });
        }, cancel).ConfigureAwait(false);
        return list;
    }

    public async Task<ManagedPolicyInfo> GetPolicyAsync(string policyArn, CancellationToken cancel)
    {
        var result = await CallAsync("GetPolicy", new() { new("PolicyArn", policyArn) }, cancel).ConfigureAwait(false);
        var p = Child(result, "Policy");
        return new ManagedPolicyInfo { Arn = Text(p, "Arn") ?? policyArn, DefaultVersionId = Text(p, "DefaultVersionId") ?? "v1" };
    }

    public async Task<string> GetPolicyVersionAsync(string policyArn, string versionId, CancellationToken cancel)
    {
        var result = await CallAsync("GetPolicyVersion", new() { new("PolicyArn", policyArn), new("VersionId", versionId) }, cancel).ConfigureAwait(false);
        return Decode(Text(Child(result, "PolicyVersion"), "Document"));
    }

    public Task<IReadOnlyList<SimulationOutcome>> SimulatePrincipalPolicyAsync(SimulationRequest request, CancellationToken cancel)
        => SimulateAsync("SimulatePrincipalPolicy", request, cancel);

    public Task<IReadOnlyList<SimulationOutcome>> SimulateCustomPolicyAsync(SimulationRequest request, CancellationToken cancel)
        => SimulateAsync("SimulateCustomPolicy", request, cancel);

    private async Task<IReadOnlyList<SimulationOutcome>> SimulateAsync(string action, SimulationRequest request, CancellationToken cancel)
    {
        var p = new List<KeyValuePair<string, string>>();
        if (request.PolicySourceArn != null) p.Add(new("PolicySourceArn", request.PolicySourceArn));
        for (int i = 0; i < request.PolicyInputList.Count; i++) p.Add(new($"PolicyInputList.member.{i + 1}", request.PolicyInputList[i]));
        for (int i = 0; i < request.ActionNames.Count; i++) p.Add(new($"ActionNames.member.{i + 1}", request.ActionNames[i]));
        for (int i = 0; i < request.ResourceArns.Count; i++) p.Add(new($"ResourceArns.member.{i + 1}", request.ResourceArns[i]));
        if (request.CallerArn != null) p.Add(new("CallerArn", request.CallerArn));
        for (int i = 0; i < request.ContextEntries.Count; i++)
        {
            var (key, type, values) = request.ContextEntries[i];
            p.Add(new($"ContextEntries.member.{i + 1}.ContextKeyName", key));
            p.Add(new($"ContextEntries.member.{i + 1}.ContextKeyType", type));
            for (int j = 0; j < values.Count; j++) p.Add(new($"ContextEntries.member.{i + 1}.ContextKeyValues.member.{j + 1}", values[j]));
        }
        var outcomes = new List<SimulationOutcome>();
        await PagesAsync(action, p, r =>
        {
            foreach (var m in Members(Child(r, "EvaluationResults")))
            {
                var matched = Members(Child(m, "MatchedStatements")).Select(s => Text(s, "SourcePolicyId") ?? string.Empty).ToList();
                outcomes.Add(new SimulationOutcome
                {
                    Action = Text(m, "EvalActionName") ?? string.Empty,
                    Resource = Text(m, "EvalResourceName") ?? "*",
                    Decision = Text(m, "EvalDecision") ?? string.Empty,
                    MatchedPolicies = matched,
                });
            }
        }, cancel).ConfigureAwait(false);
        return outcomes;
    }

    public async Task<FederationInfo> GetOutboundWebIdentityFederationInfoAsync(CancellationToken cancel)
    {
        var result = await CallAsync("GetOutboundWebIdentityFederationInfo", new(), cancel).ConfigureAwait(false);
        return new FederationInfo
        {
            Enabled = string.Equals(Text(result, "JwtVendingEnabled"), "true", StringComparison.OrdinalIgnoreCase),
            IssuerIdentifier = Text(result, "IssuerIdentifier"),
        };
    }

    /// <summary>Follows Marker/IsTruncated; stops after 100 pages so a broken server cannot loop forever.</summary>
    private async Task PagesAsync(string action, List<KeyValuePair<string, string>> parameters, Action<XElement> page, CancellationToken cancel)
    {
        string? marker = null;
        for (int n = 0; n < 100; n++)
        {
            var p = new List<KeyValuePair<string, string>>(parameters);
            if (marker != null) p.Add(new("Marker", marker));
            var result = await CallAsync(action, p, cancel).ConfigureAwait(false);
            page(result);
            if (!string.Equals(Text(result, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase)) return;
            marker = Text(result, "Marker");
            if (string.IsNullOrEmpty(marker)) return;
        }
    }

    /// <summary>XML from the wire: no DTDs (no entity expansion), no external resources.</summary>
    public static XElement ParseXml(string text)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = Transport.MaxResponseBytes };
        using var reader = XmlReader.Create(new System.IO.StringReader(text), settings);
        return XElement.Load(reader);
    }

    private static XElement? Child(XElement? e, string name) => e?.Elements().FirstOrDefault(x => x.Name.LocalName == name);

    private static string? Text(XElement? e, string name) => Child(e, name)?.Value;

    private static IEnumerable<XElement> Members(XElement? list) => list?.Elements().Where(x => x.Name.LocalName == "member") ?? Enumerable.Empty<XElement>();

    /// <summary>Policy documents in IAM responses are URL-encoded JSON.</summary>
    public static string Decode(string? s) => s == null ? string.Empty : Uri.UnescapeDataString(s);
}
