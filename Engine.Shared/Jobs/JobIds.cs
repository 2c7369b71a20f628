using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ActorQueue.Jobs;

/// <summary>
/// UUIDv7 job ids that are strictly increasing within a process (RFC 9562, method 3: the 12-bit
/// <c>rand_a</c> field counts ids made in the same millisecond), so ids sort in enqueue order.
/// <see cref="Guid.CreateVersion7()"/> alone is random within a millisecond.
/// </summary>
internal sealed class JobIds
{
    private readonly Lock _lock = new();
    private long _lastMs = -1;
    private int _counter;

    public string Next(DateTimeOffset now)
    {
        long ms;
        int counter;
        lock (_lock)
        {
            ms = Math.Max(now.ToUnixTimeMilliseconds(), _lastMs);
            if (ms == _lastMs)
            {
                if (++_counter > 0xFFF)
                {
                    // 4096 ids in one millisecond: borrow the next millisecond rather than repeat.
                    ms++;
                    _counter = 0;
                }
            }
            else
            {
                _counter = 0;
            }
            _lastMs = ms;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteUInt64BigEndian(bytes, ((ulong)ms << 16) | 0x7000UL | (uint)counter);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    /// <summary>
    /// The millisecond a job id was made, which is when the job was enqueued (the store makes the id at insert):
    /// the first 48 bits of a UUIDv7. False for an id that is not a UUIDv7.
    /// </summary>
    public static bool TryReadTime(string id, out DateTimeOffset enqueuedAt)
    {
        enqueuedAt = default;
        if (!Guid.TryParse(id, out var guid) || guid.Version != 7)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        var ms = (long)(BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 16);
        enqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }
}
