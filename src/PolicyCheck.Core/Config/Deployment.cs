using System;
using System.Collections.Generic;
using PolicyCheck.Facts;
using PolicyCheck.Json;

namespace PolicyCheck.Config;

public enum Deployment
{
    Hosted,
    SelfHosted,
}
