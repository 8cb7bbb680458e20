#include "ristretto.h"
#include <string.h>

typedef unsigned __int128 u128;
typedef urna_fe fe;
#define MASK51 ((UINT64_C(1) << 51) - 1)
#define LANES 4

static const fe FE_ZERO = {{0, 0, 0, 0, 0}};
static const fe FE_ONE = {{1, 0, 0, 0, 0}};
/* d = −121665/121666, 2d, 1/d, √−1 and 1/√(a − d) mod p (RFC 9496 §4.1), in 51-bit limbs. */
static const fe FE_D = {{0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb, 0x52036cee2b6ff}};
static const fe FE_D2 = {{0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052, 0x6738cc7407977, 0x2406d9dc56dff}};
static const fe FE_INV_D = {{0xf276cdc9f843, 0x3084f2a85c4bc, 0x6e73d982d775a, 0x721958b108a66, 0x40907ed214d5c}};
static const fe FE_SQRT_M1 = {{0x61b274a0ea0b0, 0xd5a5fc8f189d, 0x7ef5e9cbd0c60, 0x78595a6804c9e, 0x2b8324804fc1d}};
static const fe FE_INVSQRT_A_MINUS_D = {{0xfdaa805d40ea, 0x2eb482e57d339, 0x7610274bc58, 0x6510b613dc8ff, 0x786c8905cfaff}};

/*
 * Limb bounds: mul and sq take limbs below 2⁵⁴ (so no 128-bit sum overflows and the top carry
 * times 19 fits a word) and give limbs below 2⁵¹ + 2¹³; add of two such gives below 2⁵³;
 * sub(f, g) = f + 4p − g needs g's limbs below 2⁵³ (4p's) and gives below f + 2⁵³. carry
 * brings any limbs below 2⁶³ back under 2⁵¹ + 2¹³.
 */
