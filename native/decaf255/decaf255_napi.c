/*
 * ristretto255 on libdecaf (Debian libdecaf-dev, MIT; decaf_255 is ristretto255) for Node
 * through N-API. Two layers:
 *   - the operations of a Group on 32-byte encodings (isValid, add, sub, mul, mulBase, msm,
 *     precompute/mulPrecomputed),
 *     the same shape as native/ristretto255, so TypeScript reuses one Group implementation;
 *   - batch verification: `decode` turns many encodings into internal points ONCE (an opaque
 *     handle), and `batchHolds` checks a weighted sum of equations over them with one MSM
 *     (batch.h). Verification pays each decode once, and bisection reuses the handle. This
 *     layer (and `msm`) computes with ristretto.h's own field and point arithmetic, not
 *     libdecaf's: four decodes run side by side, and MSM additions take affine points.
 */
#define _POSIX_C_SOURCE 200809L /* posix_memalign, for precompute's aligned table */
#include <node_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch.h"
#include "msm.h"
#include "scratch.h"
#include <decaf/point_255.h>

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "decaf255: N-API call failed");     \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

/* A typed array argument of the given type whose byte length is `unit` (or a multiple of it). */
static int typed_arg(napi_env env, napi_value value, napi_typedarray_type want, size_t unit, int multiple, void **data, size_t *bytes) {
  bool is_typed;
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset, length;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) goto bad;
  if (napi_get_typedarray_info(env, value, &type, &length, data, &buffer, &offset) != napi_ok || type != want) goto bad;
  *bytes = want == napi_uint32_array ? length * 4 : length;
  if (multiple ? (*bytes % unit != 0) : (*bytes != unit)) goto bad;
  return 1;
bad:
  napi_throw_type_error(env, NULL, want == napi_uint32_array ? "decaf255: expected a Uint32Array of the right length" : "decaf255: expected a Uint8Array of the right length");
  return 0;
}

#define BYTES(i, unit, multiple, ptr, len) typed_arg(env, argv[i], napi_uint8_array, unit, multiple, (void **)(ptr), len)
#define WORDS(i, unit, ptr, len) typed_arg(env, argv[i], napi_uint32_array, unit, 1, (void **)(ptr), len)

static napi_value new_bytes(napi_env env, const uint8_t *bytes, size_t n) {
  napi_value buffer, array;
  void *data;
  if (napi_create_arraybuffer(env, n, &data, &buffer) != napi_ok) return NULL;
  memcpy(data, bytes, n);
  if (napi_create_typedarray(env, napi_uint8_array, n, buffer, 0, &array) != napi_ok) return NULL;
  return array;
}

static napi_value encoded(napi_env env, const decaf_255_point_t p) {
  uint8_t out[DECAF_255_SER_BYTES];
  decaf_255_point_encode(out, p);
  return new_bytes(env, out, sizeof out);
}

static napi_value encoded_point(napi_env env, const urna_point *p) {
  uint8_t out[32];
  urna_encode(out, p);
  return new_bytes(env, out, sizeof out);
}

static int decode_arg(napi_env env, const uint8_t *bytes, decaf_255_point_t p) {
  if (decaf_255_point_decode(p, bytes, DECAF_TRUE) == DECAF_SUCCESS) return 1;
  napi_throw_range_error(env, NULL, "not a valid ristretto255 element");
  return 0;
}

static int scalar_arg(napi_env env, const uint8_t *bytes, decaf_255_scalar_t s) {
  if (decaf_255_scalar_decode(s, bytes) == DECAF_SUCCESS) return 1;
  napi_throw_range_error(env, NULL, "not a scalar below the group order");
  return 0;
}

static napi_value is_valid(napi_env env, napi_callback_info info) {
  size_t argc = 1, n;
  napi_value argv[1], result;
  uint8_t *p;
  decaf_255_point_t pt;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !BYTES(0, 32, 0, &p, &n)) return NULL;
  CHECK(napi_get_boolean(env, decaf_255_point_decode(pt, p, DECAF_TRUE) == DECAF_SUCCESS, &result));
  return result;
}

static napi_value add_or_sub(napi_env env, napi_callback_info info, int subtract) {
  size_t argc = 2, n;
  napi_value argv[2];
  uint8_t *a, *b;
  decaf_255_point_t pa, pb;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || !BYTES(0, 32, 0, &a, &n) || !BYTES(1, 32, 0, &b, &n)) return NULL;
  if (!decode_arg(env, a, pa) || !decode_arg(env, b, pb)) return NULL;
  if (subtract) decaf_255_point_sub(pa, pa, pb);
  else decaf_255_point_add(pa, pa, pb);
  return encoded(env, pa);
}

