/*
 * Multi-scalar multiplication over ristretto255 points decoded by ristretto.h (affine Niels
 * form in, extended coordinates out). Variable time: for public data only (verification).
 */
#ifndef URNA_DECAF255_MSM_H
#define URNA_DECAF255_MSM_H
#include <stddef.h>
#include <stdint.h>
#include "ristretto.h"

/* out = Σ scalars[i]·points[i]. Each scalar is 32 bytes little-endian and below ℓ (< 2²⁵³).
 * Returns 0, or -1 when memory runs out. n = 0 gives the identity. */
int urna_msm(urna_point *out, const urna_niels *points, const uint8_t *scalars, size_t n);

/* The same sum over points[which[i]] (the batch check names its points inside the decoded
 * set rather than copying them out). */
int urna_msm_indexed(urna_point *out, const urna_niels *points, const uint32_t *which, const uint8_t *scalars, size_t n);

/* The window width the MSM uses for n full-length (253-bit) scalars (exposed for tests). */
unsigned urna_msm_window(size_t n);

/* The window width for scalars whose bit lengths are counted in by_length[0..253]: the one
 * minimising Σ_i digits(i) + windows·2^c, so short scalars (a batch's bare 128-bit weights)
 * count for the windows they fill, not for all of them. */
unsigned urna_msm_window_for_lengths(const size_t by_length[254]);

#endif
