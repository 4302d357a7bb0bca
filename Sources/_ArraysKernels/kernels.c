#include "ArraysKernels.h"

#include <math.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

void arrays_sqrt(const double *src, double *dst, size_t n) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 2 <= n; i += 2) {
    _mm_storeu_pd(dst + i, _mm_sqrt_pd(_mm_loadu_pd(src + i)));
  }
#endif
  for (; i < n; i++) {
    dst[i] = __builtin_sqrt(src[i]);
  }
}
