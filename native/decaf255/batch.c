#include "batch.h"
#include "msm.h"
#include "scratch.h"
#include <decaf/point_255.h>
#include <stdlib.h>
#include <string.h>

urna_decoded *urna_decode_all(const uint8_t *encodings, size_t n) {
  urna_decoded *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->n = n;
  /* The buffer the last released handle on this thread gave back, when it is large enough:
   * a fresh one is pages to fault in, the largest share of a decode after the arithmetic. */
  d->points = urna_scratch_take(URNA_SCRATCH_POINTS, n * sizeof *d->points, &d->bytes);
  d->valid = malloc(n ? n : 1);
  if (!d->points || !d->valid) {
    urna_decoded_free(d);
    return NULL;
  }
  /* RFC 9496 §4.3.1's checks: non-canonical and negative encodings are refused. */
  urna_decode_many(d->points, d->valid, encodings, n);
  return d;
}

void urna_decoded_release(urna_decoded *d) {
  if (d->points) urna_scratch_give(URNA_SCRATCH_POINTS, d->points, d->bytes);
  d->points = NULL;
  d->bytes = 0;
  d->n = 0;
}

void urna_decoded_free(urna_decoded *d) {
  if (!d) return;
  free(d->points);
  free(d->valid);
  free(d);
}

/*
 * The weighted sum's scalar per point, Σ ±weight·coefficient, is accumulated as an exact
 * 512-bit integer and reduced mod ℓ once per point: a 128 × 253-bit product is eight word
 * multiplications, where a reduced scalar multiplication costs two Montgomery products, and
 * most points (the commitments) have one term whose scalar is the bare weight, < 2¹²⁸ < ℓ,
 * which needs no reduction at all. A minus sign adds weight·(ℓ − coefficient) instead, so the
 * sum stays non-negative: each product is below 2³⁸¹ and even 2⁶⁴ terms stay below 2⁴⁴⁵.
 */
#define LIMBS 8
typedef struct { uint64_t limb[LIMBS]; } wide;

/* ℓ = 2²⁵² + 27742317777372353535851937790883648493, little-endian 64-bit limbs. */
static const uint64_t ORDER[4] = {0x5812631a5cf5d3edull, 0x14def9dea2f79cd6ull, 0, 0x1000000000000000ull};

static uint64_t load64(const uint8_t *b) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = (v << 8) | b[i];
  return v;
}

/* k < ℓ, as the canonical-encoding rule asks (RFC 9496 scalars): the caller refuses the rest. */
static int below_order(const uint64_t k[4]) {
  for (int i = 3; i >= 0; i--) {
    if (k[i] != ORDER[i]) return k[i] < ORDER[i];
  }
  return 0;
}

/* ℓ − k for 0 ≤ k < ℓ (so ℓ − 0 = ℓ ≡ 0 is fine). */
static void order_minus(uint64_t out[4], const uint64_t k[4]) {
  unsigned __int128 borrow = 0;
  for (int i = 0; i < 4; i++) {
    unsigned __int128 d = (unsigned __int128)ORDER[i] - k[i] - borrow;
    out[i] = (uint64_t)d;
    borrow = (d >> 64) & 1;
  }
}

/* acc += w·k for w < 2¹²⁸ (two limbs) and k < 2²⁵⁶ (four). */
static void add_product(wide *acc, const uint64_t w[2], const uint64_t k[4]) {
  for (int i = 0; i < 2; i++) {
    unsigned __int128 carry = 0;
    for (int j = 0; j < 4; j++) {
      unsigned __int128 t = (unsigned __int128)w[i] * k[j] + acc->limb[i + j] + (uint64_t)carry;
      acc->limb[i + j] = (uint64_t)t;
      carry = t >> 64;
    }
    for (int j = i + 4; j < LIMBS && carry; j++) {
      unsigned __int128 t = (unsigned __int128)acc->limb[j] + (uint64_t)carry;
      acc->limb[j] = (uint64_t)t;
      carry = t >> 64;
    }
  }
}

/* out = acc mod ℓ, 32 bytes little-endian. */
static void reduce(uint8_t out[32], const wide *acc) {
  uint8_t bytes[8 * LIMBS];
  for (int i = 0; i < LIMBS; i++)
    for (int b = 0; b < 8; b++) bytes[8 * i + b] = (uint8_t)(acc->limb[i] >> (8 * b));
  int small = 1; /* < 2¹²⁸ < ℓ: already reduced */
  for (int i = 2; i < LIMBS; i++) small &= acc->limb[i] == 0;
  if (small) {
    memcpy(out, bytes, 32);
    return;
  }
  decaf_255_scalar_t s;
  decaf_255_scalar_decode_long(s, bytes, sizeof bytes);
  decaf_255_scalar_encode(out, s);
}

