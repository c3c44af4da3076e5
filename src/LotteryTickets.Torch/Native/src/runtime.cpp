// Library-wide state: the thread-local error message, versions, seeding, threads, CUDA.
#include "common.h"

#include <dlfcn.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {
thread_local std::string last_error;
}

namespace lt {
void set_last_error(std::string message) { last_error = std::move(message); }
}  // namespace lt

LT_EXPORT const char* lt_last_error() { return last_error.c_str(); }

LT_EXPORT const char* lt_torch_version() {
  static const std::string v = std::to_string(TORCH_VERSION_MAJOR) + "." +
                               std::to_string(TORCH_VERSION_MINOR) + "." +
                               std::to_string(TORCH_VERSION_PATCH);
  return v.c_str();
}

// Raises a C++ exception of a type that is not std::exception, to prove the guard.
LT_EXPORT int lt_test_throw(int32_t kind) {
  return lt::guard([&] {
    if (kind == 0) TORCH_CHECK(false, "c10 error raised on request");
    if (kind == 1) throw std::out_of_range("std exception raised on request");
    throw 42;
  });
}

LT_EXPORT int lt_manual_seed(uint64_t seed) {
  return lt::guard([&] { torch::manual_seed(seed); });
}

LT_EXPORT int lt_set_num_threads(int32_t n) {
  return lt::guard([&] {
    if (n < 1) throw std::invalid_argument("the thread count must be at least 1");
    at::set_num_threads(n);
  });
}

LT_EXPORT int lt_get_num_threads(int32_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = at::get_num_threads();
  });
}

// Sets the thread count of the BLAS libtorch links (OpenBLAS), when that BLAS exposes it.
// *applied is 1 when a BLAS thread setter was found.
LT_EXPORT int lt_set_blas_threads(int32_t n, int32_t* applied) {
  return lt::guard([&] {
    lt::check_out(applied);
    if (n < 1) throw std::invalid_argument("the BLAS thread count must be at least 1");
    using setter = void (*)(int);
    *applied = 0;
    for (const char* name : {"openblas_set_num_threads", "goto_set_num_threads", "MKL_Set_Num_Threads"}) {
      if (auto f = reinterpret_cast<setter>(dlsym(RTLD_DEFAULT, name))) {
        f(n);
        *applied = 1;
      }
    }
  });
}

// Fixes glibc malloc's mmap and trim thresholds, which libtorch's CPU allocator goes through. With the defaults
// (dynamic, starting at 128 KiB) tensors of a few hundred KiB are mmapped, page-faulted and unmapped every step
// until a large enough block happens to be freed. *applied is 0 where the C library is not glibc.
LT_EXPORT int lt_set_host_allocator_thresholds(int64_t mmap_threshold, int64_t trim_threshold, int32_t* applied) {
  return lt::guard([&] {
    lt::check_out(applied);
    if (mmap_threshold < 0 || trim_threshold < 0) throw std::invalid_argument("the allocator thresholds must be 0 or more");
    *applied = 0;
#if defined(__GLIBC__)
    if (mmap_threshold > INT32_MAX || trim_threshold > INT32_MAX) throw std::invalid_argument("the allocator thresholds must fit in 32 bits");
    const bool mmap_ok = mallopt(M_MMAP_THRESHOLD, static_cast<int>(mmap_threshold)) == 1;
    const bool trim_ok = mallopt(M_TRIM_THRESHOLD, static_cast<int>(trim_threshold)) == 1;
    *applied = mmap_ok && trim_ok ? 1 : 0;
#endif
  });
}

LT_EXPORT int lt_cuda_is_available(int32_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = torch::cuda::is_available() ? 1 : 0;
  });
}

LT_EXPORT int lt_cuda_device_count(int32_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = static_cast<int32_t>(torch::cuda::device_count());
  });
}

LT_EXPORT int lt_cuda_manual_seed_all(uint64_t seed) {
  return lt::guard([&] { torch::cuda::manual_seed_all(seed); });
}

LT_EXPORT int lt_cuda_synchronize(int32_t index) {
  return lt::guard([&] { torch::cuda::synchronize(index); });
}

LT_EXPORT int lt_grad_mode_set(int32_t enabled, int32_t* previous) {
  return lt::guard([&] {
    lt::check_out(previous);
    *previous = at::GradMode::is_enabled() ? 1 : 0;
    at::GradMode::set_enabled(enabled != 0);
  });
}

LT_EXPORT int lt_grad_mode_get(int32_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = at::GradMode::is_enabled() ? 1 : 0;
  });
}
