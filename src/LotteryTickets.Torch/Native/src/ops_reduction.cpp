// Reductions dispatched by op code over a list of dimensions (empty = all), and linear algebra.
#include "common.h"

namespace {
enum class Reduce : int32_t { Sum = 0, Mean, Prod, Amax, Amin, Std, Var, Norm, All, Any, LogSumExp, CountNonzero };
}

LT_EXPORT int lt_reduce(int32_t code, TensorHandle a, const int64_t* dims_ptr, int64_t ndims, int32_t keepdim,
                        int32_t unbiased, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(a);
    auto d = lt::dims(dims_ptr, ndims);
    const bool all = ndims == 0;
    const bool k = keepdim != 0;
    at::Tensor r;
    switch (static_cast<Reduce>(code)) {
      case Reduce::Sum: r = all && !k ? x.sum() : x.sum(all ? at::IntArrayRef() : d, k); break;
      case Reduce::Mean: r = all && !k ? x.mean() : x.mean(all ? at::IntArrayRef() : d, k); break;
      case Reduce::Prod:
        if (all) { r = x.prod(); break; }
        if (ndims != 1) throw std::invalid_argument("prod reduces over one dimension or all");
        r = x.prod(d[0], k);
        break;
      case Reduce::Amax: r = x.amax(d, k); break;
      case Reduce::Amin: r = x.amin(d, k); break;
      case Reduce::Std: r = all && !k ? x.std(unbiased != 0) : x.std(d, unbiased != 0, k); break;
      case Reduce::Var: r = all && !k ? x.var(unbiased != 0) : x.var(d, unbiased != 0, k); break;
      case Reduce::Norm: r = all && !k ? x.norm() : at::norm(x, 2, d, k); break;
      case Reduce::All:
        if (all) { r = x.all(); break; }
        if (ndims != 1) throw std::invalid_argument("all reduces over one dimension or all");
        r = x.all(d[0], k);
        break;
      case Reduce::Any:
        if (all) { r = x.any(); break; }
        if (ndims != 1) throw std::invalid_argument("any reduces over one dimension or all");
        r = x.any(d[0], k);
        break;
      case Reduce::LogSumExp:
        if (all) throw std::invalid_argument("logsumexp needs at least one dimension");
        r = x.logsumexp(d, k);
        break;
      case Reduce::CountNonzero: r = at::count_nonzero(x, d); break;
      default: throw std::invalid_argument("unknown reduction code " + std::to_string(code));
    }
    *out = lt::wrap(std::move(r));
  });
}

// max/min/argmax/argmin along one dimension: values and indices (kind 0 = max, 1 = min).
LT_EXPORT int lt_max_min_dim(int32_t kind, TensorHandle a, int64_t dim, int32_t keepdim, TensorHandle* values,
                             TensorHandle* indices) {
  return lt::guard([&] {
    lt::check_out(values);
    lt::check_out(indices);
    auto r = kind == 0 ? lt::T(a).max(dim, keepdim != 0) : lt::T(a).min(dim, keepdim != 0);
    *values = lt::wrap(std::get<0>(r));
    *indices = lt::wrap(std::get<1>(r));
  });
}

LT_EXPORT int lt_argmax(TensorHandle a, int64_t dim, int32_t has_dim, int32_t keepdim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).argmax(has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0));
  });
}

LT_EXPORT int lt_argmin(TensorHandle a, int64_t dim, int32_t has_dim, int32_t keepdim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).argmin(has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0));
  });
}

LT_EXPORT int lt_matmul(TensorHandle a, TensorHandle b, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::matmul(lt::T(a, "left operand"), lt::T(b, "right operand")));
  });
}

LT_EXPORT int lt_mm(TensorHandle a, TensorHandle b, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::mm(lt::T(a, "left operand"), lt::T(b, "right operand")));
  });
}

LT_EXPORT int lt_bmm(TensorHandle a, TensorHandle b, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::bmm(lt::T(a, "left operand"), lt::T(b, "right operand")));
  });
}

// beta * input + alpha * (a @ b)
LT_EXPORT int lt_addmm(TensorHandle input, TensorHandle a, TensorHandle b, double beta, double alpha,
                       TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::addmm(lt::T(input, "input"), lt::T(a, "mat1"), lt::T(b, "mat2"), beta, alpha));
  });
}

LT_EXPORT int lt_dot(TensorHandle a, TensorHandle b, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::dot(lt::T(a), lt::T(b)));
  });
}