urna_verdict urna_batch_scalars(const urna_decoded *d, const uint8_t *coefs, size_t ncoefs, const uint32_t *terms, size_t nterms,
                                const uint8_t *weights, size_t nweights, const uint32_t *ranges, size_t nranges, uint8_t *out, uint8_t *touched) {
  wide *acc = urna_scratch(URNA_SCRATCH_ACC, d->n * sizeof *acc);
  if (!acc) return URNA_NO_MEMORY;
  memset(acc, 0, d->n * sizeof *acc);
  urna_verdict verdict = URNA_BAD_INPUT;
  memset(touched, 0, d->n);
  for (size_t r = 0; r < nranges; r++) {
    size_t start = ranges[2 * r], end = ranges[2 * r + 1];
    if (start > end || end > nterms) goto done;
    for (size_t t = start; t < end; t++) {
      uint32_t p = terms[3 * t], c = terms[3 * t + 1], wi = terms[3 * t + 2];
      uint32_t ci = c & URNA_COEF_MASK;
      if (p >= d->n || !d->valid[p] || wi >= nweights || (ci != URNA_COEF_ONE && ci >= ncoefs)) goto done;
      const uint64_t w[2] = {load64(weights + 16 * wi), load64(weights + 16 * wi + 8)};
      uint64_t k[4] = {1, 0, 0, 0};
      if (ci != URNA_COEF_ONE) {
        for (int i = 0; i < 4; i++) k[i] = load64(coefs + 32 * ci + 8 * i);
        /* Coefficients are the proof's exact received scalars: refuse anything non-canonical
         * rather than reduce it. */
        if (!below_order(k)) goto done;
      }
      if (c & URNA_NEGATE) order_minus(k, k);
      add_product(&acc[p], w, k);
      touched[p] = 1;
    }
  }
  for (size_t p = 0; p < d->n; p++) {
    if (touched[p]) reduce(out + 32 * p, &acc[p]);
    else memset(out + 32 * p, 0, 32);
  }
  verdict = URNA_HOLDS;
done:
  return verdict;
}

urna_verdict urna_batch_holds(const urna_decoded *d, const uint8_t *coefs, size_t ncoefs, const uint32_t *terms, size_t nterms,
                              const uint8_t *weights, size_t nweights, const uint32_t *ranges, size_t nranges) {
  urna_verdict verdict = URNA_NO_MEMORY;
  uint8_t *all = urna_scratch(URNA_SCRATCH_ALL, 32 * d->n);
  uint8_t *touched = urna_scratch(URNA_SCRATCH_TOUCHED, d->n);
  uint32_t *which = NULL;
  uint8_t *scalars = NULL;
  if (!all || !touched) goto done;
  verdict = urna_batch_scalars(d, coefs, ncoefs, terms, nterms, weights, nweights, ranges, nranges, all, touched);
  if (verdict != URNA_HOLDS) goto done;
  verdict = URNA_NO_MEMORY;
  size_t used = 0;
  for (size_t p = 0; p < d->n; p++) used += touched[p];
  /* The MSM names the decoded points by index: copying them out (160 bytes each) cost more
   * than the indices, in memory written and in fresh pages touched. */
  which = urna_scratch(URNA_SCRATCH_WHICH, used * sizeof *which);
  scalars = urna_scratch(URNA_SCRATCH_SCALARS, used * 32);
  if (!which || !scalars) goto done;
  size_t m = 0;
  for (size_t p = 0; p < d->n; p++) {
    if (!touched[p]) continue;
    uint8_t any = 0;
    for (int i = 0; i < 32; i++) any |= all[32 * p + i];
    if (!any) continue; /* the terms cancel: the point drops out */
    which[m] = (uint32_t)p;
    memcpy(scalars + 32 * m, all + 32 * p, 32);
    m++;
  }
  urna_point sum;
  if (urna_msm_indexed(&sum, d->points, which, scalars, m) != 0) goto done;
  verdict = urna_is_identity(&sum) ? URNA_HOLDS : URNA_FAILS;
done:
  return verdict;
}
