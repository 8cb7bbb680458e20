/*
 * Pippenger's bucket method with signed digits, over ristretto.h's points: each input point is
 * affine (Niels form), so adding it to a bucket costs 7 field multiplications.
 *
 * Each scalar k < 2²⁵³ is rewritten in base 2^c with digits d in [−2^(c−1)+1, 2^(c−1)], so a
 * window needs only 2^(c−1) buckets: a negative digit subtracts the point from the bucket of
 * |d|. Windows are processed from the least significant, recoding on the fly (one carry bit
 * per scalar, no table of digits), each window's Σ_j j·bucket_j computed with two running
 * sums (2·2^(c−1) additions) and kept; the result is then Σ_w 2^(c·w)·window_w by Horner.
 *
 * A scalar of b bits has digits in its first ⌈(b+1)/c⌉ windows only. The batch check's
 * scalars are of two kinds, 253-bit (weight × challenge) and 128-bit (a bare weight on a
 * proof's commitment, two thirds of the points), so the points are ordered by how many
 * windows they fill and each window walks only those that reach it, and the width c is
 * chosen for the real lengths, not for n full-length scalars.
 */
#include "msm.h"
#include "scratch.h"
#include <string.h>

#define SCALAR_BITS 253
#define MAX_WIDTH 16

/* Windows of width c covering a scalar of b bits with signed digits: with windows·c ≥ b + 1
 * the top window's value is below 2^(c−1), so a carry into it never needs one more window. */
static unsigned windows_for(unsigned bits, unsigned c) { return bits == 0 ? 0 : (bits + 1 + c - 1) / c; }

unsigned urna_msm_window_for_lengths(const size_t by_length[SCALAR_BITS + 1]) {
  unsigned best = 1, top = 0;
  double best_cost = 0;
  for (unsigned b = 0; b <= SCALAR_BITS; b++) if (by_length[b]) top = b;
  for (unsigned c = 1; c <= MAX_WIDTH; c++) {
    double cost = (double)windows_for(top, c) * (double)(1u << c);
    for (unsigned b = 1; b <= SCALAR_BITS; b++) cost += (double)by_length[b] * windows_for(b, c);
    if (c == 1 || cost < best_cost) {
      best = c;
      best_cost = cost;
    }
  }
  return best;
}

unsigned urna_msm_window(size_t n) {
  size_t by_length[SCALAR_BITS + 1] = {0};
  by_length[SCALAR_BITS] = n;
  return urna_msm_window_for_lengths(by_length);
}

/* Bits [at, at + c) of a 32-byte little-endian scalar (bits past 255 read as 0); c ≤ 16. */
static unsigned window_bits(const uint8_t *k, unsigned at, unsigned c) {
  unsigned byte = at >> 3;
  uint32_t v = 0;
  for (unsigned j = 0; j < 4 && byte + j < 32; j++) v |= (uint32_t)k[byte + j] << (8 * j);
  return (v >> (at & 7)) & ((1u << c) - 1);
}

static unsigned bit_length(const uint8_t *k) {
  for (unsigned i = 32; i-- > 0;) {
    if (k[i]) {
      unsigned b = 8 * i + 8;
      while (!(k[i] >> ((b - 1) & 7) & 1)) b--;
      return b;
    }
  }
  return 0;
}

