// Optimizer steps: one native call updates every parameter of a group.
//
// The arithmetic mirrors the single-tensor implementations of torch/optim/sgd.py, adam.py and
// adamw.py in PyTorch 1.13 operation for operation (same in-place ATen ops, same scalar
// arithmetic in double precision), so results match PyTorch bit for bit on the same libtorch.
//
// State arrays (momentum buffers, exp_avg, ...) are in/out: a null entry for a parameter that
// has a gradient is filled with a new handle owned by the caller. Parameters without a
// gradient are skipped and their state is left untouched. Everything is checked before any
// parameter is changed, so a failed call leaves parameters and state as they were.
#include "common.h"

#include <cmath>
#include <vector>

namespace {

struct Work {
  at::Tensor* param;
  at::Tensor grad;
  int64_t index;
};

void check_array(const void* array, int64_t n, const char* what) {
  if (n < 0) throw std::invalid_argument(std::string("the ") + what + " array has a negative length");
  if (n > 0 && array == nullptr) throw std::invalid_argument(std::string("the ") + what + " array pointer is null");
}

// The parameters that have a gradient, each checked to match its gradient.
std::vector<Work> collect(TensorHandle* params, int64_t n) {
  check_array(params, n, "parameter");
  std::vector<Work> work;
  work.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    auto& p = lt::T(params[i], "parameter");
    const auto& g = p.grad();
    if (!g.defined()) continue;
    if (g.is_sparse()) throw std::invalid_argument("parameter " + std::to_string(i) + " has a sparse gradient, which is not supported");
    if (!g.sizes().equals(p.sizes()))
      throw std::invalid_argument("parameter " + std::to_string(i) + " has shape " + c10::str(p.sizes()) +
                                  " but its gradient has shape " + c10::str(g.sizes()));
    if (g.scalar_type() != p.scalar_type() || g.device() != p.device())
      throw std::invalid_argument("parameter " + std::to_string(i) + " is " + c10::str(p.scalar_type(), " on ", p.device()) +
                                  " but its gradient is " + c10::str(g.scalar_type(), " on ", g.device()));
    work.push_back(Work{&p, g, i});
  }
  return work;
}

// Checks an existing state tensor against its parameter.
void check_state(TensorHandle slot, const at::Tensor& param, int64_t i, const char* name) {
  if (slot == nullptr) return;
  if (!slot->sizes().equals(param.sizes()) || slot->scalar_type() != param.scalar_type() || slot->device() != param.device())
    throw std::invalid_argument(std::string("the ") + name + " of parameter " + std::to_string(i) + " is " +
                                c10::str(slot->scalar_type(), slot->sizes(), " on ", slot->device()) + " but the parameter is " +
                                c10::str(param.scalar_type(), param.sizes(), " on ", param.device()));
}

}  // namespace

// torch.optim.SGD (1.13, _single_tensor_sgd).
LT_EXPORT int lt_sgd_step(TensorHandle* params, TensorHandle* momentum_buffers, int64_t n, double lr, double momentum,
                          double dampening, double weight_decay, int32_t nesterov, int32_t maximize) {
  return lt::guard([&] {
    auto work = collect(params, n);
    if (momentum != 0) {
      check_array(momentum_buffers, n, "momentum buffer");
      for (auto& w : work) check_state(momentum_buffers[w.index], *w.param, w.index, "momentum buffer");
    }
    at::NoGradGuard no_grad;
    for (auto& w : work) {
      at::Tensor d_p = maximize != 0 ? w.grad.neg() : w.grad;
      if (weight_decay != 0) d_p = d_p.add(*w.param, weight_decay);
      if (momentum != 0) {
        TensorHandle& slot = momentum_buffers[w.index];
        if (slot == nullptr) {
          slot = lt::wrap(at::clone(d_p).detach());
        } else {
          slot->mul_(momentum).add_(d_p, 1 - dampening);
        }
        if (nesterov != 0) {
          d_p = d_p.add(*slot, momentum);
        } else {
          d_p = *slot;
        }
      }
      w.param->add_(d_p, -lr);
    }
  });
}

