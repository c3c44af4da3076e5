using System.Buffers.Binary;
using System.IO.Compression;

namespace LotteryTickets.Datasets.Tests.TestSupport;

/// <summary>Builds the bytes of small IDX and CIFAR files, independently of the readers under test.</summary>
internal static class DatasetBytes
{
    /// <summary>An IDX image file whose pixel k of image i is (i * 7 + k) mod 256.</summary>
    public static byte[] IdxImages(int count, int rows, int columns, int magic = 0x00000803)
    {
        var bytes = new byte[16 + count * rows * columns];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < rows * columns; k++)
            {
                bytes[16 + i * rows * columns + k] = (byte)((i * 7 + k) % 256);
            }
        }

        return bytes;
    }

    /// <summary>An IDX label file.</summary>
    public static byte[] IdxLabels(params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>A CIFAR file of records: label byte(s), then 3072 pixel bytes where pixel k of record r is (r + k) mod 256.</summary>
    public static byte[] CifarRecords(params byte[][] labelsPerRecord)
    {
        var recordSize = labelsPerRecord[0].Length + 3072;
        var bytes = new byte[labelsPerRecord.Length * recordSize];
        for (var r = 0; r < labelsPerRecord.Length; r++)
        {
            labelsPerRecord[r].CopyTo(bytes, r * recordSize);
            for (var k = 0; k < 3072; k++)
            {
                bytes[r * recordSize + labelsPerRecord[r].Length + k] = (byte)((r + k) % 256);
            }
        }

        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }
}
