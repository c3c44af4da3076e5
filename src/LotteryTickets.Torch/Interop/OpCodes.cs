namespace LotteryTickets.Torch.Interop;

/// <summary>Unary op codes; mirrors <c>enum class Unary</c> in Native/src/ops_pointwise.cpp.</summary>
internal enum UnaryOp
{
    Neg = 0, Abs, Sign, Exp, Log, Sqrt, Rsqrt, Sin, Cos, Tanh, Sigmoid, Relu, Square, Reciprocal,
    Floor, Ceil, Round, Trunc, LogicalNot, IsNan, Log1p, Expm1, Erf, Silu, Gelu, Softplus, IsFinite, Frac,
}

/// <summary>Binary op codes; mirrors <c>enum class Binary</c> in Native/src/ops_pointwise.cpp.</summary>
internal enum BinaryOp
{
    Add = 0, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr, LogicalXor,
    Remainder, Atan2, FloorDivide,
}

/// <summary>Reduction codes; mirrors <c>enum class Reduce</c> in Native/src/ops_reduction.cpp.</summary>
internal enum ReduceOp
{
    Sum = 0, Mean, Prod, Amax, Amin, Std, Var, Norm, All, Any, LogSumExp, CountNonzero,
}
