
namespace PolicyCheck.Config;

public enum Deployment
{
    Hosted,
    SelfHosted,
}
