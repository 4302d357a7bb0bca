// Small C loops for the Arrays target where Swift cannot vectorize.
//
// Swift's Double.squareRoot() on Linux keeps C's errno semantics (sqrtsd plus a call to
// sqrt for negative inputs), which stops loops from vectorizing. SSE2 (the x86-64
// baseline) has a packed square root; these kernels use it directly.
#ifndef ARRAYS_KERNELS_H
#define ARRAYS_KERNELS_H

#include <stddef.h>

/// dst[i] = sqrt(src[i]) for i < n (NaN for negative inputs, as IEEE 754 requires).
void arrays_sqrt(const double *src, double *dst, size_t n);

#endif
