// Neural-network functions: linear and convolution layers, pooling, batch norm, dropout,
// softmax and losses. Two-dimensional sizes (kernel, stride, padding, dilation) arrive as
// (height, width) pairs of int64. Reduction codes are at::Reduction's: 0 none, 1 mean, 2 sum.
#include "common.h"

namespace {

c10::optional<at::Tensor> optional(TensorHandle h) {
  if (h == nullptr) return c10::nullopt;
  return *h;
}

int64_t reduction(int32_t code) {
  if (code < 0 || code > 2) throw std::invalid_argument("unknown reduction code " + std::to_string(code));
  return code;
}

// Class targets on a GPU are checked here: an out-of-range target there is a device-side
// assertion that poisons the CUDA context instead of an exception. libtorch checks CPU targets itself.
void check_class_targets(const at::Tensor& input, const at::Tensor& target, int64_t ignore_index) {
  if (target.is_cpu() || target.numel() == 0 || c10::isFloatingType(target.scalar_type())) return;
  const int64_t classes = input.dim() == 1 ? input.size(0) : input.size(1);
  auto bad = target.ne(ignore_index).logical_and(target.lt(0).logical_or(target.ge(classes)));
  if (bad.any().item<bool>())
    throw std::invalid_argument("a class target is outside [0, " + std::to_string(classes) + ")");
}

}  // namespace

LT_EXPORT int lt_linear(TensorHandle input, TensorHandle weight, TensorHandle bias, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::linear(lt::T(input, "input"), lt::T(weight, "weight"), optional(bias)));
  });
}

LT_EXPORT int lt_conv2d(TensorHandle input, TensorHandle weight, TensorHandle bias, int64_t stride_h, int64_t stride_w,
                        int64_t padding_h, int64_t padding_w, int64_t dilation_h, int64_t dilation_w, int64_t groups,
                        TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    if (groups < 1) throw std::invalid_argument("groups must be positive");
    const int64_t stride[] = {stride_h, stride_w};
    const int64_t padding[] = {padding_h, padding_w};
    const int64_t dilation[] = {dilation_h, dilation_w};
    *out = lt::wrap(at::conv2d(lt::T(input, "input"), lt::T(weight, "weight"), optional(bias), stride, padding,
                               dilation, groups));
  });
}

// stride_h = stride_w = 0 means "the kernel size", as PyTorch's stride=None.
LT_EXPORT int lt_max_pool2d(TensorHandle input, int64_t kernel_h, int64_t kernel_w, int64_t stride_h,
                            int64_t stride_w, int64_t padding_h, int64_t padding_w, int64_t dilation_h,
                            int64_t dilation_w, int32_t ceil_mode, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    const int64_t kernel[] = {kernel_h, kernel_w};
    const int64_t stride[] = {stride_h, stride_w};
    const int64_t padding[] = {padding_h, padding_w};
    const int64_t dilation[] = {dilation_h, dilation_w};
    const bool default_stride = stride_h == 0 && stride_w == 0;
    *out = lt::wrap(at::max_pool2d(lt::T(input, "input"), kernel,
                                   default_stride ? at::IntArrayRef() : at::IntArrayRef(stride), padding, dilation,
                                   ceil_mode != 0));
  });
}

// divisor_override <= 0 means none.
LT_EXPORT int lt_avg_pool2d(TensorHandle input, int64_t kernel_h, int64_t kernel_w, int64_t stride_h,
                            int64_t stride_w, int64_t padding_h, int64_t padding_w, int32_t ceil_mode,
                            int32_t count_include_pad, int64_t divisor_override, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    const int64_t kernel[] = {kernel_h, kernel_w};
    const int64_t stride[] = {stride_h, stride_w};
    const int64_t padding[] = {padding_h, padding_w};
    const bool default_stride = stride_h == 0 && stride_w == 0;
    c10::optional<int64_t> divisor = divisor_override > 0 ? c10::optional<int64_t>(divisor_override) : c10::nullopt;
    *out = lt::wrap(at::avg_pool2d(lt::T(input, "input"), kernel,
                                   default_stride ? at::IntArrayRef() : at::IntArrayRef(stride), padding,
                                   ceil_mode != 0, count_include_pad != 0, divisor));
  });
}

