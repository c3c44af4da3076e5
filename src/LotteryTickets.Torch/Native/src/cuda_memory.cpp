// The CUDA caching allocator's statistics, cache control and device properties.
//
// Compiled for real only when CMake found a CUDA libtorch (LT_WITH_CUDA). Against a CPU
// libtorch every export fails with a message saying so, and lt_cuda_memory_supported reports 0.
// Only APIs present in libtorch 1.13 and 2.x are used: CUDACachingAllocator::getDeviceStats,
// resetPeakStats and emptyCache (their device parameter is int in 1.13 and c10::DeviceIndex in
// 2.x, hence the cast), the stat arrays indexed by 0 (StatType::AGGREGATE in every version,
// whose namespace moved in 2.x), and the CUDA runtime's attribute queries (CUDA 13 removed the
// memory clock from cudaDeviceProp, the attribute stays).
#include "common.h"

#ifdef LT_WITH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#include <cuda_runtime_api.h>
#endif

#include <algorithm>
#include <cstring>

namespace {

#ifdef LT_WITH_CUDA
// Checks the device ordinal and makes sure libtorch has initialized CUDA (and with it the
// caching allocator, whose statistics are indexed by device).
c10::DeviceIndex cuda_device(int32_t device) {
  if (!torch::cuda::is_available())
    throw std::runtime_error("no CUDA device is available to this process (the native library has CUDA support, "
                             "but the driver reports no GPU)");
  const auto count = static_cast<int32_t>(torch::cuda::device_count());
  if (device < 0 || device >= count)
    throw std::invalid_argument("the CUDA device " + std::to_string(device) + " does not exist; devices 0 to " +
                                std::to_string(count - 1) + " are present");
  const auto index = static_cast<c10::DeviceIndex>(device);
  (void)at::empty({0}, at::TensorOptions().device(c10::Device(c10::DeviceType::CUDA, index)));
  return index;
}

void cuda_check(cudaError_t status, const char* what) {
  if (status != cudaSuccess) throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(status));
}
#else
[[noreturn]] void no_cuda() {
  throw std::runtime_error(
      "CUDA is not available: this native library was built against a libtorch without CUDA (" +
      std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) +
      ", CPU). Build the shim against a CUDA libtorch (eng/gpu/run.sh, or -p:TorchCMakePrefix=...) and select it "
      "with LOTTERYTICKETS_NATIVE_LIBRARY");
}
#endif

}  // namespace

// *out = 1 when the shim was built against a CUDA libtorch (whether or not a GPU is present).
LT_EXPORT int lt_cuda_memory_supported(int32_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
#ifdef LT_WITH_CUDA
    *out = 1;
#else
    *out = 0;
#endif
  });
}

// out[0..3] = allocated bytes (current, peak), reserved bytes (current, peak), all pools.
LT_EXPORT int lt_cuda_memory_stats(int32_t device, int64_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
#ifdef LT_WITH_CUDA
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(cuda_device(device));
    out[0] = stats.allocated_bytes[0].current;
    out[1] = stats.allocated_bytes[0].peak;
    out[2] = stats.reserved_bytes[0].current;
    out[3] = stats.reserved_bytes[0].peak;
#else
    no_cuda();
#endif
  });
}

LT_EXPORT int lt_cuda_memory_reset_peak(int32_t device) {
  return lt::guard([&] {
#ifdef LT_WITH_CUDA
    c10::cuda::CUDACachingAllocator::resetPeakStats(cuda_device(device));
#else
    no_cuda();
#endif
  });
}

// Returns the cached, unused blocks of every device to the driver.
LT_EXPORT int lt_cuda_memory_empty_cache() {
  return lt::guard([&] {
#ifdef LT_WITH_CUDA
    cuda_device(0);
    c10::cuda::CUDACachingAllocator::emptyCache();
#else
    no_cuda();
#endif
  });
}

// name: a buffer of name_capacity bytes receiving the NUL-terminated device name (truncated to fit).
// numbers[0..4] = total memory (bytes), multiprocessors, memory clock (kHz), memory bus width (bits),
// compute capability (major * 10 + minor).
LT_EXPORT int lt_cuda_device_properties(int32_t device, char* name, int32_t name_capacity, int64_t* numbers) {
  return lt::guard([&] {
    lt::check_out(numbers);
    lt::check_out(name);
    if (name_capacity < 1) throw std::invalid_argument("the name buffer must hold at least one byte");
#ifdef LT_WITH_CUDA
    const int index = cuda_device(device);
    cudaDeviceProp prop{};
    cuda_check(cudaGetDeviceProperties(&prop, index), "cudaGetDeviceProperties");
    int clock_khz = 0, bus_bits = 0;
    cuda_check(cudaDeviceGetAttribute(&clock_khz, cudaDevAttrMemoryClockRate, index), "cudaDeviceGetAttribute");
    cuda_check(cudaDeviceGetAttribute(&bus_bits, cudaDevAttrGlobalMemoryBusWidth, index), "cudaDeviceGetAttribute");
    const auto n = std::min<size_t>(std::strlen(prop.name), static_cast<size_t>(name_capacity - 1));
    std::memcpy(name, prop.name, n);
    name[n] = '\0';
    numbers[0] = static_cast<int64_t>(prop.totalGlobalMem);
    numbers[1] = prop.multiProcessorCount;
    numbers[2] = clock_khz;
    numbers[3] = bus_bits;
    numbers[4] = prop.major * 10 + prop.minor;
#else
    no_cuda();
#endif
  });
}
