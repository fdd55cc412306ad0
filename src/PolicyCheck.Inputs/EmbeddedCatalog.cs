using System.IO;
using PolicyCheck.Facts;

namespace PolicyCheck.Inputs;

/// <summary>The AWS action catalogue embedded from rules/aws-catalog.json.gz, loaded once on first use.</summary>
public static class EmbeddedCatalog
{
    public const string Resource = "PolicyCheck.rules.aws-catalog.json.gz";
    private static readonly object Gate = new object();
    private static AwsCatalog? _loaded;

    /// <summary>Throws <see cref="InvalidDataException"/> with a clear message when the catalogue is missing or corrupt.</summary>
    public static AwsCatalog Load()
    {
        lock (Gate)
        {
            if (_loaded != null) return _loaded;
            using var stream = typeof(EmbeddedCatalog).Assembly.GetManifestResourceStream(Resource)
                ?? throw new InvalidDataException("the AWS action catalogue is not embedded in this build (rules/aws-catalog.json.gz); rebuild PolicyCheck");
            _loaded = AwsCatalog.Load(stream);
            return _loaded;
        }
    }
}
