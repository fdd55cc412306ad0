
namespace PolicyCheck.Evaluation;

/// <summary>One request: who calls which action on which resource, with what context.</summary>
public sealed class EvalRequest
{
    public EvalRequest(string action, string resource, CallerPrincipal? principal, RequestContext? context = null)
    {
        Action = action;
        Resource = resource;
        Principal = principal;
        Context = context ?? new RequestContext();
    }

    public string Action { get; }
    public string Resource { get; }
    public CallerPrincipal? Principal { get; }
    public RequestContext Context { get; }

    private string? _resourceAccount;
    private bool _resourceAccountDone;

    /// <summary>The account segment of the resource ARN, or null (computed once).</summary>
    public string? ResourceAccount
    {
        get
        {
            if (_resourceAccountDone) return _resourceAccount;
            if (Engine.Arn.TryLocate(Resource, out _, out _, out int account, out int resource) && resource - 1 > account)
                _resourceAccount = Resource.Substring(account, resource - 1 - account);
            _resourceAccountDone = true;
            return _resourceAccount;
        }
    }
}
