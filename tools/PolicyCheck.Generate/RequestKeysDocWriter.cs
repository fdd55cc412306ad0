using System.Text;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Generate;

/// <summary>Writes docs/gateway-requests.md: the table of the gateway's request keys from rules/service.yml.</summary>
public static class RequestKeysDocWriter
{
    public const string RelativePath = "docs/gateway-requests.md";

    public static string Write(ServiceFacts facts)
    {
        var w = new StringBuilder();
        w.Append("<!-- Generated from rules/service.yml (requestKeys) by tools/PolicyCheck.Generate. Do not edit. -->\n");
        w.Append("# The gateway's requests, key by key\n\n");
        w.Append("The proofs (PC2002, PC2007, PC3011, PC3012) evaluate the policies against the requests the gateway really makes: a\n");
        w.Append("Claude Platform **call** (CreateInference, CountTokens, …) signed with a session of the role, and the **AssumeRole**\n");
        w.Append("of the gateway's principal. Each global condition key is on such a request with a value the setup gives (*known*),\n");
        w.Append("is not sent at all (*absent*), or is sent with a value not known offline (*unknown*; *unknown-or-absent* when it may\n");
        w.Append("also be missing, like a tag the principal may not carry). A condition on an unknown key makes a proof **depend** on\n");
        w.Append("it: the finding is a warning naming the key. Supply the value and the proof is decisive again:\n\n");
        w.Append("```yaml\ngateway:\n  context:\n    aws:SourceIp: 203.0.113.10\n    aws:PrincipalTag/team: ml\n```\n\n");
        w.Append("or `policycheck lint … --context aws:SourceIp=203.0.113.10`. A key the table marks absent on both requests cannot be\n");
        w.Append("supplied (PC4001). Statuses follow the \"Availability\" of each key in the IAM User Guide,\n");
        w.Append("[reference_policies_condition-keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).\n\n");
        w.Append("| Key | Call | AssumeRole | Self-hosted | Known value | Why |\n|---|---|---|---|---|---|\n");
        foreach (var k in facts.RequestKeys)
        {
            w.Append("| `").Append(k.Key).Append("` | ").Append(RequestKeyFact.StatusName(k.Call)).Append(" | ").Append(RequestKeyFact.StatusName(k.AssumeRole))
             .Append(" | ").Append(k.SelfHosted.HasValue ? RequestKeyFact.StatusName(k.SelfHosted.Value) : "as hosted").Append(" | ")
             .Append(k.Value != null ? "`" + k.Value + "`" : string.Empty).Append(" | ").Append(k.Source.Replace("|", "\\|")).Append(" |\n");
        }
        w.Append("\nTokens: `${Region}` the configured region, `${Account}` the role's account, `${CallerArn}`/`${CallerAccount}`/`${CallerType}`\n");
        w.Append("the caller (the role's session on a call; the gateway's principal on AssumeRole), `${ExternalId}` the external ID of the\n");
        w.Append("case, `${Now}`/`${Epoch}` the time of the run. A key not in the table is treated as absent.\n");
        return w.ToString();
    }
}
