// Autograd: requires-grad flags, gradients, backward and torch::autograd::grad.
#include "common.h"

#include <vector>

LT_EXPORT int lt_requires_grad(TensorHandle t, int32_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::T(t).requires_grad() ? 1 : 0;
  });
}

LT_EXPORT int lt_set_requires_grad(TensorHandle t, int32_t value) {
  return lt::guard([&] { lt::T(t).set_requires_grad(value != 0); });
}

LT_EXPORT int lt_is_leaf(TensorHandle t, int32_t* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::T(t).is_leaf() ? 1 : 0;
  });
}

// *out is null when the tensor has no gradient.
LT_EXPORT int lt_grad(TensorHandle t, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    const auto& g = lt::T(t).grad();
    *out = g.defined() ? lt::wrap(g) : nullptr;
  });
}

// Replaces the gradient; a null handle clears it.
LT_EXPORT int lt_set_grad(TensorHandle t, TensorHandle grad) {
  return lt::guard([&] {
    if (grad == nullptr) {
      lt::T(t).mutable_grad().reset();
    } else {
      lt::T(t).mutable_grad() = *grad;
    }
  });
}

LT_EXPORT int lt_backward(TensorHandle t, TensorHandle grad, int32_t retain_graph, int32_t create_graph) {
  return lt::guard([&] {
    at::Tensor g = grad == nullptr ? at::Tensor() : *grad;
    lt::T(t).backward(g, retain_graph != 0 ? c10::optional<bool>(true) : c10::nullopt, create_graph != 0);
  });
}

// Gradients of `outputs` with respect to `inputs`; `grad_outputs` may be null (ones for scalars).
// results[i] is null when an input is unused and allow_unused is set.
LT_EXPORT int lt_autograd_grad(TensorHandle* outputs, int64_t n_outputs, TensorHandle* inputs, int64_t n_inputs,
                               TensorHandle* grad_outputs, int32_t retain_graph, int32_t create_graph,
                               int32_t allow_unused, TensorHandle* results) {
  return lt::guard([&] {
    lt::check_out(results);
    if (n_outputs < 1 || n_inputs < 1) throw std::invalid_argument("grad needs at least one output and one input");
    std::vector<at::Tensor> outs, ins, gouts;
    for (int64_t i = 0; i < n_outputs; ++i) outs.push_back(lt::T(outputs[i], "output"));
    for (int64_t i = 0; i < n_inputs; ++i) ins.push_back(lt::T(inputs[i], "input"));
    if (grad_outputs != nullptr)
      for (int64_t i = 0; i < n_outputs; ++i)
        gouts.push_back(grad_outputs[i] == nullptr ? at::Tensor() : *grad_outputs[i]);
    auto grads = torch::autograd::grad(outs, ins, gouts,
                                       retain_graph != 0 ? c10::optional<bool>(true) : c10::nullopt,
                                       create_graph != 0, allow_unused != 0);
    for (int64_t i = 0; i < n_inputs; ++i) results[i] = grads[i].defined() ? lt::wrap(grads[i]) : nullptr;
  });
}

LT_EXPORT int lt_detach(TensorHandle t, TensorHandle* out) {
  return lt::guard([&] {
    lt::check_out(out);
    *out = lt::wrap(lt::T(t).detach());
  });
}

LT_EXPORT int lt_detach_(TensorHandle t) {
  return lt::guard([&] { lt::T(t).detach_(); });
}

// Replaces the tensor's data (keeping its identity and autograd leaf status), as Parameter.data = x.
LT_EXPORT int lt_set_data(TensorHandle t, TensorHandle data) {
  return lt::guard([&] { lt::T(t).set_data(lt::T(data, "data")); });
}