int urna_msm_indexed(urna_point *out, const urna_niels *points, const uint32_t *which, const uint8_t *scalars, size_t n) {
  urna_point_identity(out);
  if (n == 0) return 0;
  int rc = -1;
  unsigned *bits = urna_scratch(URNA_SCRATCH_BITS, n * sizeof *bits);
  uint32_t *order = urna_scratch(URNA_SCRATCH_ORDER, n * sizeof *order);
  uint8_t *carry = urna_scratch(URNA_SCRATCH_CARRY, n);
  urna_point *buckets = NULL, *window_sums = NULL;
  uint8_t *filled = NULL, *window_used = NULL;
  if (!bits || !order || !carry) goto done;
  memset(carry, 0, n);

  size_t by_length[SCALAR_BITS + 1] = {0};
  for (size_t i = 0; i < n; i++) {
    bits[i] = bit_length(scalars + 32 * i);
    if (bits[i] > SCALAR_BITS) goto done; /* not below ℓ: the callers never pass one */
    by_length[bits[i]]++;
  }
  unsigned c = urna_msm_window_for_lengths(by_length);
  unsigned windows = 0;
  for (unsigned b = 0; b <= SCALAR_BITS; b++) if (by_length[b]) windows = windows_for(b, c);
  if (windows == 0) { rc = 0; goto done; } /* every scalar is zero */

  /* order: the points by how many windows they fill, most first (a counting sort), so that
   * window w walks the prefix of those that reach it; reach[w] is that prefix's length. */
  size_t reach[SCALAR_BITS + 2] = {0};
  for (unsigned b = 0; b <= SCALAR_BITS; b++) reach[windows_for(b, c)] += by_length[b];
  size_t start[SCALAR_BITS + 2];
  size_t at = 0;
  for (unsigned w = windows + 1; w-- > 0;) {
    start[w] = at;
    at += reach[w];
  }
  for (size_t i = 0; i < n; i++) order[start[windows_for(bits[i], c)]++] = (uint32_t)i;
  /* reaching[w]: how many points fill window w (those with more than w windows). */
  size_t reaching[SCALAR_BITS + 2];
  at = 0;
  for (unsigned w = windows + 1; w-- > 0;) {
    reaching[w] = at;
    at += reach[w];
  }

  size_t nbuckets = (size_t)1 << (c - 1);
  buckets = urna_scratch(URNA_SCRATCH_BUCKETS, nbuckets * sizeof *buckets);
  window_sums = urna_scratch(URNA_SCRATCH_WINDOW_SUMS, windows * sizeof *window_sums);
  filled = urna_scratch(URNA_SCRATCH_FILLED, nbuckets);
  window_used = urna_scratch(URNA_SCRATCH_WINDOW_USED, windows);
  if (!buckets || !window_sums || !filled || !window_used) goto done;
  memset(window_used, 0, windows);

  const int32_t half = 1 << (c - 1), full = 1 << c;
  urna_point sum, acc;
  for (unsigned w = 0; w < windows; w++) {
    memset(filled, 0, nbuckets);
    for (size_t o = 0; o < reaching[w]; o++) {
      uint32_t i = order[o];
      int32_t d = (int32_t)window_bits(scalars + 32 * i, w * c, c) + carry[i];
      if (d > half) {
        d -= full;
        carry[i] = 1;
      } else {
        carry[i] = 0;
      }
      if (d == 0) continue;
      const urna_niels *p = &points[which ? which[i] : i];
      size_t b = (size_t)(d > 0 ? d : -d) - 1;
      if (!filled[b]) {
        urna_point_from_niels(&buckets[b], p, d < 0);
        filled[b] = 1;
      } else if (d > 0) {
        urna_point_add_niels(&buckets[b], &buckets[b], p);
      } else {
        urna_point_sub_niels(&buckets[b], &buckets[b], p);
      }
    }
    /* Σ_j (j+1)·bucket_j = Σ_j (running sum of buckets j..top). */
    int have_sum = 0, have_acc = 0;
    for (size_t j = nbuckets; j-- > 0;) {
      if (filled[j]) {
        if (have_sum) urna_point_add(&sum, &sum, &buckets[j]);
        else sum = buckets[j];
        have_sum = 1;
      }
      if (have_sum) {
        if (have_acc) urna_point_add(&acc, &acc, &sum);
        else acc = sum;
        have_acc = 1;
      }
    }
    if (have_acc) {
      window_sums[w] = acc;
      window_used[w] = 1;
    }
  }
  /* Horner from the top window; the doublings start at the first window that holds something. */
  int started = 0;
  for (unsigned w = windows; w-- > 0;) {
    if (started) for (unsigned k = 0; k < c; k++) urna_point_double(out, out);
    if (!window_used[w]) continue;
    if (started) urna_point_add(out, out, &window_sums[w]);
    else *out = window_sums[w];
    started = 1;
  }
  rc = 0;
done:
  return rc;
}

int urna_msm(urna_point *out, const urna_niels *points, const uint8_t *scalars, size_t n) {
  return urna_msm_indexed(out, points, NULL, scalars, n);
}
