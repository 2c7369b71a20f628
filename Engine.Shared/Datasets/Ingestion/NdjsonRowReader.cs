using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ActorQueue.Datasets.Ingestion;

/// <summary>
/// Streams an NDJSON upload (one JSON object per line, UTF-8) into rows. Blank lines are skipped. A line
/// longer than the limit is refused before it is buffered whole, so memory stays bounded.
/// </summary>
internal static class NdjsonRowReader
{
    public static async IAsyncEnumerable<ParsedRow> ReadAsync(Stream body, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        try
        {
            long line = 0;
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                var rows = new List<ParsedRow>();
                // The rows before a malformed line are handed out first: they are stored, the rest is not.
                MalformedRowException? malformed = null;
                try
                {
                    line = TakeRows(ref buffer, read.IsCompleted, line, maxLineBytes, rows);
                }
                catch (MalformedRowException exception)
                {
                    malformed = exception;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                foreach (var row in rows)
                {
                    yield return row;
                }
                if (malformed is not null)
                {
                    throw malformed;
                }
                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>Parses every whole line of <paramref name="buffer"/> into <paramref name="rows"/>; returns the last line number.</summary>
    private static long TakeRows(ref ReadOnlySequence<byte> buffer, bool completed, long line, int maxLineBytes, List<ParsedRow> rows)
    {
        while (TryTakeLine(ref buffer, out var bytes))
        {
            line++;
            if (Parse(bytes, line, maxLineBytes) is { } json)
            {
                rows.Add(new ParsedRow(json, line));
            }
        }
        if (completed && buffer.Length > 0)
        {
            line++;
            if (Parse(buffer, line, maxLineBytes) is { } json)
            {
                rows.Add(new ParsedRow(json, line));
            }
            buffer = buffer.Slice(buffer.End);
        }
        if (buffer.Length > maxLineBytes)
        {
            throw new MalformedRowException(line + 1, $"the line is longer than {maxLineBytes} bytes (Datasets:MaxRowBytes)");
        }
        return line;
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    /// <summary>The line as a JSON object's text, null for a blank line.</summary>
    private static string? Parse(ReadOnlySequence<byte> bytes, long line, int maxLineBytes)
    {
        if (bytes.Length > maxLineBytes)
        {
            throw new MalformedRowException(line, $"the line is longer than {maxLineBytes} bytes (Datasets:MaxRowBytes)");
        }
        var span = bytes.IsSingleSegment ? bytes.FirstSpan : bytes.ToArray();
        span = span.TrimEnd("\r\t "u8).TrimStart("\t "u8);
        if (span.IsEmpty)
        {
            return null;
        }
        if (line == 1 && span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }
        return ParseObject(span, line);
    }

    /// <summary>Validates one JSON object (UTF-8 included) and returns its text.</summary>
    public static string ParseObject(ReadOnlySpan<byte> json, long line)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new MalformedRowException(line, "each line must be a JSON object such as {\"player\":\"ann\",\"points\":12}");
            }
            reader.Skip();
            if (reader.Read())
            {
                throw new MalformedRowException(line, "the line holds more than one JSON value");
            }
        }
        catch (JsonException exception)
        {
            throw new MalformedRowException(line, $"not valid JSON: {exception.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
        }
        return Encoding.UTF8.GetString(json);
    }
}
