// Masked training's per-step work in one call per step: pruned weights set to exactly +0.0 (w = w * m + 0.0 in a
// single pass over contiguous float32 CPU memory; ATen's mul_ and add_ elsewhere), or gradients multiplied by their
// masks.
#include "common.h"

#include <torch/csrc/autograd/variable.h>

namespace {

void check_pair(const at::Tensor& target, const at::Tensor& mask, int64_t i, const char* what) {
  if (!target.sizes().equals(mask.sizes())) {
    throw std::invalid_argument("the mask " + std::to_string(i) + " has shape " + c10::str(mask.sizes()) + " but the " + what +
                                " has shape " + c10::str(target.sizes()));
  }
  if (target.scalar_type() != mask.scalar_type() || target.device() != mask.device()) {
    throw std::invalid_argument("the mask " + std::to_string(i) + " must have the " + what + "'s dtype and device");
  }
}

bool plain_float(const at::Tensor& a, const at::Tensor& b) {
  return a.device().is_cpu() && a.scalar_type() == at::kFloat && a.is_contiguous() && b.is_contiguous();
}

}  // namespace

// target 0: every parameter w = w * m + 0.0 (pruned weights exactly +0.0); target 1: every defined gradient g *= m.
LT_EXPORT int lt_apply_masks(TensorHandle* params, TensorHandle* masks, int64_t n, int32_t target) {
  return lt::guard([&] {
    if (n < 0) throw std::invalid_argument("the parameter array has a negative length");
    if (n > 0 && (params == nullptr || masks == nullptr)) throw std::invalid_argument("the parameter or mask array pointer is null");
    if (target != 0 && target != 1) throw std::invalid_argument("the mask target must be 0 (weights) or 1 (gradients)");
    for (int64_t i = 0; i < n; ++i) {
      lt::T(params[i], "parameter");
      lt::T(masks[i], "mask");
    }
    at::NoGradGuard no_grad;
    for (int64_t i = 0; i < n; ++i) {
      at::Tensor& p = *params[i];
      const at::Tensor& m = *masks[i];
      if (target == 1) {
        at::Tensor g = p.grad();
        if (!g.defined()) continue;
        check_pair(g, m, i, "gradient");
        g.mul_(m);
        continue;
      }
      check_pair(p, m, i, "parameter");
      if (plain_float(p, m)) {
        float* w = p.data_ptr<float>();
        const float* k = m.data_ptr<float>();
        const int64_t count = p.numel();
        for (int64_t j = 0; j < count; ++j) w[j] = w[j] * k[j] + 0.0f;
        torch::autograd::impl::bump_version(p);
      } else {
        p.mul_(m).add_(0.0);
      }
    }
  });
}
