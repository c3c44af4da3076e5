using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

public sealed partial class Tensor
{
    /// <summary>−x.</summary>
    public Tensor Neg() => Unary(UnaryOp.Neg);

    /// <summary>|x|.</summary>
    public Tensor Abs() => Unary(UnaryOp.Abs);

    /// <summary>The sign of each element (−1, 0 or 1).</summary>
    public Tensor Sign() => Unary(UnaryOp.Sign);

    /// <summary>eˣ.</summary>
    public Tensor Exp() => Unary(UnaryOp.Exp);

    /// <summary>Natural logarithm.</summary>
    public Tensor Log() => Unary(UnaryOp.Log);

    /// <summary>√x.</summary>
    public Tensor Sqrt() => Unary(UnaryOp.Sqrt);

    /// <summary>1/√x.</summary>
    public Tensor Rsqrt() => Unary(UnaryOp.Rsqrt);

    /// <summary>sin x.</summary>
    public Tensor Sin() => Unary(UnaryOp.Sin);

    /// <summary>cos x.</summary>
    public Tensor Cos() => Unary(UnaryOp.Cos);

    /// <summary>tanh x.</summary>
    public Tensor Tanh() => Unary(UnaryOp.Tanh);

    /// <summary>The logistic function 1/(1 + e⁻ˣ).</summary>
    public Tensor Sigmoid() => Unary(UnaryOp.Sigmoid);

    /// <summary>max(x, 0).</summary>
    public Tensor Relu() => Unary(UnaryOp.Relu);

    /// <summary>x².</summary>
    public Tensor Square() => Unary(UnaryOp.Square);

    /// <summary>1/x.</summary>
    public Tensor Reciprocal() => Unary(UnaryOp.Reciprocal);

    /// <summary>⌊x⌋.</summary>
    public Tensor Floor() => Unary(UnaryOp.Floor);

    /// <summary>⌈x⌉.</summary>
    public Tensor Ceil() => Unary(UnaryOp.Ceil);

    /// <summary>x rounded half to even.</summary>
    public Tensor Round() => Unary(UnaryOp.Round);

    /// <summary>x rounded toward zero.</summary>
    public Tensor Trunc() => Unary(UnaryOp.Trunc);

    /// <summary>The fractional part x − trunc(x).</summary>
    public Tensor Frac() => Unary(UnaryOp.Frac);

    /// <summary>Logical negation (a bool tensor).</summary>
    public Tensor LogicalNot() => Unary(UnaryOp.LogicalNot);

    /// <summary>Whether each element is NaN.</summary>
    public Tensor IsNaN() => Unary(UnaryOp.IsNan);

    /// <summary>Whether each element is finite.</summary>
    public Tensor IsFinite() => Unary(UnaryOp.IsFinite);

    /// <summary>ln(1 + x).</summary>
    public Tensor Log1p() => Unary(UnaryOp.Log1p);

    /// <summary>eˣ − 1.</summary>
    public Tensor Expm1() => Unary(UnaryOp.Expm1);

    /// <summary>The error function.</summary>
    public Tensor Erf() => Unary(UnaryOp.Erf);

    /// <summary>x·σ(x).</summary>
    public Tensor Silu() => Unary(UnaryOp.Silu);

    /// <summary>The Gaussian error linear unit.</summary>
    public Tensor Gelu() => Unary(UnaryOp.Gelu);

    /// <summary>ln(1 + eˣ).</summary>
    public Tensor Softplus() => Unary(UnaryOp.Softplus);

    /// <summary>x if x &gt; 0, else slope·x.</summary>
    public Tensor LeakyRelu(double negativeSlope = 0.01) =>
        Wrap(NativeMethods.lt_leaky_relu(Handle, negativeSlope, out var r), r, nameof(LeakyRelu));

    /// <summary>max(x, 0) in place.</summary>
    public Tensor Relu_() => Unary_(UnaryOp.Relu);

    /// <summary>−x in place.</summary>
    public Tensor Neg_() => Unary_(UnaryOp.Neg);

    /// <summary>|x| in place.</summary>
    public Tensor Abs_() => Unary_(UnaryOp.Abs);

    /// <summary>√x in place.</summary>
    public Tensor Sqrt_() => Unary_(UnaryOp.Sqrt);

    /// <summary>x² in place.</summary>
    public Tensor Square_() => Unary_(UnaryOp.Square);

    /// <summary>σ(x) in place.</summary>
    public Tensor Sigmoid_() => Unary_(UnaryOp.Sigmoid);

    /// <summary>this + other (broadcasting).</summary>
    public Tensor Add(Tensor other) => Binary(BinaryOp.Add, other);

