// Shared conventions of the C ABI.
//
// Every export is extern "C", returns an int status (0 = success, -1 = failure) and
// reports results through out-parameters. Every export body runs inside lt::guard, which
// catches every C++ exception (c10::Error, std::exception and anything else), stores its
// message in thread-local storage (read with lt_last_error) and returns -1. No C++
// exception ever crosses the C ABI.
//
// Tensor handles are heap-allocated at::Tensor objects owned by the caller, released with
// lt_tensor_free. A handle refers to a tensor, not to its storage: views share storage.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

#define LT_EXPORT extern "C" __attribute__((visibility("default")))

using TensorHandle = at::Tensor*;
using GeneratorHandle = at::Generator*;

namespace lt {

void set_last_error(std::string message);

template <class F>
inline int guard(F&& body) noexcept {
  try {
    body();
    return 0;
  } catch (const c10::Error& e) {
    set_last_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_last_error(e.what());
  } catch (...) {
    set_last_error("an unknown native exception was thrown");
  }
  return -1;
}

// Dereferences a handle, rejecting null (a released or never-created tensor).
inline at::Tensor& T(TensorHandle h, const char* what = "tensor") {
  if (h == nullptr) throw std::invalid_argument(std::string("the ") + what + " handle is null");
  return *h;
}

// Moves a result onto the heap as a new handle owned by the caller.
inline TensorHandle wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }

inline void check_out(void* out) {
  if (out == nullptr) throw std::invalid_argument("the output pointer is null");
}

inline at::IntArrayRef dims(const int64_t* values, int64_t count) {
  if (count < 0) throw std::invalid_argument("a dimension list has a negative length");
  if (count > 0 && values == nullptr) throw std::invalid_argument("a dimension list pointer is null");
  return at::IntArrayRef(values, static_cast<size_t>(count));
}

inline c10::ScalarType dtype(int32_t code) {
  switch (static_cast<c10::ScalarType>(code)) {
    case c10::ScalarType::Byte:
    case c10::ScalarType::Char:
    case c10::ScalarType::Short:
    case c10::ScalarType::Int:
    case c10::ScalarType::Long:
    case c10::ScalarType::Half:
    case c10::ScalarType::Float:
    case c10::ScalarType::Double:
    case c10::ScalarType::Bool:
    case c10::ScalarType::BFloat16:
      return static_cast<c10::ScalarType>(code);
    default:
      throw std::invalid_argument("unsupported dtype code " + std::to_string(code));
  }
}

inline c10::Device device(int32_t type, int32_t index) {
  if (type == 0) return c10::Device(c10::DeviceType::CPU);
  if (type == 1) {
    if (!torch::cuda::is_available())
      throw std::runtime_error("CUDA device requested but no CUDA device is available to this libtorch build");
    return c10::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(index < 0 ? 0 : index));
  }
  throw std::invalid_argument("unsupported device type code " + std::to_string(type));
}

inline at::TensorOptions options(int32_t dtype_code, int32_t device_type, int32_t device_index) {
  return at::TensorOptions().dtype(dtype(dtype_code)).device(device(device_type, device_index));
}

inline c10::optional<at::Generator> gen(GeneratorHandle g) {
  if (g == nullptr) return c10::nullopt;
  return *g;
}

}  // namespace lt
