// Views and shape operations.
#include "common.h"

LT_EXPORT int lt_view(TensorHandle a, const int64_t* shape, int64_t ndim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).view(lt::dims(shape, ndim)));
  });
}

LT_EXPORT int lt_reshape(TensorHandle a, const int64_t* shape, int64_t ndim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).reshape(lt::dims(shape, ndim)));
  });
}

LT_EXPORT int lt_flatten(TensorHandle a, int64_t start_dim, int64_t end_dim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).flatten(start_dim, end_dim));
  });
}

LT_EXPORT int lt_transpose(TensorHandle a, int64_t dim0, int64_t dim1, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).transpose(dim0, dim1));
  });
}

LT_EXPORT int lt_permute(TensorHandle a, const int64_t* order, int64_t ndim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).permute(lt::dims(order, ndim)));
  });
}

LT_EXPORT int lt_unsqueeze(TensorHandle a, int64_t dim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).unsqueeze(dim));
  });
}

// Removes one dimension of size 1, or all of them when has_dim is 0.
LT_EXPORT int lt_squeeze(TensorHandle a, int64_t dim, int32_t has_dim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(has_dim ? lt::T(a).squeeze(dim) : lt::T(a).squeeze());
  });
}

LT_EXPORT int lt_expand(TensorHandle a, const int64_t* shape, int64_t ndim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).expand(lt::dims(shape, ndim)));
  });
}

LT_EXPORT int lt_narrow(TensorHandle a, int64_t dim, int64_t start, int64_t length, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).narrow(dim, start, length));
  });
}

LT_EXPORT int lt_select(TensorHandle a, int64_t dim, int64_t index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).select(dim, index));
  });
}

// Python-style slicing of one dimension; an absent bound (has_* == 0) is open.
LT_EXPORT int lt_slice(TensorHandle a, int64_t dim, int64_t start, int32_t has_start, int64_t end, int32_t has_end,
                       int64_t step, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    c10::optional<int64_t> lo = has_start ? c10::optional<int64_t>(start) : c10::nullopt;
    c10::optional<int64_t> hi = has_end ? c10::optional<int64_t>(end) : c10::nullopt;
    *out = lt::wrap(lt::T(a).slice(dim, lo, hi, step));
  });
}

LT_EXPORT int lt_flip(TensorHandle a, const int64_t* dims, int64_t ndims, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).flip(lt::dims(dims, ndims)));
  });
}

// Rolls along `dims` (one shift per dimension), or the flattened tensor when ndims is 0.
LT_EXPORT int lt_roll(TensorHandle a, const int64_t* shifts, int64_t nshifts, const int64_t* dims, int64_t ndims,
                      TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).roll(lt::dims(shifts, nshifts), lt::dims(dims, ndims)));
  });
}

LT_EXPORT int lt_repeat(TensorHandle a, const int64_t* repeats, int64_t n, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(a).repeat(lt::dims(repeats, n)));
  });
}

// kind 0 = lower triangle (tril), 1 = upper triangle (triu), 2 = diag.
LT_EXPORT int lt_triangle(int32_t kind, TensorHandle a, int64_t diagonal, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(a);
    switch (kind) {
      case 0: *out = lt::wrap(x.tril(diagonal)); return;
      case 1: *out = lt::wrap(x.triu(diagonal)); return;
      case 2: *out = lt::wrap(x.diag(diagonal)); return;
      default: throw std::invalid_argument("unknown triangle kind " + std::to_string(kind));
    }
  });
}
