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
