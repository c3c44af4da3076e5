// Pointwise operations dispatched by op code: unary, binary (tensor-tensor and tensor-scalar),
// each out-of-place or in-place. The codes are mirrored by the managed enums UnaryOp and BinaryOp.
#include "common.h"

#include <cmath>

namespace {

enum class Unary : int32_t {
  Neg = 0, Abs, Sign, Exp, Log, Sqrt, Rsqrt, Sin, Cos, Tanh, Sigmoid, Relu, Square, Reciprocal,
  Floor, Ceil, Round, Trunc, LogicalNot, IsNan, Log1p, Expm1, Erf, Silu, Gelu, Softplus, IsFinite, Frac
};

enum class Binary : int32_t {
  Add = 0, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr, LogicalXor,
  Remainder, Atan2, FloorDivide
};

at::Tensor unary(int32_t code, const at::Tensor& x) {
  switch (static_cast<Unary>(code)) {
    case Unary::Neg: return x.neg();
    case Unary::Abs: return x.abs();
    case Unary::Sign: return x.sign();
    case Unary::Exp: return x.exp();
    case Unary::Log: return x.log();
    case Unary::Sqrt: return x.sqrt();
    case Unary::Rsqrt: return x.rsqrt();
    case Unary::Sin: return x.sin();
    case Unary::Cos: return x.cos();
    case Unary::Tanh: return x.tanh();
    case Unary::Sigmoid: return x.sigmoid();
    case Unary::Relu: return x.relu();
    case Unary::Square: return x.square();
    case Unary::Reciprocal: return x.reciprocal();
    case Unary::Floor: return x.floor();
    case Unary::Ceil: return x.ceil();
    case Unary::Round: return x.round();
    case Unary::Trunc: return x.trunc();
    case Unary::LogicalNot: return x.logical_not();
    case Unary::IsNan: return x.isnan();
    case Unary::Log1p: return x.log1p();
    case Unary::Expm1: return x.expm1();
    case Unary::Erf: return x.erf();
    case Unary::Silu: return at::silu(x);
    case Unary::Gelu: return at::gelu(x);
    case Unary::Softplus: return at::softplus(x);
    case Unary::IsFinite: return x.isfinite();
    case Unary::Frac: return x.frac();
  }
  throw std::invalid_argument("unknown unary op code " + std::to_string(code));
}

void unary_(int32_t code, at::Tensor& x) {
  switch (static_cast<Unary>(code)) {
    case Unary::Neg: x.neg_(); return;
    case Unary::Abs: x.abs_(); return;
    case Unary::Sign: x.sign_(); return;
    case Unary::Exp: x.exp_(); return;
    case Unary::Log: x.log_(); return;
    case Unary::Sqrt: x.sqrt_(); return;
    case Unary::Rsqrt: x.rsqrt_(); return;
    case Unary::Sin: x.sin_(); return;
    case Unary::Cos: x.cos_(); return;
    case Unary::Tanh: x.tanh_(); return;
    case Unary::Sigmoid: x.sigmoid_(); return;
    case Unary::Relu: x.relu_(); return;
    case Unary::Square: x.square_(); return;
    case Unary::Reciprocal: x.reciprocal_(); return;
    case Unary::Floor: x.floor_(); return;
    case Unary::Ceil: x.ceil_(); return;
    case Unary::Round: x.round_(); return;
    case Unary::Trunc: x.trunc_(); return;
    case Unary::LogicalNot: x.logical_not_(); return;
    case Unary::Log1p: x.log1p_(); return;
    case Unary::Expm1: x.expm1_(); return;
    case Unary::Erf: x.erf_(); return;
    case Unary::Silu: at::silu_(x); return;
    case Unary::Frac: x.frac_(); return;
    default: break;
  }
  throw std::invalid_argument("unary op code " + std::to_string(code) + " has no in-place form");
}

at::Tensor binary(int32_t code, const at::Tensor& a, const at::Tensor& b) {
  switch (static_cast<Binary>(code)) {
    case Binary::Add: return a.add(b);
    case Binary::Sub: return a.sub(b);
    case Binary::Mul: return a.mul(b);
    case Binary::Div: return a.div(b);
    case Binary::Pow: return a.pow(b);
    case Binary::Maximum: return at::maximum(a, b);
    case Binary::Minimum: return at::minimum(a, b);
    case Binary::Eq: return a.eq(b);
    case Binary::Ne: return a.ne(b);
    case Binary::Lt: return a.lt(b);
    case Binary::Le: return a.le(b);
    case Binary::Gt: return a.gt(b);
    case Binary::Ge: return a.ge(b);
    case Binary::LogicalAnd: return a.logical_and(b);
    case Binary::LogicalOr: return a.logical_or(b);
    case Binary::LogicalXor: return a.logical_xor(b);
    case Binary::Remainder: return a.remainder(b);
    case Binary::Atan2: return a.atan2(b);
    case Binary::FloorDivide: return a.div(b, "floor");
  }
  throw std::invalid_argument("unknown binary op code " + std::to_string(code));
}

at::Tensor binary(int32_t code, const at::Tensor& a, const at::Scalar& b) {
  switch (static_cast<Binary>(code)) {
    case Binary::Add: return a.add(b);
    case Binary::Sub: return a.sub(b);
    case Binary::Mul: return a.mul(b);
    case Binary::Div: return a.div(b);
    case Binary::Pow: return a.pow(b);
    case Binary::Maximum: return a.clamp_min(b);
    case Binary::Minimum: return a.clamp_max(b);
    case Binary::Eq: return a.eq(b);
    case Binary::Ne: return a.ne(b);
    case Binary::Lt: return a.lt(b);
    case Binary::Le: return a.le(b);
    case Binary::Gt: return a.gt(b);
    case Binary::Ge: return a.ge(b);
    case Binary::Remainder: return a.remainder(b);
    case Binary::FloorDivide: return a.div(b, "floor");
    default: break;
  }
  throw std::invalid_argument("binary op code " + std::to_string(code) + " has no tensor-scalar form");
}

template <class Other>
void binary_(int32_t code, at::Tensor& a, const Other& b) {
  switch (static_cast<Binary>(code)) {
    case Binary::Add: a.add_(b); return;
    case Binary::Sub: a.sub_(b); return;
    case Binary::Mul: a.mul_(b); return;
    case Binary::Div: a.div_(b); return;
    case Binary::Pow: a.pow_(b); return;
    case Binary::Remainder: a.remainder_(b); return;
    default: break;
  }
  throw std::invalid_argument("binary op code " + std::to_string(code) + " has no in-place form");
}

at::Scalar scalar(double value, int32_t integral) {
  return integral != 0 ? at::Scalar(static_cast<int64_t>(value)) : at::Scalar(value);
}

}  // namespace