    /// <summary>this + alpha·other (broadcasting).</summary>
    public Tensor Add(Tensor other, double alpha)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wrap(NativeMethods.lt_add_scaled(Handle, other.Handle, alpha, 0, out var r), r, nameof(Add));
    }

    /// <summary>this + value.</summary>
    public Tensor Add(double value) => BinaryScalar(BinaryOp.Add, value);

    /// <summary>this − other.</summary>
    public Tensor Sub(Tensor other) => Binary(BinaryOp.Sub, other);

    /// <summary>this − value.</summary>
    public Tensor Sub(double value) => BinaryScalar(BinaryOp.Sub, value);

    /// <summary>this · other (elementwise).</summary>
    public Tensor Mul(Tensor other) => Binary(BinaryOp.Mul, other);

    /// <summary>this · value.</summary>
    public Tensor Mul(double value) => BinaryScalar(BinaryOp.Mul, value);

    /// <summary>this / other (true division).</summary>
    public Tensor Div(Tensor other) => Binary(BinaryOp.Div, other);

    /// <summary>this / value (true division).</summary>
    public Tensor Div(double value) => BinaryScalar(BinaryOp.Div, value);

    /// <summary>⌊this / other⌋.</summary>
    public Tensor FloorDivide(Tensor other) => Binary(BinaryOp.FloorDivide, other);

    /// <summary>this raised to other.</summary>
    public Tensor Pow(Tensor exponent) => Binary(BinaryOp.Pow, exponent);

    /// <summary>this raised to <paramref name="exponent"/>.</summary>
    public Tensor Pow(double exponent) => BinaryScalar(BinaryOp.Pow, exponent);

    /// <summary>The remainder of this / other, with the sign of the divisor.</summary>
    public Tensor Remainder(Tensor other) => Binary(BinaryOp.Remainder, other);

    /// <summary>The remainder of this / value, with the sign of the divisor.</summary>
    public Tensor Remainder(double value) => BinaryScalar(BinaryOp.Remainder, value);

    /// <summary>atan2(this, other).</summary>
    public Tensor Atan2(Tensor other) => Binary(BinaryOp.Atan2, other);

    /// <summary>The elementwise maximum.</summary>
    public Tensor Maximum(Tensor other) => Binary(BinaryOp.Maximum, other);

    /// <summary>The elementwise minimum.</summary>
    public Tensor Minimum(Tensor other) => Binary(BinaryOp.Minimum, other);

    /// <summary>this == other (bool).</summary>
    public Tensor Eq(Tensor other) => Binary(BinaryOp.Eq, other);

    /// <summary>this == value (bool).</summary>
    public Tensor Eq(double value) => BinaryScalar(BinaryOp.Eq, value);

    /// <summary>this != other (bool).</summary>
    public Tensor Ne(Tensor other) => Binary(BinaryOp.Ne, other);

    /// <summary>this != value (bool).</summary>
    public Tensor Ne(double value) => BinaryScalar(BinaryOp.Ne, value);

    /// <summary>this &lt; other (bool).</summary>
    public Tensor Lt(Tensor other) => Binary(BinaryOp.Lt, other);

    /// <summary>this &lt; value (bool).</summary>
    public Tensor Lt(double value) => BinaryScalar(BinaryOp.Lt, value);

    /// <summary>this ≤ other (bool).</summary>
    public Tensor Le(Tensor other) => Binary(BinaryOp.Le, other);

    /// <summary>this ≤ value (bool).</summary>
    public Tensor Le(double value) => BinaryScalar(BinaryOp.Le, value);

    /// <summary>this &gt; other (bool).</summary>
    public Tensor Gt(Tensor other) => Binary(BinaryOp.Gt, other);

    /// <summary>this &gt; value (bool).</summary>
    public Tensor Gt(double value) => BinaryScalar(BinaryOp.Gt, value);

    /// <summary>this ≥ other (bool).</summary>
    public Tensor Ge(Tensor other) => Binary(BinaryOp.Ge, other);

    /// <summary>this ≥ value (bool).</summary>
    public Tensor Ge(double value) => BinaryScalar(BinaryOp.Ge, value);

    /// <summary>Logical and (bool).</summary>
    public Tensor LogicalAnd(Tensor other) => Binary(BinaryOp.LogicalAnd, other);

    /// <summary>Logical or (bool).</summary>
    public Tensor LogicalOr(Tensor other) => Binary(BinaryOp.LogicalOr, other);

    /// <summary>Logical exclusive or (bool).</summary>
    public Tensor LogicalXor(Tensor other) => Binary(BinaryOp.LogicalXor, other);

    /// <summary>this += other, in place.</summary>
    public Tensor Add_(Tensor other) => Binary_(BinaryOp.Add, other);

    /// <summary>this += alpha·other, in place.</summary>
    public Tensor Add_(Tensor other, double alpha)
    {
        ArgumentNullException.ThrowIfNull(other);
        NativeMethods.Check(NativeMethods.lt_add_scaled(Handle, other.Handle, alpha, 1, out _), nameof(Add_));
        return this;
    }

    /// <summary>this += value, in place.</summary>
    public Tensor Add_(double value) => BinaryScalar_(BinaryOp.Add, value);

    /// <summary>this −= other, in place.</summary>
    public Tensor Sub_(Tensor other) => Binary_(BinaryOp.Sub, other);

    /// <summary>this −= value, in place.</summary>
    public Tensor Sub_(double value) => BinaryScalar_(BinaryOp.Sub, value);

    /// <summary>this ·= other, in place.</summary>
    public Tensor Mul_(Tensor other) => Binary_(BinaryOp.Mul, other);

    /// <summary>this ·= value, in place.</summary>
    public Tensor Mul_(double value) => BinaryScalar_(BinaryOp.Mul, value);

    /// <summary>this /= other, in place.</summary>
    public Tensor Div_(Tensor other) => Binary_(BinaryOp.Div, other);

    /// <summary>this /= value, in place.</summary>
    public Tensor Div_(double value) => BinaryScalar_(BinaryOp.Div, value);

    /// <summary>Clamps into [min, max]; a null bound is open.</summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        Wrap(NativeMethods.lt_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0, out var r), r, nameof(Clamp));

    /// <summary>Elements of <paramref name="ifTrue"/> where <paramref name="condition"/> holds, else of <paramref name="ifFalse"/>.</summary>
    public static Tensor Where(Tensor condition, Tensor ifTrue, Tensor ifFalse)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(ifTrue);
        ArgumentNullException.ThrowIfNull(ifFalse);
        return Wrap(NativeMethods.lt_where(condition.Handle, ifTrue.Handle, ifFalse.Handle, out var r), r, nameof(Where));
    }

    /// <summary>Elementwise sum.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(Tensor a, double b) => a.Add(b);

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(double a, Tensor b) => b.Add(a);

    /// <summary>Elementwise difference.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    /// <summary>Subtracts a scalar.</summary>
    public static Tensor operator -(Tensor a, double b) => a.Sub(b);

    /// <summary>A scalar minus each element.</summary>
    public static Tensor operator -(double a, Tensor b) => ScalarBinary(BinaryOp.Sub, a, b);

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();

    /// <summary>Elementwise product.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(Tensor a, double b) => a.Mul(b);

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(double a, Tensor b) => b.Mul(a);

    /// <summary>Elementwise quotient.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    /// <summary>Divides by a scalar.</summary>
    public static Tensor operator /(Tensor a, double b) => a.Div(b);

    /// <summary>A scalar divided by each element.</summary>
    public static Tensor operator /(double a, Tensor b) => ScalarBinary(BinaryOp.Div, a, b);

    private static bool IsIntegral(ScalarType t) => !t.IsFloatingPoint() && t != ScalarType.Bool;

    private static Tensor ScalarBinary(BinaryOp op, double a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var status = NativeMethods.lt_scalar_binary(op, a, b.Handle, out var r);
        CheckOp(status, op, inPlace: false);
        return new Tensor(r);
    }

    private Tensor Unary(UnaryOp op)
    {
        var status = NativeMethods.lt_unary(op, Handle, out var r);
        CheckOp(status, op, inPlace: false);
        return new Tensor(r);
    }

    private Tensor Unary_(UnaryOp op)
    {
        CheckOp(NativeMethods.lt_unary_(op, Handle), op, inPlace: true);
        return this;
    }

    private Tensor Binary(BinaryOp op, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var status = NativeMethods.lt_binary(op, Handle, other.Handle, out var r);
        CheckOp(status, op, inPlace: false);
        return new Tensor(r);
    }

    private Tensor Binary_(BinaryOp op, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckOp(NativeMethods.lt_binary_(op, Handle, other.Handle), op, inPlace: true);
        return this;
    }

    private Tensor BinaryScalar(BinaryOp op, double value)
    {
        var status = NativeMethods.lt_binary_scalar(op, Handle, value, IsWholeFor(value), out var r);
        CheckOp(status, op, inPlace: false);
        return new Tensor(r);
    }

    // The operation's name is only formatted when the call failed: no allocation per op.
    private static void CheckOp<TOp>(int status, TOp op, bool inPlace)
        where TOp : struct, Enum
    {
        if (status != 0)
        {
            NativeMethods.Check(status, inPlace ? op + "_" : op.ToString());
        }
    }

    private Tensor BinaryScalar_(BinaryOp op, double value)
    {
        CheckOp(NativeMethods.lt_binary_scalar_(op, Handle, value, IsWholeFor(value)), op, inPlace: true);
        return this;
    }

    // An integral tensor combined with a whole number stays integral, as in PyTorch with a Python int.
    private int IsWholeFor(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 9.2e18 && IsIntegral(DType) ? 1 : 0;
}
