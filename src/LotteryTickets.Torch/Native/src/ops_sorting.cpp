// Sorting and selection: sort, argsort, topk, kthvalue, cumsum, unique.
#include "common.h"

LT_EXPORT int lt_sort(TensorHandle a, int64_t dim, int32_t descending, int32_t stable, TensorHandle* values,
                      TensorHandle* indices) {
  return lt::guard([&] {
    lt::check_out(values);
    lt::check_out(indices);
    auto r = lt::T(a).sort(c10::optional<bool>(stable != 0), dim, descending != 0);
    *values = lt::wrap(std::get<0>(r));
    *indices = lt::wrap(std::get<1>(r));
  });
}

LT_EXPORT int lt_argsort(TensorHandle a, int64_t dim, int32_t descending, int32_t stable, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(std::get<1>(lt::T(a).sort(c10::optional<bool>(stable != 0), dim, descending != 0)));
  });
}

LT_EXPORT int lt_topk(TensorHandle a, int64_t k, int64_t dim, int32_t largest, int32_t sorted, TensorHandle* values,
                      TensorHandle* indices) {
  return lt::guard([&] {
    lt::check_out(values);
    lt::check_out(indices);
    auto r = lt::T(a).topk(k, dim, largest != 0, sorted != 0);
    *values = lt::wrap(std::get<0>(r));
    *indices = lt::wrap(std::get<1>(r));
  });
}

LT_EXPORT int lt_kthvalue(TensorHandle a, int64_t k, int64_t dim, int32_t keepdim, TensorHandle* values,
                          TensorHandle* indices) {
  return lt::guard([&] {
    lt::check_out(values);
    lt::check_out(indices);
    auto r = lt::T(a).kthvalue(k, dim, keepdim != 0);
    *values = lt::wrap(std::get<0>(r));
    *indices = lt::wrap(std::get<1>(r));
  });
}

// Cumulative sum along `dim`, accumulated in dtype `dtype_code` when has_dtype != 0.
LT_EXPORT int lt_cumsum(TensorHandle a, int64_t dim, int32_t dtype_code, int32_t has_dtype, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    c10::optional<at::ScalarType> t = has_dtype ? c10::optional<at::ScalarType>(lt::dtype(dtype_code)) : c10::nullopt;
    *out = lt::wrap(lt::T(a).cumsum(dim, t));
  });
}

// The distinct elements of the flattened tensor, with the inverse map (same shape as the input)
// and the count of each distinct element.
LT_EXPORT int lt_unique(TensorHandle a, int32_t sorted, TensorHandle* values, TensorHandle* inverse,
                        TensorHandle* counts) {
  return lt::guard([&] {
    lt::check_out(values);
    lt::check_out(inverse);
    lt::check_out(counts);
    auto r = at::_unique2(lt::T(a), sorted != 0, true, true);
    *values = lt::wrap(std::get<0>(r));
    *inverse = lt::wrap(std::get<1>(r));
    *counts = lt::wrap(std::get<2>(r));
  });
}
