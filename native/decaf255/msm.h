/*
 * Multi-scalar multiplication over libdecaf's decaf_255 (ristretto255) points in their
 * internal (extended Edwards) form. Variable time: for public data only (verification).
 */
#ifndef URNA_DECAF255_MSM_H
#define URNA_DECAF255_MSM_H
#include <stddef.h>
#include <stdint.h>
#include <decaf/point_255.h>

/* out = Σ scalars[i]·points[i]. Each scalar is 32 bytes little-endian and below ℓ (< 2²⁵³).
 * Returns 0, or -1 when memory runs out. n = 0 gives the identity. */
int urna_msm(decaf_255_point_t out, const decaf_255_point_t *points, const uint8_t *scalars, size_t n);

/* The same sum over points[which[i]] (the batch check names its points inside the decoded
 * set rather than copying them out). */
int urna_msm_indexed(decaf_255_point_t out, const decaf_255_point_t *points, const uint32_t *which, const uint8_t *scalars, size_t n);

/* The window width the MSM uses for n full-length (253-bit) scalars (exposed for tests). */
unsigned urna_msm_window(size_t n);

/* The window width for scalars whose bit lengths are counted in by_length[0..253]: the one
 * minimising Σ_i digits(i) + windows·2^c, so short scalars (a batch's bare 128-bit weights)
 * count for the windows they fill, not for all of them. */
unsigned urna_msm_window_for_lengths(const size_t by_length[254]);

/* ristretto255's identity test: the point encodes to 32 zero bytes. An Edwards representative
 * of the identity may be any of the 4-torsion points, so comparing coordinates with (0, 1)
 * would call some identities non-identities. */
int urna_is_identity(const decaf_255_point_t p);

#endif