LT_EXPORT int lt_adaptive_avg_pool2d(TensorHandle input, int64_t out_h, int64_t out_w, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    if (out_h < 1 || out_w < 1) throw std::invalid_argument("the output size must be positive");
    const int64_t size[] = {out_h, out_w};
    *out = lt::wrap(at::adaptive_avg_pool2d(lt::T(input, "input"), size));
  });
}

// Updates running_mean and running_var in place when training and they are given.
LT_EXPORT int lt_batch_norm(TensorHandle input, TensorHandle running_mean, TensorHandle running_var,
                            TensorHandle weight, TensorHandle bias, int32_t training, double momentum, double eps,
                            TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(input, "input");
    if (x.dim() < 2) throw std::invalid_argument("batch norm needs an input of at least 2 dimensions (N, C, ...)");
    if (training != 0) {
      int64_t per_channel = x.numel() / std::max<int64_t>(x.size(1), 1);
      if (per_channel <= 1)
        throw std::invalid_argument("batch norm in training needs more than one value per channel, got input shape " +
                                    c10::str(x.sizes()));
    }
    *out = lt::wrap(at::batch_norm(x, optional(weight), optional(bias), optional(running_mean), optional(running_var),
                                   training != 0, momentum, eps, at::globalContext().userEnabledCuDNN()));
  });
}

// Inverted dropout driven by a Bernoulli mask: zeroes each element with probability p and
// scales the survivors by 1/(1-p). Not training (or p = 0) returns the input itself.
LT_EXPORT int lt_dropout(TensorHandle input, double p, int32_t training, GeneratorHandle g, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(input, "input");
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("the dropout probability must be in [0, 1]");
    if (training == 0 || p == 0.0) {
      *out = lt::wrap(x);
      return;
    }
    if (p == 1.0) {
      *out = lt::wrap(x.mul(0));
      return;
    }
    auto mask = at::empty_like(x).bernoulli_(1.0 - p, lt::gen(g));
    *out = lt::wrap(x.mul(mask.div_(1.0 - p)));
  });
}

LT_EXPORT int lt_softmax(TensorHandle input, int64_t dim, int32_t log, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(input, "input");
    *out = lt::wrap(log != 0 ? at::log_softmax(x, dim) : at::softmax(x, dim));
  });
}

LT_EXPORT int lt_cross_entropy(TensorHandle input, TensorHandle target, int32_t reduction_code, int64_t ignore_index,
                               double label_smoothing, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(input, "input");
    auto& t = lt::T(target, "target");
    check_class_targets(x, t, ignore_index);
    *out = lt::wrap(at::cross_entropy_loss(x, t, c10::nullopt, reduction(reduction_code), ignore_index, label_smoothing));
  });
}

LT_EXPORT int lt_nll_loss(TensorHandle input, TensorHandle target, int32_t reduction_code, int64_t ignore_index,
                          TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(input, "input");
    auto& t = lt::T(target, "target");
    check_class_targets(x, t, ignore_index);
    *out = lt::wrap(at::nll_loss_nd(x, t, c10::nullopt, reduction(reduction_code), ignore_index));
  });
}

LT_EXPORT int lt_mse_loss(TensorHandle input, TensorHandle target, int32_t reduction_code, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    auto& x = lt::T(input, "input");
    auto& t = lt::T(target, "target");
    if (x.sizes() != t.sizes())
      throw std::invalid_argument("mse_loss needs input and target of the same shape, got " + c10::str(x.sizes()) +
                                  " and " + c10::str(t.sizes()));
    *out = lt::wrap(at::mse_loss(x, t, reduction(reduction_code)));
  });
}

LT_EXPORT int lt_one_hot(TensorHandle indices, int64_t num_classes, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(at::one_hot(lt::T(indices, "indices"), num_classes));
  });
}