LT_EXPORT int lt_unary(int32_t code, TensorHandle a, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(unary(code, lt::T(a)));
  });
}

LT_EXPORT int lt_unary_(int32_t code, TensorHandle a) {
  return lt::guard([&] { unary_(code, lt::T(a)); });
}

LT_EXPORT int lt_binary(int32_t code, TensorHandle a, TensorHandle b, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(binary(code, lt::T(a, "left operand"), lt::T(b, "right operand")));
  });
}

LT_EXPORT int lt_binary_(int32_t code, TensorHandle a, TensorHandle b) {
  return lt::guard([&] { binary_(code, lt::T(a, "left operand"), lt::T(b, "right operand")); });
}

// `integral` != 0 passes the scalar as an integer, so integer tensors keep their type.
LT_EXPORT int lt_binary_scalar(int32_t code, TensorHandle a, double b, int32_t integral, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(binary(code, lt::T(a), scalar(b, integral)));
  });
}

LT_EXPORT int lt_binary_scalar_(int32_t code, TensorHandle a, double b, int32_t integral) {
  return lt::guard([&] { binary_(code, lt::T(a), scalar(b, integral)); });
}

// scalar - tensor, scalar / tensor, scalar ^ tensor (code Sub, Div, Pow).
LT_EXPORT int lt_scalar_binary(int32_t code, double a, TensorHandle b, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(b);
    switch (static_cast<Binary>(code)) {
      case Binary::Sub: *out = lt::wrap(at::rsub(x, a)); return;
      case Binary::Div: *out = lt::wrap(x.reciprocal().mul(a)); return;
      case Binary::Pow: *out = lt::wrap(at::pow(a, x)); return;
      default: throw std::invalid_argument("binary op code " + std::to_string(code) + " has no scalar-tensor form");
    }
  });
}

// a + alpha * b, in place when `inplace` != 0 (then *out is left untouched).
LT_EXPORT int lt_add_scaled(TensorHandle a, TensorHandle b, double alpha, int32_t inplace, TensorHandle* out) {
  return lt::guard([&] {
    if (inplace != 0) {
      lt::T(a).add_(lt::T(b), alpha);
    } else {
      lt::check_out(out);
      *out = lt::wrap(lt::T(a).add(lt::T(b), alpha));
    }
  });
}

LT_EXPORT int lt_clamp(TensorHandle a, double min, int32_t has_min, double max, int32_t has_max, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(a);
    // Whole bounds keep an integral tensor integral, as Python ints do in PyTorch.
    const bool integral = at::isIntegralType(x.scalar_type(), /*includeBool=*/false);
    auto bound = [&](double v) { return scalar(v, integral && v == std::floor(v) && std::abs(v) < 9.2e18 ? 1 : 0); };
    c10::optional<at::Scalar> lo = has_min ? c10::optional<at::Scalar>(bound(min)) : c10::nullopt;
    c10::optional<at::Scalar> hi = has_max ? c10::optional<at::Scalar>(bound(max)) : c10::nullopt;
    *out = lt::wrap(x.clamp(lo, hi));
  });
}

LT_EXPORT int lt_where(TensorHandle condition, TensorHandle a, TensorHandle b, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::where(lt::T(condition, "condition"), lt::T(a), lt::T(b)));
  });
}

LT_EXPORT int lt_leaky_relu(TensorHandle a, double slope, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::leaky_relu(lt::T(a), slope));
  });
}
