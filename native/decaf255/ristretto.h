/*
 * ristretto255 (RFC 9496) on ed25519's extended twisted Edwards coordinates, for the batch
 * check: decoding many encodings at once, the additions and doublings an MSM needs, and the
 * encoding that gives ristretto's identity test. Variable time: public data only (the
 * verifier's). libdecaf stays the backend of the Group operations (decaf255_napi.c).
 *
 * Why not libdecaf's own points here: decoding is an inverse square root, a chain of about 250
 * dependent field squarings; libdecaf decodes one encoding at a time, so the multiplier waits
 * on each squaring's latency. urna_decode_many runs four chains side by side (about a fifth
 * less time a point), and leaves each point in affine "Niels" form (y + x, y − x, 2d·x·y), with
 * which an MSM bucket addition costs 7 field multiplications instead of libdecaf's 9. libdecaf
 * keeps its points on an isogenous curve, so these could not be handed to its arithmetic.
 */
#ifndef URNA_DECAF255_RISTRETTO_H
#define URNA_DECAF255_RISTRETTO_H
#include <stddef.h>
#include <stdint.h>

/* A field element mod p = 2²⁵⁵ − 19: five 51-bit limbs (a little more between operations). */
typedef struct { uint64_t v[5]; } urna_fe;
/* (X : Y : Z : T), x = X/Z, y = Y/Z, x·y = T/Z on −x² + y² = 1 + d·x²·y². */
typedef struct { urna_fe X, Y, Z, T; } urna_point;
/* An affine point as y + x, y − x, 2d·x·y. */
typedef struct { urna_fe ypx, ymx, xy2d; } urna_niels;

/* RFC 9496 §4.3.1 for n encodings: valid[i] = 1 where encoding i is a ristretto255 element
 * (canonical, non-negative, square, t non-negative, y ≠ 0; the identity allowed), and then
 * out[i] is one of its Edwards representatives; elsewhere out[i] is the identity. */
void urna_decode_many(urna_niels *out, uint8_t *valid, const uint8_t *encodings, size_t n);

/* RFC 9496 §4.3.2. */
void urna_encode(uint8_t out[32], const urna_point *p);

/* ristretto255's identity test: the point encodes to 32 zero bytes. An Edwards representative
 * of the identity may be any of the 4-torsion points, so comparing coordinates with (0, 1)
 * would call some identities non-identities. */
int urna_is_identity(const urna_point *p);

void urna_point_identity(urna_point *r);
void urna_point_from_niels(urna_point *r, const urna_niels *q, int negate);
void urna_point_add_niels(urna_point *r, const urna_point *p, const urna_niels *q);
void urna_point_sub_niels(urna_point *r, const urna_point *p, const urna_niels *q);
void urna_point_add(urna_point *r, const urna_point *p, const urna_point *q);
void urna_point_double(urna_point *r, const urna_point *p);

/* q + (i, 0), a 4-torsion point: another Edwards representative of the same element (tests). */
void urna_niels_torque(urna_niels *q);

#endif
