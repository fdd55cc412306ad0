
namespace PolicyCheck.Facts;

/// <summary>One row of the gateway's request table (rules/service.yml requestKeys).</summary>
public sealed class RequestKeyFact
{
    public RequestKeyFact(string key, KeyStatus call, KeyStatus assumeRole, KeyStatus? selfHosted, string? value, string type, string source)
    {
        Key = key;
        Call = call;
        AssumeRole = assumeRole;
        SelfHosted = selfHosted;
        Value = value;
        Type = type;
        Source = source;
    }

    /// <summary>The key; "aws:PrincipalTag/*" stands for every key under the prefix.</summary>
    public string Key { get; }
    public KeyStatus Call { get; }
    public KeyStatus AssumeRole { get; }
    /// <summary>For a self-hosted gateway, the status on both requests (when it differs).</summary>
    public KeyStatus? SelfHosted { get; }
    /// <summary>For a known key: the value or a ${Token} the requests fill in.</summary>
    public string? Value { get; }
    public string Type { get; }
    public string Source { get; }

    public bool IsFamily => Key.EndsWith("/*", System.StringComparison.Ordinal);

    public KeyStatus StatusOn(bool assumeRole, bool selfHosted)
        => selfHosted && SelfHosted.HasValue ? SelfHosted.Value : assumeRole ? AssumeRole : Call;

    /// <summary>Whether the row names the key (exactly, or as a "prefix/*" family), ignoring case.</summary>
    public bool Covers(string key)
        => IsFamily
            ? key.Length > Key.Length - 1 && key.StartsWith(Key.Substring(0, Key.Length - 1), System.StringComparison.OrdinalIgnoreCase)
            : string.Equals(key, Key, System.StringComparison.OrdinalIgnoreCase);

    public static KeyStatus ParseStatus(string s) => s switch
    {
        "known" => KeyStatus.Known,
        "absent" => KeyStatus.Absent,
        "unknown" => KeyStatus.Unknown,
        "unknown-or-absent" => KeyStatus.UnknownOrAbsent,
        _ => throw new System.ArgumentException($"unknown key status '{s}' (known, absent, unknown, unknown-or-absent)"),
    };

    public static string StatusName(KeyStatus s) => s switch
    {
        KeyStatus.Known => "known",
        KeyStatus.Absent => "absent",
        KeyStatus.Unknown => "unknown",
        _ => "unknown-or-absent",
    };
}
