// Explicit random generators, so that a run's randomness does not depend on global state.
#include "common.h"

#include <ATen/CPUGeneratorImpl.h>
#ifdef LT_WITH_CUDA
#include <ATen/cuda/CUDAGeneratorImpl.h>
#endif

LT_EXPORT void lt_generator_free(GeneratorHandle g) { delete g; }

LT_EXPORT int lt_generator_new(uint64_t seed, int32_t device_type, int32_t device_index, GeneratorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto dev = lt::device(device_type, device_index);
    at::Generator g;
    if (dev.is_cpu()) {
      g = at::make_generator<at::CPUGeneratorImpl>(seed);
    } else {
#ifdef LT_WITH_CUDA
      g = at::make_generator<at::CUDAGeneratorImpl>(dev.index());
      g.set_current_seed(seed);
#else
      throw std::runtime_error("this build of the native library has no CUDA support");
#endif
    }
    *out = new at::Generator(std::move(g));
  });
}

LT_EXPORT int lt_generator_set_seed(GeneratorHandle g, uint64_t seed) {
  return lt::guard([&] {
    if (g == nullptr) throw std::invalid_argument("the generator handle is null");
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_current_seed(seed);
  });
}

LT_EXPORT int lt_generator_seed(GeneratorHandle g, uint64_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    if (g == nullptr) throw std::invalid_argument("the generator handle is null");
    *out = g->current_seed();
  });
}

// The generator's full state as a uint8 tensor, to checkpoint and restore random streams.
LT_EXPORT int lt_generator_get_state(GeneratorHandle g, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    if (g == nullptr) throw std::invalid_argument("the generator handle is null");
    std::lock_guard<std::mutex> lock(g->mutex());
    *out = lt::wrap(g->get_state());
  });
}

LT_EXPORT int lt_generator_set_state(GeneratorHandle g, TensorHandle state) {
  return lt::guard([&] {
    if (g == nullptr) throw std::invalid_argument("the generator handle is null");
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_state(lt::T(state, "state"));
  });
}
