#include "batch.h"
#include "msm.h"
#include <stdlib.h>
#include <string.h>

urna_decoded *urna_decode_all(const uint8_t *encodings, size_t n) {
  urna_decoded *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->n = n;
  d->points = aligned_alloc(32, (n ? n : 1) * sizeof *d->points);
  d->valid = malloc(n ? n : 1);
  if (!d->points || !d->valid) {
    urna_decoded_free(d);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    /* decaf_255_point_decode refuses non-canonical encodings, as RFC 9496 §4.3.1 asks. */
    d->valid[i] = decaf_255_point_decode(d->points[i], encodings + 32 * i, DECAF_TRUE) == DECAF_SUCCESS;
    if (!d->valid[i]) decaf_255_point_copy(d->points[i], decaf_255_point_identity);
  }
  return d;
}

void urna_decoded_free(urna_decoded *d) {
  if (!d) return;
  free(d->points);
  free(d->valid);
  free(d);
}

urna_verdict urna_batch_holds(const urna_decoded *d, const uint8_t *coefs, size_t ncoefs, const uint32_t *terms, size_t nterms,
                              const uint8_t *weights, size_t nweights, const uint32_t *ranges, size_t nranges) {
  urna_verdict verdict = URNA_NO_MEMORY;
  decaf_255_scalar_t *acc = malloc((d->n ? d->n : 1) * sizeof *acc);
  uint8_t *touched = calloc(d->n ? d->n : 1, 1);
  decaf_255_scalar_t *w = malloc((nweights ? nweights : 1) * sizeof *w);
  decaf_255_point_t *points = NULL;
  uint8_t *scalars = NULL;
  if (!acc || !touched || !w) goto done;
  for (size_t i = 0; i < nweights; i++) {
    uint8_t wide[32] = {0};
    memcpy(wide, weights + 16 * i, 16);
    /* < 2¹²⁸ < ℓ: canonical, never reduced */
    if (decaf_255_scalar_decode(w[i], wide) != DECAF_SUCCESS) { verdict = URNA_BAD_INPUT; goto done; }
  }
  size_t used = 0;
  for (size_t r = 0; r < nranges; r++) {
    size_t start = ranges[2 * r], end = ranges[2 * r + 1];
    if (start > end || end > nterms) { verdict = URNA_BAD_INPUT; goto done; }
    for (size_t t = start; t < end; t++) {
      uint32_t p = terms[3 * t], c = terms[3 * t + 1], wi = terms[3 * t + 2];
      uint32_t ci = c & URNA_COEF_MASK;
      if (p >= d->n || !d->valid[p] || wi >= nweights || (ci != URNA_COEF_ONE && ci >= ncoefs)) { verdict = URNA_BAD_INPUT; goto done; }
      decaf_255_scalar_t s;
      if (ci == URNA_COEF_ONE) {
        decaf_255_scalar_copy(s, w[wi]);
      } else {
        /* Coefficients are the proof's exact received scalars: refuse anything non-canonical
         * rather than reduce it. */
        if (decaf_255_scalar_decode(s, coefs + 32 * ci) != DECAF_SUCCESS) { verdict = URNA_BAD_INPUT; goto done; }
        decaf_255_scalar_mul(s, s, w[wi]);
      }
      if (!touched[p]) {
        touched[p] = 1;
        used++;
        if (c & URNA_NEGATE) decaf_255_scalar_sub(acc[p], decaf_255_scalar_zero, s);
        else decaf_255_scalar_copy(acc[p], s);
      } else if (c & URNA_NEGATE) {
        decaf_255_scalar_sub(acc[p], acc[p], s);
      } else {
        decaf_255_scalar_add(acc[p], acc[p], s);
      }
    }
  }
  points = aligned_alloc(32, (used ? used : 1) * sizeof *points);
  scalars = malloc((used ? used : 1) * 32);
  if (!points || !scalars) goto done;
  size_t m = 0;
  for (size_t p = 0; p < d->n; p++) {
    if (!touched[p] || decaf_255_scalar_eq(acc[p], decaf_255_scalar_zero)) continue;
    decaf_255_point_copy(points[m], d->points[p]);
    decaf_255_scalar_encode(scalars + 32 * m, acc[p]);
    m++;
  }
  decaf_255_point_t sum;
  if (urna_msm(sum, (const decaf_255_point_t *)points, scalars, m) != 0) goto done;
  verdict = urna_is_identity(sum) ? URNA_HOLDS : URNA_FAILS;
done:
  free(acc);
  free(touched);
  free(w);
  free(points);
  free(scalars);
  return verdict;
}