static napi_value add(napi_env env, napi_callback_info info) { return add_or_sub(env, info, 0); }
static napi_value sub(napi_env env, napi_callback_info info) { return add_or_sub(env, info, 1); }

/* mul(scalar, point): k·P in constant time (decaf_255_point_scalarmul), for secrets too. */
static napi_value mul(napi_env env, napi_callback_info info) {
  size_t argc = 2, n;
  napi_value argv[2];
  uint8_t *k, *p;
  decaf_255_scalar_t s;
  decaf_255_point_t pt;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || !BYTES(0, 32, 0, &k, &n) || !BYTES(1, 32, 0, &p, &n)) return NULL;
  if (!scalar_arg(env, k, s) || !decode_arg(env, p, pt)) return NULL;
  decaf_255_point_scalarmul(pt, pt, s);
  return encoded(env, pt);
}

/* mulBase(scalar): k·G from libdecaf's precomputed table of its base point, which is
 * ristretto255's generator (checked by the tests against RFC 9496's multiples of G). */
static napi_value mul_base(napi_env env, napi_callback_info info) {
  size_t argc = 1, n;
  napi_value argv[1];
  uint8_t *k;
  decaf_255_scalar_t s;
  decaf_255_point_t pt;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !BYTES(0, 32, 0, &k, &n)) return NULL;
  if (!scalar_arg(env, k, s)) return NULL;
  decaf_255_precomputed_scalarmul(pt, decaf_255_precomputed_base, s);
  return encoded(env, pt);
}

/* precompute(point): libdecaf's table of multiples of P (decaf_255_precompute), the kind mulBase
 * uses for G, as an opaque handle freed with it. The encrypting side multiplies the election key
 * K by three nonces per option; with the table it costs what k·G costs instead of a
 * variable-base multiplication. */
static void finalize_table(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

static napi_value precompute(napi_env env, napi_callback_info info) {
  size_t argc = 1, n;
  napi_value argv[1], handle;
  uint8_t *p;
  decaf_255_point_t pt;
  void *table = NULL;
  size_t align = decaf_255_alignof_precomputed_s;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !BYTES(0, 32, 0, &p, &n)) return NULL;
  if (!decode_arg(env, p, pt)) return NULL;
  if (align < sizeof(void *)) align = sizeof(void *);
  if (posix_memalign(&table, align, decaf_255_sizeof_precomputed_s) != 0) {
    napi_throw_error(env, NULL, "decaf255: out of memory for a precomputed table");
    return NULL;
  }
  decaf_255_precompute((decaf_255_precomputed_s *)table, pt);
  if (napi_create_external(env, table, finalize_table, NULL, &handle) != napi_ok) {
    free(table);
    napi_throw_error(env, NULL, "decaf255: N-API call failed");
    return NULL;
  }
  return handle;
}

/* mulPrecomputed(table, scalar): k·P in constant time from precompute(P)'s table. */
static napi_value mul_precomputed(napi_env env, napi_callback_info info) {
  size_t argc = 2, n;
  napi_value argv[2];
  napi_valuetype type;
  void *table;
  uint8_t *k;
  decaf_255_scalar_t s;
  decaf_255_point_t pt;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || napi_typeof(env, argv[0], &type) != napi_ok || type != napi_external) {
    napi_throw_type_error(env, NULL, "mulPrecomputed: a table from precompute, then a scalar");
    return NULL;
  }
  CHECK(napi_get_value_external(env, argv[0], &table));
  if (!BYTES(1, 32, 0, &k, &n) || !scalar_arg(env, k, s)) return NULL;
  decaf_255_precomputed_scalarmul(pt, (const decaf_255_precomputed_s *)table, s);
  return encoded(env, pt);
}

/* msm(points, scalars): Σ kᵢ·Pᵢ, 32 bytes each (variable time: public data). */
static napi_value msm(napi_env env, napi_callback_info info) {
  size_t argc = 2, np, ns;
  napi_value argv[2];
  uint8_t *points, *scalars;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || !BYTES(0, 32, 1, &points, &np) || !BYTES(1, 32, 1, &scalars, &ns)) return NULL;
  if (np != ns) {
    napi_throw_range_error(env, NULL, "msm: as many scalars as points are needed");
    return NULL;
  }
  size_t n = np / 32;
  decaf_255_scalar_t s;
  for (size_t i = 0; i < n; i++) if (!scalar_arg(env, scalars + 32 * i, s)) return NULL;
  urna_decoded *d = urna_decode_all(points, n);
  if (!d) {
    napi_throw_error(env, NULL, "decaf255: out of memory");
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    if (!d->valid[i]) {
      urna_decoded_free(d);
      napi_throw_range_error(env, NULL, "msm: not a valid ristretto255 element");
      return NULL;
    }
  }
  urna_point sum;
  int rc = urna_msm(&sum, d->points, scalars, n);
  urna_decoded_release(d);
  urna_decoded_free(d);
  if (rc != 0) {
    napi_throw_error(env, NULL, "decaf255: out of memory");
    return NULL;
  }
  return encoded_point(env, &sum);
}

