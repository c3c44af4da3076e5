namespace LotteryTickets.Torch;

/// <summary>Element types of tensors. The values are libtorch's <c>c10::ScalarType</c> codes.</summary>
public enum ScalarType
{
    /// <summary>8-bit unsigned integer.</summary>
    UInt8 = 0,

    /// <summary>8-bit signed integer.</summary>
    Int8 = 1,

    /// <summary>16-bit signed integer.</summary>
    Int16 = 2,

    /// <summary>32-bit signed integer.</summary>
    Int32 = 3,

    /// <summary>64-bit signed integer.</summary>
    Int64 = 4,

    /// <summary>16-bit IEEE float.</summary>
    Float16 = 5,

    /// <summary>32-bit IEEE float.</summary>
    Float32 = 6,

    /// <summary>64-bit IEEE float.</summary>
    Float64 = 7,

    /// <summary>Boolean.</summary>
    Bool = 11,

    /// <summary>16-bit brain float.</summary>
    BFloat16 = 15,
}
