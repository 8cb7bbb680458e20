/*
 * Batch verification of linear equations over ristretto255 (docs/spec/crypto.md, "Batch
 * verification"). The caller states every equation as terms (point, coefficient) whose sum
 * must be the identity, and gives each equation a random weight; this file forms
 *   Σ_equations weight·Σ_terms ±coefficient·point
 * collecting each point's scalar once, evaluates it with one MSM and applies ristretto's
 * identity test.
 */
#ifndef URNA_DECAF255_BATCH_H
#define URNA_DECAF255_BATCH_H
#include <stddef.h>
#include <stdint.h>
#include "ristretto.h"

/* A term: point index, coefficient index (or URNA_COEF_ONE) with URNA_NEGATE for a minus
 * sign, equation weight index. Three uint32 each, as the caller packs them. */
#define URNA_COEF_ONE 0x3fffffffu
#define URNA_NEGATE 0x80000000u
#define URNA_COEF_MASK 0x3fffffffu

typedef struct {
  urna_niels *points;        /* aligned, n of them (ristretto.h) */
  uint8_t *valid;            /* 1 where the encoding decoded */
  size_t n;
  size_t bytes;              /* the size of the points' buffer */
} urna_decoded;

/* Decodes n encodings (32 bytes each). Returns NULL when memory runs out. */
urna_decoded *urna_decode_all(const uint8_t *encodings, size_t n);
void urna_decoded_free(urna_decoded *d);

/* Gives the points' memory back for the next decode on this thread (scratch.h) and leaves d
 * empty (n = 0: any later use is an index out of range), before the garbage collector would
 * finalize the handle. */
void urna_decoded_release(urna_decoded *d);

typedef enum { URNA_HOLDS = 1, URNA_FAILS = 0, URNA_BAD_INPUT = -1, URNA_NO_MEMORY = -2 } urna_verdict;

/*
 * Whether the weighted sum of the terms in the given ranges ([start, end) pairs of term
 * indices) is the identity. Coefficients are 32-byte canonical scalars, weights 16 bytes
 * little-endian. URNA_BAD_INPUT when an index is out of range, a term names a point that did
 * not decode or a coefficient is not canonical (the caller checks all of these first).
 */
/*
 * The combined scalar of every decoded point over the terms of the ranges, Σ ±weight·coefficient
 * mod ℓ, written to out (32 bytes little-endian per decoded point, zeros where no term names
 * the point) with touched[p] = 1 where one does. URNA_HOLDS when computed; URNA_BAD_INPUT and
 * URNA_NO_MEMORY as for urna_batch_holds.
 */
urna_verdict urna_batch_scalars(const urna_decoded *d, const uint8_t *coefs, size_t ncoefs, const uint32_t *terms, size_t nterms,
                                const uint8_t *weights, size_t nweights, const uint32_t *ranges, size_t nranges, uint8_t *out, uint8_t *touched);

urna_verdict urna_batch_holds(const urna_decoded *d, const uint8_t *coefs, size_t ncoefs, const uint32_t *terms, size_t nterms,
                              const uint8_t *weights, size_t nweights, const uint32_t *ranges, size_t nranges);

#endif
