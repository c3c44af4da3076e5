using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

public sealed partial class Tensor
{
    /// <summary>The matrix product with NumPy broadcasting rules (vector, matrix or batched).</summary>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wrap(NativeMethods.lt_matmul(Handle, other.Handle, out var r), r, nameof(MatMul));
    }

    /// <summary>The product of two matrices.</summary>
    public Tensor Mm(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wrap(NativeMethods.lt_mm(Handle, other.Handle, out var r), r, nameof(Mm));
    }

    /// <summary>The batched product of two 3-D tensors.</summary>
    public Tensor Bmm(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wrap(NativeMethods.lt_bmm(Handle, other.Handle, out var r), r, nameof(Bmm));
    }

    /// <summary>The dot product of two vectors.</summary>
    public Tensor Dot(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wrap(NativeMethods.lt_dot(Handle, other.Handle, out var r), r, nameof(Dot));
    }

    /// <summary>beta·input + alpha·(mat1 @ mat2).</summary>
    public static Tensor AddMm(Tensor input, Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(mat1);
        ArgumentNullException.ThrowIfNull(mat2);
        return Wrap(NativeMethods.lt_addmm(input.Handle, mat1.Handle, mat2.Handle, beta, alpha, out var r), r, nameof(AddMm));
    }
}
