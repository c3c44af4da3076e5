// Tensor factories: constant, range and random tensors.
#include "common.h"

LT_EXPORT int lt_full(const int64_t* shape, int64_t ndim, double value, int32_t dtype, int32_t device_type,
                      int32_t device_index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::full(lt::dims(shape, ndim), value, lt::options(dtype, device_type, device_index)));
  });
}

LT_EXPORT int lt_empty(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type, int32_t device_index,
                       TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::empty(lt::dims(shape, ndim), lt::options(dtype, device_type, device_index)));
  });
}

LT_EXPORT int lt_arange(double start, double end, double step, int32_t dtype, int32_t device_type,
                        int32_t device_index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::arange(start, end, step, lt::options(dtype, device_type, device_index)));
  });
}

LT_EXPORT int lt_linspace(double start, double end, int64_t steps, int32_t dtype, int32_t device_type,
                          int32_t device_index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::linspace(start, end, steps, lt::options(dtype, device_type, device_index)));
  });
}

LT_EXPORT int lt_eye(int64_t n, int32_t dtype, int32_t device_type, int32_t device_index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::eye(n, lt::options(dtype, device_type, device_index)));
  });
}

LT_EXPORT int lt_rand(const int64_t* shape, int64_t ndim, GeneratorHandle g, int32_t dtype, int32_t device_type,
                      int32_t device_index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::rand(lt::dims(shape, ndim), lt::gen(g), lt::options(dtype, device_type, device_index)));
  });
}

LT_EXPORT int lt_randn(const int64_t* shape, int64_t ndim, GeneratorHandle g, int32_t dtype, int32_t device_type,
                       int32_t device_index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::randn(lt::dims(shape, ndim), lt::gen(g), lt::options(dtype, device_type, device_index)));
  });
}

LT_EXPORT int lt_randint(int64_t low, int64_t high, const int64_t* shape, int64_t ndim, GeneratorHandle g,
                         int32_t dtype, int32_t device_type, int32_t device_index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    if (high <= low) throw std::invalid_argument("randint needs low < high");
    *out = lt::wrap(
        at::randint(low, high, lt::dims(shape, ndim), lt::gen(g), lt::options(dtype, device_type, device_index)));
  });
}

LT_EXPORT int lt_randperm(int64_t n, GeneratorHandle g, int32_t dtype, int32_t device_type, int32_t device_index,
                          TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::randperm(n, lt::gen(g), lt::options(dtype, device_type, device_index)));
  });
}

// In-place random fills: kind 0 = uniform(a, b), 1 = normal(mean a, std b), 2 = bernoulli(p = a).
LT_EXPORT int lt_random_fill_(TensorHandle t, int32_t kind, double a, double b, GeneratorHandle g) {
  return lt::guard([&] {
    auto& x = lt::T(t);
    switch (kind) {
      case 0: x.uniform_(a, b, lt::gen(g)); break;
      case 1: x.normal_(a, b, lt::gen(g)); break;
      case 2: x.bernoulli_(a, lt::gen(g)); break;
      default: throw std::invalid_argument("unknown random fill kind " + std::to_string(kind));
    }
  });
}

LT_EXPORT int lt_fill_(TensorHandle t, double value) {
  return lt::guard([&] { lt::T(t).fill_(value); });
}

LT_EXPORT int lt_zero_(TensorHandle t) {
  return lt::guard([&] { lt::T(t).zero_(); });
}
