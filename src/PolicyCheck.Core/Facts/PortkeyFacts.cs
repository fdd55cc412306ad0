using System.Collections.Generic;

namespace PolicyCheck.Facts;

public sealed class PortkeyFacts
{
    public PortkeyFacts(string hostedPrincipal, string hostedAccount, string trustAction, string externalIdPattern,
        int externalIdMinLength, int externalIdMaxLength, IReadOnlyList<string> placeholderExternalIds)
    {
        HostedPrincipal = hostedPrincipal;
        HostedAccount = hostedAccount;
        TrustAction = trustAction;
        ExternalIdPattern = externalIdPattern;
        ExternalIdMinLength = externalIdMinLength;
        ExternalIdMaxLength = externalIdMaxLength;
        PlaceholderExternalIds = placeholderExternalIds;
    }

    public string HostedPrincipal { get; }
    public string HostedAccount { get; }
    public string TrustAction { get; }
    public string ExternalIdPattern { get; }
    public int ExternalIdMinLength { get; }
    public int ExternalIdMaxLength { get; }
    public IReadOnlyList<string> PlaceholderExternalIds { get; }
}
