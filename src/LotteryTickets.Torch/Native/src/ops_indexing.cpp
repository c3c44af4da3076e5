// Indexing: index_select, gather, scatter, index/index_put_, index_fill_, masked ops, nonzero.
//
// On the CPU libtorch checks every index against the indexed size. On CUDA an index out of
// range is a device-side assertion that poisons the whole CUDA context, so indices are
// range-checked here first (one synchronization per call) for tensors on CUDA.
#include "common.h"

namespace {

void check_index_range(const char* op, const at::Tensor& index, int64_t size) {
  if (!index.is_cuda() || index.numel() == 0) return;
  if (!at::isIntegralType(index.scalar_type(), /*includeBool=*/false)) return;  // libtorch rejects the dtype
  const auto lo = index.min().item<int64_t>();
  const auto hi = index.max().item<int64_t>();
  if (lo < -size || hi >= size)
    throw std::out_of_range(std::string(op) + ": an index is out of range for a dimension of size " +
                            std::to_string(size) + " (indices span " + std::to_string(lo) + ".." +
                            std::to_string(hi) + ")");
}

// libtorch 1.13 accepts a mask of any type in masked_fill and then ignores it; insist on bool (or
// uint8, which PyTorch still accepts) everywhere, as later versions do.
const at::Tensor& check_mask(const char* op, const at::Tensor& mask) {
  if (mask.scalar_type() != at::kBool && mask.scalar_type() != at::kByte)
    throw std::invalid_argument(std::string(op) + ": the mask must be a bool tensor, but it holds " +
                                c10::toString(mask.scalar_type()) + " elements; convert it to bool first");
  return mask;
}

int64_t dim_size(const at::Tensor& x, int64_t dim) {
  return x.dim() == 0 ? 1 : x.size(dim);
}

c10::List<c10::optional<at::Tensor>> index_list(const at::Tensor& self, const TensorHandle* indices, int64_t count,
                                                const char* op) {
  if (count < 0) throw std::invalid_argument("the index list has a negative length");
  if (count > 0 && indices == nullptr) throw std::invalid_argument("the index list pointer is null");
  c10::List<c10::optional<at::Tensor>> list;
  list.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    if (indices[i] == nullptr) {
      list.push_back(c10::nullopt);
    } else {
      const auto& idx = *indices[i];
      if (idx.scalar_type() != at::kBool && i < self.dim()) check_index_range(op, idx, self.size(i));
      list.push_back(c10::optional<at::Tensor>(idx));
    }
  }
  return list;
}

}  // namespace

LT_EXPORT int lt_index_select(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(a);
    auto& i = lt::T(index, "index");
    check_index_range("index_select", i, dim_size(x, dim));
    *out = lt::wrap(x.index_select(dim, i));
  });
}

LT_EXPORT int lt_gather(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(a);
    auto& i = lt::T(index, "index");
    check_index_range("gather", i, dim_size(x, dim));
    *out = lt::wrap(x.gather(dim, i));
  });
}

// kind 0 = scatter src, 1 = scatter_add src, 2 = scatter a scalar value (src ignored).
// In place when `inplace` != 0 (then *out is left untouched).
LT_EXPORT int lt_scatter(int32_t kind, TensorHandle a, int64_t dim, TensorHandle index, TensorHandle src, double value,
                         int32_t inplace, TensorHandle* out) {
  return lt::guard([&] {
    if (inplace == 0) lt::check_out(out);
    auto& x = lt::T(a);
    auto& i = lt::T(index, "index");
    check_index_range("scatter", i, dim_size(x, dim));
    at::Tensor r;
    switch (kind) {
      case 0: r = inplace ? x.scatter_(dim, i, lt::T(src, "source")) : x.scatter(dim, i, lt::T(src, "source")); break;
      case 1:
        r = inplace ? x.scatter_add_(dim, i, lt::T(src, "source")) : x.scatter_add(dim, i, lt::T(src, "source"));
        break;
      case 2: r = inplace ? x.scatter_(dim, i, value) : x.scatter(dim, i, value); break;
      default: throw std::invalid_argument("unknown scatter kind " + std::to_string(kind));
    }
    if (inplace == 0) *out = lt::wrap(std::move(r));
  });
}

// Advanced indexing x[i0, i1, ...]; a null entry keeps its dimension whole (like ':').
LT_EXPORT int lt_index(TensorHandle a, const TensorHandle* indices, int64_t count, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(a);
    *out = lt::wrap(x.index(index_list(x, indices, count, "index")));
  });
}

LT_EXPORT int lt_index_put_(TensorHandle a, const TensorHandle* indices, int64_t count, TensorHandle values,
                            int32_t accumulate) {
  return lt::guard([&] {
    auto& x = lt::T(a);
    x.index_put_(index_list(x, indices, count, "index_put_"), lt::T(values, "values"), accumulate != 0);
  });
}

LT_EXPORT int lt_index_fill_(TensorHandle a, int64_t dim, TensorHandle index, double value) {
  return lt::guard([&] {
    auto& x = lt::T(a);
    auto& i = lt::T(index, "index");
    check_index_range("index_fill_", i, dim_size(x, dim));
    x.index_fill_(dim, i, value);
  });
}

// In place when `inplace` != 0 (then *out is left untouched).
LT_EXPORT int lt_masked_fill(TensorHandle a, TensorHandle mask, double value, int32_t inplace, TensorHandle* out) {
  return lt::guard([&] {
    auto& x = lt::T(a);
    auto& m = check_mask("masked_fill", lt::T(mask, "mask"));
    if (inplace != 0) {
      x.masked_fill_(m, value);
    } else {
      lt::check_out(out);
      *out = lt::wrap(x.masked_fill(m, value));
    }
  });
}

LT_EXPORT int lt_masked_select(TensorHandle a, TensorHandle mask, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).masked_select(check_mask("masked_select", lt::T(mask, "mask"))));
  });
}

// In place when `inplace` != 0 (then *out is left untouched).
LT_EXPORT int lt_masked_scatter(TensorHandle a, TensorHandle mask, TensorHandle source, int32_t inplace,
                                TensorHandle* out) {
  return lt::guard([&] {
    auto& x = lt::T(a);
    auto& m = check_mask("masked_scatter", lt::T(mask, "mask"));
    auto& s = lt::T(source, "source");
    if (inplace != 0) {
      x.masked_scatter_(m, s);
    } else {
      lt::check_out(out);
      *out = lt::wrap(x.masked_scatter(m, s));
    }
  });
}

LT_EXPORT int lt_nonzero(TensorHandle a, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).nonzero());
  });
}
