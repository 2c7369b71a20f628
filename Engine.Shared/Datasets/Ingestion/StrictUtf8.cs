using System.Text;

namespace ActorQueue.Datasets.Ingestion;

internal static class StrictUtf8
{
    /// <summary>UTF-8 that throws on invalid bytes instead of replacing them: a Latin-1 upload is refused, not mangled.</summary>
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
