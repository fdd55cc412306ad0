using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PolicyCheck.Aws.Iam;

/// <summary>The IAM operations `verify` needs (AWSSDK.IdentityManagement is not available; see IamQueryClient).</summary>
public interface IIamClient
{
    Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancel);
    Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName, CancellationToken cancel);
    Task<string> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancel);
    Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken cancel);
    Task<ManagedPolicyInfo> GetPolicyAsync(string policyArn, CancellationToken cancel);
    Task<string> GetPolicyVersionAsync(string policyArn, string versionId, CancellationToken cancel);
    Task<IReadOnlyList<SimulationOutcome>> SimulatePrincipalPolicyAsync(SimulationRequest request, CancellationToken cancel);
    Task<IReadOnlyList<SimulationOutcome>> SimulateCustomPolicyAsync(SimulationRequest request, CancellationToken cancel);
    Task<FederationInfo> GetOutboundWebIdentityFederationInfoAsync(CancellationToken cancel);
}
