using System.Buffers.Binary;
using System.Text;

namespace LotteryTickets.Package.Tests;

/// <summary>Reads whether an ELF file's requirement of a symbol version (.gnu.version_r) is marked weak.</summary>
internal static class GlibcxxFlags
{
    public static bool IsWeak(byte[] elf, string version)
    {
        var b = elf.AsSpan();
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(b[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(b[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(b[0x3C..]);
        for (var i = 0; i < shnum; i++)
        {
            var sh = b[(shoff + (i * shentsize))..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != 0x6ffffffe)
            {
                continue;
            }

            var entry = (int)BinaryPrimitives.ReadUInt64LittleEndian(sh[24..]);
            var link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[40..]);
            var strings = (int)BinaryPrimitives.ReadUInt64LittleEndian(b[(shoff + (link * shentsize) + 24)..]);
            while (true)
            {
                int count = BinaryPrimitives.ReadUInt16LittleEndian(b[(entry + 2)..]);
                var aux = entry + (int)BinaryPrimitives.ReadUInt32LittleEndian(b[(entry + 8)..]);
                for (var a = 0; a < count; a++)
                {
                    var name = strings + (int)BinaryPrimitives.ReadUInt32LittleEndian(b[(aux + 8)..]);
                    var end = b[name..].IndexOf((byte)0);
                    if (Encoding.ASCII.GetString(b.Slice(name, end)) == version)
                    {
                        return (BinaryPrimitives.ReadUInt16LittleEndian(b[(aux + 4)..]) & 0x2) != 0;
                    }

                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(b[(aux + 12)..]);
                }

                var next = (int)BinaryPrimitives.ReadUInt32LittleEndian(b[(entry + 12)..]);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        throw new InvalidDataException($"The library names no requirement of {version}.");
    }
}
