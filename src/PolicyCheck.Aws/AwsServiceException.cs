using System;

namespace PolicyCheck.Aws;

/// <summary>An AWS service's error answer: code, message, HTTP status and request ID (kept for the report).</summary>
public abstract class AwsServiceException : Exception
{
    protected AwsServiceException(string code, string message, int status, string? requestId, Exception? inner = null) : base($"{code}: {message}", inner)
    {
        Code = code;
        Detail = message;
        Status = status;
        RequestId = requestId;
    }

    public string Code { get; }
    public string Detail { get; }
    public int Status { get; }
    public string? RequestId { get; }
}
