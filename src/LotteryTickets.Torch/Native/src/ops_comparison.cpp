// Whole-tensor comparisons that answer with one boolean.
#include "common.h"

LT_EXPORT int lt_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, int32_t equal_nan,
                          int32_t* result) {
  return lt::guard([&] {
    lt::check_out(result);
    *result = at::allclose(lt::T(a, "left operand"), lt::T(b, "right operand"), rtol, atol, equal_nan != 0) ? 1 : 0;
  });
}

LT_EXPORT int lt_equal(TensorHandle a, TensorHandle b, int32_t* result) {
  return lt::guard([&] {
    lt::check_out(result);
    *result = at::equal(lt::T(a, "left operand"), lt::T(b, "right operand")) ? 1 : 0;
  });
}
