// Joining and splitting: cat, stack, split, chunk. Lists of tensors cross the ABI as arrays
// of handles; split results are written into a caller-provided array of `capacity` slots.
#include "common.h"

#include <vector>

namespace {

std::vector<at::Tensor> gather_list(const TensorHandle* tensors, int64_t count) {
  if (count < 0) throw std::invalid_argument("the tensor list has a negative length");
  if (count > 0 && tensors == nullptr) throw std::invalid_argument("the tensor list pointer is null");
  std::vector<at::Tensor> list;
  list.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    if (tensors[i] == nullptr)
      throw std::invalid_argument("the tensor at position " + std::to_string(i) + " of the list is null");
    list.push_back(*tensors[i]);
  }
  return list;
}

void write_list(const std::vector<at::Tensor>& parts, TensorHandle* outs, int64_t capacity, int64_t* count) {
  lt::check_out(count);
  if (capacity < 0 || (capacity > 0 && outs == nullptr)) throw std::invalid_argument("the output array is invalid");
  if (static_cast<int64_t>(parts.size()) > capacity)
    throw std::length_error("the result has " + std::to_string(parts.size()) + " parts but room was made for " +
                            std::to_string(capacity));
  for (size_t i = 0; i < parts.size(); ++i) outs[i] = lt::wrap(parts[i]);
  *count = static_cast<int64_t>(parts.size());
}

}  // namespace

LT_EXPORT int lt_cat(const TensorHandle* tensors, int64_t count, int64_t dim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::cat(gather_list(tensors, count), dim));
  });
}

LT_EXPORT int lt_stack(const TensorHandle* tensors, int64_t count, int64_t dim, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::stack(gather_list(tensors, count), dim));
  });
}

// Splits into pieces of `split_size` along `dim` (the last may be smaller), or, when nsizes > 0,
// into pieces of the given sizes.
LT_EXPORT int lt_split(TensorHandle a, int64_t split_size, const int64_t* sizes, int64_t nsizes, int64_t dim,
                       TensorHandle* outs, int64_t capacity, int64_t* count) {
  return lt::guard([&] {
    auto& x = lt::T(a);
    auto parts = nsizes > 0 ? x.split_with_sizes(lt::dims(sizes, nsizes), dim) : x.split(split_size, dim);
    write_list(parts, outs, capacity, count);
  });
}

LT_EXPORT int lt_chunk(TensorHandle a, int64_t chunks, int64_t dim, TensorHandle* outs, int64_t capacity,
                       int64_t* count) {
  return lt::guard([&] { write_list(lt::T(a).chunk(chunks, dim), outs, capacity, count); });
}
