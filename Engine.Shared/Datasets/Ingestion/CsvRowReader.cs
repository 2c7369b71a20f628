using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;

namespace ActorQueue.Datasets.Ingestion;

/// <summary>
/// Streams a CSV upload (UTF-8, comma-separated, header line first, RFC 4180 quoting) into rows: each
/// becomes a JSON object of header → text. Memory stays bounded by the longest record
/// (<see cref="DatasetOptions.MaxRowBytes"/>), whatever the size of the upload. Malformed quoting, a record
/// whose field count differs from the header, and bytes that are not UTF-8 stop the upload at their line.
/// </summary>
internal static class CsvRowReader
{
    public static async IAsyncEnumerable<ParsedRow> ReadAsync(Stream body, int maxRecordBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            MaxRecordSize = maxRecordBytes,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
        };
        await using var reader = CsvReader.Create(body, options, leaveOpen: true);
        var header = await ReadHeaderAsync(reader, cancellationToken);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var json = new Utf8JsonWriter(buffer);
        while (await NextAsync(reader, cancellationToken))
        {
            var line = reader.LineNumber;
            buffer.ResetWrittenCount();
            json.Reset();
            json.WriteStartObject();
            for (var i = 0; i < header.Length; i++)
            {
                var value = reader.GetSpan(i);
                if (!Utf8.IsValid(value))
                {
                    throw new MalformedRowException(line, NotUtf8);
                }
                json.WriteString(header[i], value);
            }
            json.WriteEndObject();
            json.Flush();
            if (buffer.WrittenCount > maxRecordBytes * 2L)
            {
                throw new MalformedRowException(line, $"the row is longer than {maxRecordBytes} bytes (Datasets:MaxRowBytes)");
            }
            yield return new ParsedRow(Encoding.UTF8.GetString(buffer.WrittenSpan), line);
        }
    }

    private const string NotUtf8 = "the upload is not valid UTF-8 (convert it first, e.g. iconv -f latin1 -t utf-8)";

    private static async Task<string[]> ReadHeaderAsync(CsvReader reader, CancellationToken cancellationToken)
    {
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException exception)
        {
            throw Malformed(exception, 1);
        }
        var names = reader.Headers;
        if (names.Count == 0 || (names.Count == 1 && names[0].Length == 0))
        {
            throw new MalformedRowException(1, "the upload is empty; a CSV upload starts with a header line");
        }
        var header = new string[names.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = names[i].Trim();
            if (name.Length == 0)
            {
                throw new MalformedRowException(1, $"header column {i + 1} has no name");
            }
            if (name.Contains('\uFFFD', StringComparison.Ordinal))
            {
                throw new MalformedRowException(1, NotUtf8);
            }
            if (!seen.Add(name))
            {
                throw new MalformedRowException(1, $"the header names column '{name}' twice");
            }
            header[i] = name;
        }
        return header;
    }

    private static async ValueTask<bool> NextAsync(CsvReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException exception)
        {
            throw Malformed(exception, reader.LineNumber + 1);
        }
    }

    private static MalformedRowException Malformed(CsvFormatException exception, long fallbackLine) =>
        new(exception.LineNumber > 0 ? exception.LineNumber : fallbackLine, exception.Message.TrimEnd('.'));
}
