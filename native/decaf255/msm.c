/*
 * Pippenger's bucket method with signed digits.
 *
 * Each scalar k < 2²⁵³ is rewritten in base 2^c with digits d in [−2^(c−1)+1, 2^(c−1)], so a
 * window needs only 2^(c−1) buckets: a negative digit subtracts the point from the bucket of
 * |d|. Windows are processed from the most significant: result ← 2^c·result + Σ_j j·bucket_j,
 * the inner sum computed with two running sums (2·2^(c−1) additions). The width c is the one
 * minimising windows × (n + 2^c) for this n, so small batches use small windows.
 */
#include "msm.h"
#include <stdlib.h>
#include <string.h>

#define SCALAR_BITS 253
/* With W·c ≥ 254 the top window holds bit 253 (always 0), so its value plus a carry never
 * exceeds 2^(c−1) and recoding needs no extra window. */
#define RECODE_BITS 254

unsigned urna_msm_window(size_t n) {
  unsigned best = 1;
  double best_cost = 0;
  for (unsigned c = 1; c <= 16; c++) {
    unsigned windows = (RECODE_BITS + c - 1) / c;
    double cost = (double)windows * ((double)n + (double)(1u << c));
    if (c == 1 || cost < best_cost) {
      best = c;
      best_cost = cost;
    }
  }
  return best;
}

/* Bits [at, at + c) of a 32-byte little-endian scalar (bits past 255 read as 0). */
static unsigned window_bits(const uint8_t *k, unsigned at, unsigned c) {
  unsigned value = 0;
  for (unsigned b = 0; b < c; b++) {
    unsigned bit = at + b;
    if (bit >= 256) break;
    value |= (unsigned)((k[bit >> 3] >> (bit & 7)) & 1) << b;
  }
  return value;
}

/* digits[w] for w < windows, with Σ digits[w]·2^(c·w) = k. */
static void recode(int32_t *digits, const uint8_t *k, unsigned c, unsigned windows) {
  int32_t half = 1 << (c - 1), full = 1 << c, carry = 0;
  for (unsigned w = 0; w < windows; w++) {
    int32_t u = (int32_t)window_bits(k, w * c, c) + carry;
    if (u > half) {
      digits[w] = u - full;
      carry = 1;
    } else {
      digits[w] = u;
      carry = 0;
    }
  }
}

int urna_is_identity(const decaf_255_point_t p) {
  uint8_t enc[DECAF_255_SER_BYTES];
  uint8_t acc = 0;
  decaf_255_point_encode(enc, p);
  for (size_t i = 0; i < sizeof enc; i++) acc |= enc[i];
  return acc == 0;
}

int urna_msm(decaf_255_point_t out, const decaf_255_point_t *points, const uint8_t *scalars, size_t n) {
  decaf_255_point_copy(out, decaf_255_point_identity);
  if (n == 0) return 0;
  unsigned c = urna_msm_window(n);
  unsigned windows = (RECODE_BITS + c - 1) / c;
  size_t nbuckets = (size_t)1 << (c - 1);
  int32_t *digits = malloc(n * windows * sizeof *digits);
  decaf_255_point_t *buckets = aligned_alloc(32, nbuckets * sizeof *buckets);
  uint8_t *filled = malloc(nbuckets);
  if (!digits || !buckets || !filled) {
    free(digits);
    free(buckets);
    free(filled);
    return -1;
  }
  for (size_t i = 0; i < n; i++) recode(digits + i * windows, scalars + 32 * i, c, windows);

  int started = 0; /* out is still the identity: skip its doublings */
  decaf_255_point_t sum, acc;
  for (unsigned w = windows; w-- > 0;) {
    if (started) for (unsigned d = 0; d < c; d++) decaf_255_point_double(out, out);
    memset(filled, 0, nbuckets);
    for (size_t i = 0; i < n; i++) {
      int32_t d = digits[i * windows + w];
      if (d == 0) continue;
      size_t b = (size_t)(d > 0 ? d : -d) - 1;
      if (!filled[b]) {
        if (d > 0) decaf_255_point_copy(buckets[b], points[i]);
        else decaf_255_point_negate(buckets[b], points[i]);
        filled[b] = 1;
      } else if (d > 0) {
        decaf_255_point_add(buckets[b], buckets[b], points[i]);
      } else {
        decaf_255_point_sub(buckets[b], buckets[b], points[i]);
      }
    }
    /* Σ_j (j+1)·bucket_j = Σ_j (running sum of buckets j..top). */
    int have_sum = 0, have_acc = 0;
    for (size_t j = nbuckets; j-- > 0;) {
      if (filled[j]) {
        if (have_sum) decaf_255_point_add(sum, sum, buckets[j]);
        else decaf_255_point_copy(sum, buckets[j]);
        have_sum = 1;
      }
      if (have_sum) {
        if (have_acc) decaf_255_point_add(acc, acc, sum);
        else decaf_255_point_copy(acc, sum);
        have_acc = 1;
      }
    }
    if (have_acc) {
      if (started) decaf_255_point_add(out, out, acc);
      else decaf_255_point_copy(out, acc);
      started = 1;
    }
  }
  free(digits);
  free(buckets);
  free(filled);
  return 0;
}