static void finalize_decoded(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  urna_decoded_free(data);
}

/* decode(encodings, valid): a handle on the decoded points; valid[i] = 1 where point i decoded. */
static napi_value decode(napi_env env, napi_callback_info info) {
  size_t argc = 2, ne, nv;
  napi_value argv[2], handle;
  uint8_t *encodings, *valid;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || !BYTES(0, 32, 1, &encodings, &ne) || !BYTES(1, 1, 1, &valid, &nv)) return NULL;
  if (nv != ne / 32) {
    napi_throw_range_error(env, NULL, "decode: one validity byte per point is needed");
    return NULL;
  }
  urna_decoded *d = urna_decode_all(encodings, ne / 32);
  if (!d) {
    napi_throw_error(env, NULL, "decaf255: out of memory");
    return NULL;
  }
  memcpy(valid, d->valid, d->n);
  if (napi_create_external(env, d, finalize_decoded, NULL, &handle) != napi_ok) {
    urna_decoded_free(d);
    napi_throw_error(env, NULL, "decaf255: N-API call failed");
    return NULL;
  }
  return handle;
}

/* The five arguments of batchHolds and batchScalars: a decode handle, coefficients, terms,
 * weights and ranges. */
typedef struct {
  urna_decoded *d;
  uint8_t *coefs, *weights;
  uint32_t *terms, *ranges;
  size_t nc, nt, nw, nr;
} batch_args;

static int batch_arguments(napi_env env, napi_callback_info info, const char *name, batch_args *a) {
  size_t argc = 5;
  napi_value argv[5];
  napi_valuetype type;
  char message[96];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 5) {
    snprintf(message, sizeof message, "%s: five arguments", name);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  if (napi_typeof(env, argv[0], &type) != napi_ok || type != napi_external) {
    snprintf(message, sizeof message, "%s: the first argument is a handle from decode", name);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  if (napi_get_value_external(env, argv[0], (void **)&a->d) != napi_ok) return 0;
  return BYTES(1, 32, 1, &a->coefs, &a->nc) && WORDS(2, 12, &a->terms, &a->nt) && BYTES(3, 16, 1, &a->weights, &a->nw) && WORDS(4, 8, &a->ranges, &a->nr);
}

/* Throws for a verdict that is no answer; 1 when v is one. */
static int answered(napi_env env, const char *name, urna_verdict v) {
  char message[192];
  if (v == URNA_BAD_INPUT) {
    snprintf(message, sizeof message, "%s: a term names a point that did not decode, an index out of range or a non-canonical scalar", name);
    napi_throw_range_error(env, NULL, message);
    return 0;
  }
  if (v == URNA_NO_MEMORY) {
    napi_throw_error(env, NULL, "decaf255: out of memory");
    return 0;
  }
  return 1;
}

/* batchHolds(handle, coefs, terms, weights, ranges): batch.h. */
static napi_value batch_holds(napi_env env, napi_callback_info info) {
  batch_args a;
  napi_value result;
  if (!batch_arguments(env, info, "batchHolds", &a)) return NULL;
  urna_verdict v = urna_batch_holds(a.d, a.coefs, a.nc / 32, a.terms, a.nt / 12, a.weights, a.nw / 16, a.ranges, a.nr / 8);
  if (!answered(env, "batchHolds", v)) return NULL;
  CHECK(napi_get_boolean(env, v == URNA_HOLDS, &result));
  return result;
}

/* batchScalars(handle, coefs, terms, weights, ranges): each decoded point's combined scalar,
 * 32 bytes per point (batch.h urna_batch_scalars), for the tests that compare it with BigInt
 * arithmetic. */
static napi_value batch_scalars(napi_env env, napi_callback_info info) {
  batch_args a;
  if (!batch_arguments(env, info, "batchScalars", &a)) return NULL;
  size_t n = a.d->n;
  uint8_t *out = malloc(32 * (n ? n : 1)), *touched = malloc(n ? n : 1);
  if (!out || !touched) {
    free(out);
    free(touched);
    napi_throw_error(env, NULL, "decaf255: out of memory");
    return NULL;
  }
  urna_verdict v = urna_batch_scalars(a.d, a.coefs, a.nc / 32, a.terms, a.nt / 12, a.weights, a.nw / 16, a.ranges, a.nr / 8, out, touched);
  napi_value result = answered(env, "batchScalars", v) ? new_bytes(env, out, 32 * n) : NULL;
  free(out);
  free(touched);
  return result;
}

/* release(handle): the decoded points' memory is reused by the next decode on this thread;
 * the handle is empty afterwards. */
static napi_value release(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_valuetype type;
  urna_decoded *d;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_typeof(env, argv[0], &type) != napi_ok || type != napi_external) {
    napi_throw_type_error(env, NULL, "release: a handle from decode");
    return NULL;
  }
  CHECK(napi_get_value_external(env, argv[0], (void **)&d));
  urna_decoded_release(d);
  return NULL;
}

