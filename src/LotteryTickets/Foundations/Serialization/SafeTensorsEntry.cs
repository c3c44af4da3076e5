using static TorchSharp.torch;

namespace LotteryTickets.Serialization;

/// <summary>One tensor described by a safetensors header: its data lies at [Begin, End) of the data section.</summary>
internal sealed record SafeTensorsEntry(string Name, ScalarType Type, long[] Shape, long Begin, long End)
{
    public long Length => End - Begin;
}
