
namespace PolicyCheck.Facts;

public enum Severity
{
    Note = 0,
    Warning = 1,
    Error = 2,
}
