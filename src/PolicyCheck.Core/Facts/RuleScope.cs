
namespace PolicyCheck.Facts;

/// <summary>Which roles a rule checks (catalog.yml scope).</summary>
public enum RuleScope
{
    /// <summary>Only roles about the gateway (its trust names the gateway's principal, or its policies grant Claude Platform).</summary>
    Gateway,
    /// <summary>Every role: the general IAM grammar and catalogue checks.</summary>
    Any,
}