/* sum(handle, indices): Σ of the decoded points named, encoded (the tally's homomorphic sums). */
static napi_value sum(napi_env env, napi_callback_info info) {
  size_t argc = 2, ni;
  napi_value argv[2];
  napi_valuetype type;
  urna_decoded *d;
  uint32_t *indices;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) return NULL;
  CHECK(napi_typeof(env, argv[0], &type));
  if (type != napi_external) {
    napi_throw_type_error(env, NULL, "sum: the first argument is a handle from decode");
    return NULL;
  }
  CHECK(napi_get_value_external(env, argv[0], (void **)&d));
  if (!WORDS(1, 4, &indices, &ni)) return NULL;
  urna_point acc;
  urna_point_identity(&acc);
  for (size_t i = 0; i < ni / 4; i++) {
    if (indices[i] >= d->n || !d->valid[indices[i]]) {
      napi_throw_range_error(env, NULL, "sum: a point that did not decode or an index out of range");
      return NULL;
    }
    urna_point_add_niels(&acc, &acc, &d->points[indices[i]]);
  }
  return encoded_point(env, &acc);
}

/* debugTorque(handle, i): replaces decoded point i by another Edwards representative of the
 * same ristretto255 element (adds the 4-torsion point (√−1, 0)). For the tests: sums over such
 * representatives are the identity only under ristretto's test, never as the point (0, 1). */
static napi_value debug_torque(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_valuetype type;
  urna_decoded *d;
  uint32_t i;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_typeof(env, argv[0], &type));
  if (argc < 2 || type != napi_external) {
    napi_throw_type_error(env, NULL, "debugTorque: a handle from decode and an index");
    return NULL;
  }
  CHECK(napi_get_value_external(env, argv[0], (void **)&d));
  CHECK(napi_get_value_uint32(env, argv[1], &i));
  if (i >= d->n || !d->valid[i]) {
    napi_throw_range_error(env, NULL, "debugTorque: no such decoded point");
    return NULL;
  }
  urna_niels_torque(&d->points[i]);
  return NULL;
}

static napi_value window_for(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  uint32_t n;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_uint32(env, argv[0], &n));
  CHECK(napi_create_uint32(env, urna_msm_window(n), &result));
  return result;
}

static napi_value version(napi_env env, napi_callback_info info) {
  napi_value result;
  (void)info;
  CHECK(napi_create_string_utf8(env, "libdecaf (decaf_255)", NAPI_AUTO_LENGTH, &result));
  return result;
}

/* The thread's scratch buffers (scratch.h) go when its environment does: a worker thread's
 * at its exit, not only the process's. */
static void release_scratch(void *arg) {
  (void)arg;
  urna_scratch_release();
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"isValid", NULL, is_valid, NULL, NULL, NULL, napi_default, NULL},
    {"add", NULL, add, NULL, NULL, NULL, napi_default, NULL},
    {"sub", NULL, sub, NULL, NULL, NULL, napi_default, NULL},
    {"mul", NULL, mul, NULL, NULL, NULL, napi_default, NULL},
    {"mulBase", NULL, mul_base, NULL, NULL, NULL, napi_default, NULL},
    {"precompute", NULL, precompute, NULL, NULL, NULL, napi_default, NULL},
    {"mulPrecomputed", NULL, mul_precomputed, NULL, NULL, NULL, napi_default, NULL},
    {"msm", NULL, msm, NULL, NULL, NULL, napi_default, NULL},
    {"decode", NULL, decode, NULL, NULL, NULL, napi_default, NULL},
    {"batchHolds", NULL, batch_holds, NULL, NULL, NULL, napi_default, NULL},
    {"batchScalars", NULL, batch_scalars, NULL, NULL, NULL, napi_default, NULL},
    {"sum", NULL, sum, NULL, NULL, NULL, napi_default, NULL},
    {"release", NULL, release, NULL, NULL, NULL, napi_default, NULL},
    {"debugTorque", NULL, debug_torque, NULL, NULL, NULL, napi_default, NULL},
    {"windowFor", NULL, window_for, NULL, NULL, NULL, napi_default, NULL},
    {"version", NULL, version, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  CHECK(napi_add_env_cleanup_hook(env, release_scratch, NULL));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
