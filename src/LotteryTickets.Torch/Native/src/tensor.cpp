// Tensor lifetime, creation from host memory, copying out, metadata and conversion.
#include "common.h"

#include <cstring>

LT_EXPORT void lt_tensor_free(TensorHandle t) { delete t; }

// Copies `nbytes` of host memory into a new tensor of the given shape, dtype and device.
LT_EXPORT int lt_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int64_t ndim,
                                  int32_t dtype, int32_t device_type, int32_t device_index, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto sizes = lt::dims(shape, ndim);
    auto cpu = at::empty(sizes, at::TensorOptions().dtype(lt::dtype(dtype)));
    const int64_t expected = cpu.numel() * static_cast<int64_t>(cpu.element_size());
    if (nbytes != expected)
      throw std::invalid_argument("the data holds " + std::to_string(nbytes) + " bytes but shape " +
                                  c10::str(sizes) + " needs " + std::to_string(expected));
    if (expected > 0) {
      if (data == nullptr) throw std::invalid_argument("the data pointer is null");
      std::memcpy(cpu.data_ptr(), data, static_cast<size_t>(expected));
    }
    auto dev = lt::device(device_type, device_index);
    *out = lt::wrap(dev.is_cpu() ? cpu : cpu.to(dev));
  });
}

// Copies the tensor's elements (row-major, contiguous) into host memory of exactly `nbytes`.
LT_EXPORT int lt_tensor_copy_to(TensorHandle t, void* data, int64_t nbytes) {
  return lt::guard([&] {
    auto src = lt::T(t).detach().to(at::kCPU).contiguous();
    const int64_t expected = src.numel() * static_cast<int64_t>(src.element_size());
    if (nbytes != expected)
      throw std::invalid_argument("the destination holds " + std::to_string(nbytes) + " bytes but the tensor has " +
                                  std::to_string(expected));
    if (expected > 0) {
      if (data == nullptr) throw std::invalid_argument("the destination pointer is null");
      std::memcpy(data, src.data_ptr(), static_cast<size_t>(expected));
    }
  });
}

LT_EXPORT int lt_tensor_dim(TensorHandle t, int64_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::T(t).dim();
  });
}

// Writes up to `capacity` sizes; the caller asks lt_tensor_dim first.
LT_EXPORT int lt_tensor_sizes(TensorHandle t, int64_t* out, int64_t capacity) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(t);
    if (capacity < x.dim()) throw std::invalid_argument("the size buffer is too small");
    for (int64_t i = 0; i < x.dim(); ++i) out[i] = x.size(i);
  });
}

LT_EXPORT int lt_tensor_strides(TensorHandle t, int64_t* out, int64_t capacity) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(t);
    if (capacity < x.dim()) throw std::invalid_argument("the stride buffer is too small");
    for (int64_t i = 0; i < x.dim(); ++i) out[i] = x.stride(i);
  });
}

LT_EXPORT int lt_tensor_numel(TensorHandle t, int64_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::T(t).numel();
  });
}

LT_EXPORT int lt_tensor_dtype(TensorHandle t, int32_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = static_cast<int32_t>(lt::T(t).scalar_type());
  });
}

LT_EXPORT int lt_tensor_device(TensorHandle t, int32_t* type, int32_t* index) {
  return lt::guard([&] {
    lt::check_out(type);
    lt::check_out(index);
    auto d = lt::T(t).device();
    *type = static_cast<int32_t>(d.type());
    *index = d.has_index() ? d.index() : -1;
  });
}

LT_EXPORT int lt_tensor_is_contiguous(TensorHandle t, int32_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::T(t).is_contiguous() ? 1 : 0;
  });
}

LT_EXPORT int lt_tensor_data_ptr(TensorHandle t, void** out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::T(t).data_ptr();
  });
}

// Reads a one-element tensor as double (for floating/bool) and as int64 (for integral).
LT_EXPORT int lt_tensor_item(TensorHandle t, double* as_double, int64_t* as_long) {
  return lt::guard([&] {
    lt::check_out(as_double);
    lt::check_out(as_long);
    auto s = lt::T(t).item();
    if (s.isIntegral(/*includeBool=*/true)) {
      *as_long = s.toLong();
      *as_double = static_cast<double>(*as_long);
    } else {
      *as_double = s.toDouble();
      *as_long = static_cast<int64_t>(*as_double);
    }
  });
}

LT_EXPORT int lt_tensor_to(TensorHandle t, int32_t dtype, int32_t device_type, int32_t device_index,
                           int32_t copy, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(t).to(lt::device(device_type, device_index), lt::dtype(dtype), false, copy != 0));
  });
}

LT_EXPORT int lt_tensor_clone(TensorHandle t, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(t).clone());
  });
}

LT_EXPORT int lt_tensor_contiguous(TensorHandle t, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(t).contiguous());
  });
}

// A new handle to the same tensor (shares storage and autograd identity).
LT_EXPORT int lt_tensor_alias(TensorHandle t, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(t));
  });
}

LT_EXPORT int lt_tensor_copy_(TensorHandle dst, TensorHandle src) {
  return lt::guard([&] { lt::T(dst, "destination").copy_(lt::T(src, "source")); });
}

LT_EXPORT int lt_tensor_same_storage(TensorHandle a, TensorHandle b, int32_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::T(a).is_same(lt::T(b)) ? 1 : 0;
  });
}

LT_EXPORT int lt_tensor_to_string(TensorHandle t, char* buffer, int64_t capacity, int64_t* needed) {
  return lt::guard([&] {
    lt::check_out(needed);
    std::ostringstream os;
    os << lt::T(t);
    auto s = os.str();
    *needed = static_cast<int64_t>(s.size()) + 1;
    if (buffer != nullptr && capacity >= *needed) std::memcpy(buffer, s.c_str(), s.size() + 1);
  });
}