static inline void fe_mul(fe *h, const fe *f, const fe *g) {
  uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
  uint64_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
  uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
  u128 r0 = (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
  u128 r1 = (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
  u128 r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
  u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
  u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
  r1 += (uint64_t)(r0 >> 51);
  r2 += (uint64_t)(r1 >> 51);
  r3 += (uint64_t)(r2 >> 51);
  r4 += (uint64_t)(r3 >> 51);
  uint64_t h0 = ((uint64_t)r0 & MASK51) + 19 * (uint64_t)(r4 >> 51);
  h->v[1] = ((uint64_t)r1 & MASK51) + (h0 >> 51);
  h->v[0] = h0 & MASK51;
  h->v[2] = (uint64_t)r2 & MASK51;
  h->v[3] = (uint64_t)r3 & MASK51;
  h->v[4] = (uint64_t)r4 & MASK51;
}

static inline void fe_sq(fe *h, const fe *f) {
  uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
  uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1, f1_38 = 38 * f1, f2_38 = 38 * f2, f3_38 = 38 * f3, f3_19 = 19 * f3, f4_19 = 19 * f4;
  u128 r0 = (u128)f0 * f0 + (u128)f1_38 * f4 + (u128)f2_38 * f3;
  u128 r1 = (u128)f0_2 * f1 + (u128)f2_38 * f4 + (u128)f3_19 * f3;
  u128 r2 = (u128)f0_2 * f2 + (u128)f1 * f1 + (u128)f3_38 * f4;
  u128 r3 = (u128)f0_2 * f3 + (u128)f1_2 * f2 + (u128)f4_19 * f4;
  u128 r4 = (u128)f0_2 * f4 + (u128)f1_2 * f3 + (u128)f2 * f2;
  r1 += (uint64_t)(r0 >> 51);
  r2 += (uint64_t)(r1 >> 51);
  r3 += (uint64_t)(r2 >> 51);
  r4 += (uint64_t)(r3 >> 51);
  uint64_t h0 = ((uint64_t)r0 & MASK51) + 19 * (uint64_t)(r4 >> 51);
  h->v[1] = ((uint64_t)r1 & MASK51) + (h0 >> 51);
  h->v[0] = h0 & MASK51;
  h->v[2] = (uint64_t)r2 & MASK51;
  h->v[3] = (uint64_t)r3 & MASK51;
  h->v[4] = (uint64_t)r4 & MASK51;
}

static inline void fe_add(fe *h, const fe *f, const fe *g) {
  for (int i = 0; i < 5; i++) h->v[i] = f->v[i] + g->v[i];
}

static inline void fe_sub(fe *h, const fe *f, const fe *g) {
  h->v[0] = f->v[0] + UINT64_C(0x1fffffffffffb4) - g->v[0];
  for (int i = 1; i < 5; i++) h->v[i] = f->v[i] + UINT64_C(0x1ffffffffffffc) - g->v[i];
}

static inline void fe_carry(fe *h) {
  for (int i = 0; i < 4; i++) {
    h->v[i + 1] += h->v[i] >> 51;
    h->v[i] &= MASK51;
  }
  h->v[0] += 19 * (h->v[4] >> 51);
  h->v[4] &= MASK51;
  h->v[1] += h->v[0] >> 51;
  h->v[0] &= MASK51;
}

static inline void fe_neg(fe *h, const fe *f) {
  fe_sub(h, &FE_ZERO, f);
  fe_carry(h);
}

/* The canonical bytes (value below p), little-endian. */
static void fe_to_bytes(uint8_t out[32], const fe *f) {
  fe h = *f;
  fe_carry(&h);
  fe_carry(&h);
  /* Now h < 2²⁵⁵ + 2¹³·…, limbs below 2⁵¹ but for a carry into limb 1: q = 1 when h ≥ p. */
  for (int i = 0; i < 4; i++) {
    h.v[i + 1] += h.v[i] >> 51;
    h.v[i] &= MASK51;
  }
  uint64_t q = (h.v[0] + 19) >> 51;
  for (int i = 1; i < 5; i++) q = (h.v[i] + q) >> 51;
  h.v[0] += 19 * q;
  for (int i = 0; i < 4; i++) {
    h.v[i + 1] += h.v[i] >> 51;
    h.v[i] &= MASK51;
  }
  h.v[4] &= MASK51;
  uint64_t w[4] = {h.v[0] | h.v[1] << 51, h.v[1] >> 13 | h.v[2] << 38, h.v[2] >> 26 | h.v[3] << 25, h.v[3] >> 39 | h.v[4] << 12};
  for (int i = 0; i < 4; i++)
    for (int b = 0; b < 8; b++) out[8 * i + b] = (uint8_t)(w[i] >> (8 * b));
}

static int fe_is_negative(const fe *f) {
  uint8_t b[32];
  fe_to_bytes(b, f);
  return b[0] & 1;
}

static int fe_is_zero(const fe *f) {
  uint8_t b[32], acc = 0;
  fe_to_bytes(b, f);
  for (int i = 0; i < 32; i++) acc |= b[i];
  return acc == 0;
}

static void fe_abs(fe *h) {
  if (fe_is_negative(h)) fe_neg(h, h);
}

/* The bytes as an element, and whether they are a canonical, non-negative encoding: below p,
 * bit 255 clear, low bit clear (RFC 9496 §4.3.1 step 1). */
static int fe_from_canonical(fe *h, const uint8_t s[32]) {
  uint64_t w[4];
  for (int i = 0; i < 4; i++) {
    w[i] = 0;
    for (int b = 7; b >= 0; b--) w[i] = (w[i] << 8) | s[8 * i + b];
  }
  h->v[0] = w[0] & MASK51;
  h->v[1] = (w[0] >> 51 | w[1] << 13) & MASK51;
  h->v[2] = (w[1] >> 38 | w[2] << 26) & MASK51;
  h->v[3] = (w[2] >> 25 | w[3] << 39) & MASK51;
  h->v[4] = (w[3] >> 12) & MASK51;
  uint8_t again[32];
  fe_to_bytes(again, h);
  return memcmp(again, s, 32) == 0 && (s[0] & 1) == 0;
}

/* z[i]^(2²⁵² − 3) for `lanes` values side by side (ref10's addition chain for (p − 5)/8):
 * independent chains interleaved so that each squaring's latency hides behind the others'. */
static void pow22523(fe *out, const fe *z, int lanes) {
  fe t0[LANES], t1[LANES], t2[LANES];
  int i, k;
#define EACH for (i = 0; i < lanes; i++)
#define SQUARINGS(dst, src, n)                    \
  do {                                            \
    EACH fe_sq(&dst[i], &src[i]);                 \
    for (k = 1; k < (n); k++) EACH fe_sq(&dst[i], &dst[i]); \
  } while (0)
  EACH fe_sq(&t0[i], &z[i]);
  SQUARINGS(t1, t0, 2);
  EACH fe_mul(&t1[i], &z[i], &t1[i]);
  EACH fe_mul(&t0[i], &t0[i], &t1[i]);
  EACH fe_sq(&t0[i], &t0[i]);
  EACH fe_mul(&t0[i], &t1[i], &t0[i]);
  SQUARINGS(t1, t0, 5);
  EACH fe_mul(&t0[i], &t1[i], &t0[i]);
  SQUARINGS(t1, t0, 10);
  EACH fe_mul(&t1[i], &t1[i], &t0[i]);
  SQUARINGS(t2, t1, 20);
  EACH fe_mul(&t1[i], &t2[i], &t1[i]);
  SQUARINGS(t1, t1, 10);
  EACH fe_mul(&t0[i], &t1[i], &t0[i]);
  SQUARINGS(t1, t0, 50);
  EACH fe_mul(&t1[i], &t1[i], &t0[i]);
  SQUARINGS(t2, t1, 100);
  EACH fe_mul(&t1[i], &t2[i], &t1[i]);
  SQUARINGS(t1, t1, 50);
  EACH fe_mul(&t0[i], &t1[i], &t0[i]);
  SQUARINGS(t0, t0, 2);
  EACH fe_mul(&out[i], &t0[i], &z[i]);
#undef SQUARINGS
#undef EACH
}

/* SQRT_RATIO_M1(1, w) (RFC 9496 §4.2) for `lanes` values: r and whether w is a square. */
static void sqrt_ratio_m1_one(fe *r, int *was_square, const fe *w, int lanes) {
  fe w3[LANES], w7[LANES];
  for (int i = 0; i < lanes; i++) {
    fe w2, w6;
    fe_sq(&w2, &w[i]);
    fe_mul(&w3[i], &w2, &w[i]);
    fe_sq(&w6, &w3[i]);
    fe_mul(&w7[i], &w6, &w[i]);
  }
  pow22523(r, w7, lanes);
  /* check is compared as bytes with 1, −1 and −√−1: one reduction instead of six. */
  uint8_t one[32], minus_one[32], minus_i[32];
  fe t;
  fe_to_bytes(one, &FE_ONE);
  fe_neg(&t, &FE_ONE);
  fe_to_bytes(minus_one, &t);
  fe_neg(&t, &FE_SQRT_M1);
  fe_to_bytes(minus_i, &t);
  for (int i = 0; i < lanes; i++) {
    fe_mul(&r[i], &r[i], &w3[i]); /* r = w³·(w⁷)^((p−5)/8) */
    fe check, rr;
    uint8_t c[32];
    fe_sq(&rr, &r[i]);
    fe_mul(&check, &w[i], &rr);
    fe_to_bytes(c, &check);
    int correct = !memcmp(c, one, 32), flipped = !memcmp(c, minus_one, 32), flipped_i = !memcmp(c, minus_i, 32);
    if (flipped | flipped_i) fe_mul(&r[i], &r[i], &FE_SQRT_M1);
    fe_abs(&r[i]);
    was_square[i] = correct | flipped;
  }
}

static void niels_identity(urna_niels *q) {
  q->ypx = FE_ONE;
  q->ymx = FE_ONE;
  q->xy2d = FE_ZERO;
}

/* Up to LANES encodings. */
static void decode_lanes(urna_niels *out, uint8_t *valid, const uint8_t *enc, int count) {
  static const uint8_t zero[32] = {0};
  fe s[LANES], u1[LANES], u2[LANES], v[LANES], w[LANES], r[LANES];
  int canonical[LANES], was_square[LANES];
  for (int i = 0; i < LANES; i++) {
    /* Lanes past `count` decode the identity's encoding, and are dropped. */
    canonical[i] = fe_from_canonical(&s[i], i < count ? enc + 32 * i : zero);
    fe ss, u2sq, u1sq, du1sq;
    fe_sq(&ss, &s[i]);
    fe_sub(&u1[i], &FE_ONE, &ss); /* u1 = 1 + a·s², a = −1 */
    fe_carry(&u1[i]);
    fe_add(&u2[i], &FE_ONE, &ss); /* u2 = 1 − a·s² */
    fe_sq(&u2sq, &u2[i]);
    fe_sq(&u1sq, &u1[i]);
    fe_mul(&du1sq, &FE_D, &u1sq);
    fe_neg(&du1sq, &du1sq);
    fe_sub(&v[i], &du1sq, &u2sq); /* v = −d·u1² − u2² */
    fe_carry(&v[i]);
    fe_mul(&w[i], &v[i], &u2sq);
  }
  sqrt_ratio_m1_one(r, was_square, w, LANES);
  for (int i = 0; i < count; i++) {
    fe den_x, den_y, two_s, x, y, t;
    fe_mul(&den_x, &r[i], &u2[i]);
    fe_mul(&den_y, &r[i], &den_x);
    fe_mul(&den_y, &den_y, &v[i]);
    fe_add(&two_s, &s[i], &s[i]);
    fe_mul(&x, &two_s, &den_x);
    fe_abs(&x);
    fe_mul(&y, &u1[i], &den_y);
    fe_mul(&t, &x, &y);
    valid[i] = (uint8_t)(canonical[i] && was_square[i] && !fe_is_negative(&t) && !fe_is_zero(&y));
    if (!valid[i]) {
      niels_identity(&out[i]);
      continue;
    }
    fe_add(&out[i].ypx, &y, &x);
    fe_carry(&out[i].ypx);
    fe_sub(&out[i].ymx, &y, &x);
    fe_carry(&out[i].ymx);
    fe_mul(&out[i].xy2d, &t, &FE_D2);
  }
}

void urna_decode_many(urna_niels *out, uint8_t *valid, const uint8_t *encodings, size_t n) {
  for (size_t at = 0; at < n; at += LANES) decode_lanes(out + at, valid + at, encodings + 32 * at, n - at < LANES ? (int)(n - at) : LANES);
}

void urna_encode(uint8_t out[32], const urna_point *p) {
  fe u1, u2, zpy, zmy, w, u2sq, r, den1, den2, z_inv, t;
  int was_square;
  fe_add(&zpy, &p->Z, &p->Y);
  fe_sub(&zmy, &p->Z, &p->Y);
  fe_mul(&u1, &zpy, &zmy);
  fe_mul(&u2, &p->X, &p->Y);
  fe_sq(&u2sq, &u2);
  fe_mul(&w, &u1, &u2sq);
  sqrt_ratio_m1_one(&r, &was_square, &w, 1);
  fe_mul(&den1, &r, &u1);
  fe_mul(&den2, &r, &u2);
  fe_mul(&z_inv, &den1, &den2);
  fe_mul(&z_inv, &z_inv, &p->T);
  fe_mul(&t, &p->T, &z_inv);
  fe x = p->X, y = p->Y, den_inv = den2;
  if (fe_is_negative(&t)) { /* rotate */
    fe_mul(&x, &p->Y, &FE_SQRT_M1);
    fe_mul(&y, &p->X, &FE_SQRT_M1);
    fe_mul(&den_inv, &den1, &FE_INVSQRT_A_MINUS_D);
  }
  fe xz;
  fe_mul(&xz, &x, &z_inv);
  if (fe_is_negative(&xz)) fe_neg(&y, &y);
  fe zmy2, s;
  fe_carry(&y);
  fe_sub(&zmy2, &p->Z, &y);
  fe_mul(&s, &den_inv, &zmy2);
  fe_abs(&s);
  fe_to_bytes(out, &s);
}

int urna_is_identity(const urna_point *p) {
  uint8_t enc[32], acc = 0;
  urna_encode(enc, p);
  for (int i = 0; i < 32; i++) acc |= enc[i];
  return acc == 0;
}

void urna_point_identity(urna_point *r) {
  r->X = FE_ZERO;
  r->Y = FE_ONE;
  r->Z = FE_ONE;
  r->T = FE_ZERO;
}

/* (2x : 2y : 2 : 2xy) from y + x, y − x and 2d·x·y, or (−2x : 2y : 2 : −2xy) for −q. */
void urna_point_from_niels(urna_point *r, const urna_niels *q, int negate) {
  fe_sub(&r->X, negate ? &q->ymx : &q->ypx, negate ? &q->ypx : &q->ymx);
  fe_carry(&r->X);
  fe_add(&r->Y, &q->ypx, &q->ymx);
  fe_carry(&r->Y);
  r->Z = (fe){{2, 0, 0, 0, 0}};
  fe_mul(&r->T, &q->xy2d, &FE_INV_D);
  if (negate) fe_neg(&r->T, &r->T);
}

/* ((E, F, G, H)) to extended: X = E·F, Y = G·H, Z = F·G, T = E·H (4 multiplications). */
static inline void from_completed(urna_point *r, const fe *e, const fe *f, const fe *g, const fe *h) {
  fe_mul(&r->X, e, f);
  fe_mul(&r->Y, g, h);
  fe_mul(&r->Z, f, g);
  fe_mul(&r->T, e, h);
}

/* p ± q for affine q (add-2008-hwcd-3 with Z₂ = 1): 7 multiplications. */
static inline void add_niels(urna_point *r, const urna_point *p, const urna_niels *q, int subtract) {
  fe ypx, ymx, a, b, c, d, e, f, g, h;
  fe_add(&ypx, &p->Y, &p->X);
  fe_sub(&ymx, &p->Y, &p->X);
  fe_mul(&a, &ymx, subtract ? &q->ypx : &q->ymx);
  fe_mul(&b, &ypx, subtract ? &q->ymx : &q->ypx);
  fe_mul(&c, &p->T, &q->xy2d);
  fe_add(&d, &p->Z, &p->Z);
  fe_sub(&e, &b, &a);
  fe_add(&h, &b, &a);
  if (subtract) {
    fe_sub(&f, &d, &c);
    fe_add(&g, &d, &c);
  } else {
    fe_add(&f, &d, &c);
    fe_sub(&g, &d, &c);
  }
  from_completed(r, &e, &g, &f, &h);
}

void urna_point_add_niels(urna_point *r, const urna_point *p, const urna_niels *q) { add_niels(r, p, q, 0); }
void urna_point_sub_niels(urna_point *r, const urna_point *p, const urna_niels *q) { add_niels(r, p, q, 1); }

/* p + q, both extended (add-2008-hwcd-3): 9 multiplications. */
void urna_point_add(urna_point *r, const urna_point *p, const urna_point *q) {
  fe ypx1, ymx1, ypx2, ymx2, a, b, c, d, e, f, g, h;
  fe_add(&ypx1, &p->Y, &p->X);
  fe_sub(&ymx1, &p->Y, &p->X);
  fe_add(&ypx2, &q->Y, &q->X);
  fe_sub(&ymx2, &q->Y, &q->X);
  fe_mul(&a, &ymx1, &ymx2);
  fe_mul(&b, &ypx1, &ypx2);
  fe_mul(&c, &p->T, &q->T);
  fe_mul(&c, &c, &FE_D2);
  fe_mul(&d, &p->Z, &q->Z);
  fe_add(&d, &d, &d);
  fe_sub(&e, &b, &a);
  fe_add(&h, &b, &a);
  fe_add(&f, &d, &c);
  fe_sub(&g, &d, &c);
  from_completed(r, &e, &g, &f, &h);
}

/* 2p (dbl-2008-hwcd with a = −1): 4 squarings, 4 multiplications. */
void urna_point_double(urna_point *r, const urna_point *p) {
  fe a, b, c, e, f, g, h, xy;
  fe_sq(&a, &p->X);
  fe_sq(&b, &p->Y);
  fe_sq(&c, &p->Z);
  fe_add(&c, &c, &c);  /* C = 2Z² */
  fe_add(&xy, &p->X, &p->Y);
  fe_sq(&e, &xy);
  fe_add(&h, &a, &b);
  fe_sub(&e, &e, &h);  /* E = (X + Y)² − A − B */
  fe_sub(&g, &b, &a);  /* G = a·A + B */
  fe_carry(&g);
  fe_sub(&f, &g, &c);  /* F = G − C */
  fe_neg(&h, &h);      /* H = a·A − B */
  from_completed(r, &e, &f, &g, &h);
}

void urna_niels_torque(urna_niels *q) {
  /* (x, y) + (i, 0) = (i·y, i·x): y + x ↦ i·(y + x), y − x ↦ −i·(y − x), 2d·x·y ↦ −2d·x·y. */
  fe t;
  fe_mul(&t, &q->ypx, &FE_SQRT_M1);
  q->ypx = t;
  fe_mul(&t, &q->ymx, &FE_SQRT_M1);
  fe_neg(&q->ymx, &t);
  fe_neg(&q->xy2d, &q->xy2d);
}
