
namespace PolicyCheck.Facts;

/// <summary>Whether a context key is on one of the gateway's requests, and what is known of its value.</summary>
public enum KeyStatus
{
    Known,
    Absent,
    Unknown,
    UnknownOrAbsent,
}