// torch.optim.Adam (decoupled = 0) and torch.optim.AdamW (decoupled = 1), 1.13 single-tensor
// implementations. steps[i] is parameter i's step count, incremented when it is updated.
LT_EXPORT int lt_adam_step(TensorHandle* params, TensorHandle* exp_avgs, TensorHandle* exp_avg_sqs,
                           TensorHandle* max_exp_avg_sqs, int64_t* steps, int64_t n, double lr, double beta1,
                           double beta2, double eps, double weight_decay, int32_t amsgrad, int32_t decoupled,
                           int32_t maximize) {
  return lt::guard([&] {
    auto work = collect(params, n);
    check_array(exp_avgs, n, "exp_avg");
    check_array(exp_avg_sqs, n, "exp_avg_sq");
    check_array(steps, n, "step");
    if (amsgrad != 0) check_array(max_exp_avg_sqs, n, "max_exp_avg_sq");
    for (auto& w : work) {
      check_state(exp_avgs[w.index], *w.param, w.index, "exp_avg");
      check_state(exp_avg_sqs[w.index], *w.param, w.index, "exp_avg_sq");
      if (amsgrad != 0) check_state(max_exp_avg_sqs[w.index], *w.param, w.index, "max_exp_avg_sq");
      if (steps[w.index] < 0) throw std::invalid_argument("the step count of parameter " + std::to_string(w.index) + " is negative");
    }
    at::NoGradGuard no_grad;
    for (auto& w : work) {
      auto& param = *w.param;
      const auto i = w.index;
      if (exp_avgs[i] == nullptr) exp_avgs[i] = lt::wrap(at::zeros_like(param, at::MemoryFormat::Preserve));
      if (exp_avg_sqs[i] == nullptr) exp_avg_sqs[i] = lt::wrap(at::zeros_like(param, at::MemoryFormat::Preserve));
      if (amsgrad != 0 && max_exp_avg_sqs[i] == nullptr)
        max_exp_avg_sqs[i] = lt::wrap(at::zeros_like(param, at::MemoryFormat::Preserve));
      auto& exp_avg = *exp_avgs[i];
      auto& exp_avg_sq = *exp_avg_sqs[i];

      at::Tensor grad = maximize != 0 ? w.grad.neg() : w.grad;
      steps[i] += 1;
      if (decoupled != 0) {
        param.mul_(1 - lr * weight_decay);
      } else if (weight_decay != 0) {
        grad = grad.add(param, weight_decay);
      }

      exp_avg.mul_(beta1).add_(grad, 1 - beta1);
      exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);

      const double step = static_cast<double>(steps[i]);
      const double bias_correction1 = 1 - std::pow(beta1, step);
      const double bias_correction2 = 1 - std::pow(beta2, step);
      const double step_size = lr / bias_correction1;
      const double bias_correction2_sqrt = std::sqrt(bias_correction2);

      at::Tensor denom;
      if (amsgrad != 0) {
        auto& max_exp_avg_sq = *max_exp_avg_sqs[i];
        at::maximum_out(max_exp_avg_sq, max_exp_avg_sq, exp_avg_sq);
        denom = (max_exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
      } else {
        denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
      }
      param.addcdiv_(exp_avg, denom, -step_size);
    }
  });
}

// Optimizer.zero_grad (1.13): clears gradients, or zeroes them in place (detached) when
// set_to_none is 0.
LT_EXPORT int lt_zero_grad(TensorHandle* params, int64_t n, int32_t set_to_none) {
  return lt::guard([&] {
    check_array(params, n, "parameter");
    for (int64_t i = 0; i < n; ++i) lt::T(params[i], "parameter");
    for (int64_t i = 0; i < n; ++i) {
      auto& g = params[i]->mutable_grad();
      if (!g.defined()) continue;
      if (set_to_none != 0) {
        g.reset();
      } else {
        if (g.grad_fn()) {
          g.detach_();
        } else {
          g.requires_grad_(false);
        }
        g.zero_();
      }
    }
  });
}
