/*
 * ristretto255 over the system's libsodium (Debian libsodium-dev), for Node through N-API.
 *
 * A thin layer: every function takes and returns canonical 32-byte encodings, exactly the
 * representation of the WebAssembly backend (src/domain/crypto/ristretto255-libsodium.ts), so
 * both share one TypeScript Group implementation. The only logic of our own is `msm`, which
 * keeps the loop Σ kᵢ·Pᵢ on the C side (one call per multi-scalar multiplication instead of two
 * JavaScript-to-C crossings per term).
 *
 * libsodium reports a result equal to the identity as an error (-1) in its scalar
 * multiplications. Inputs here are always valid elements (the TypeScript side validates every
 * decoding), so in this prime-order group -1 means "the identity" and is answered as such.
 */
#include <node_api.h>
#include <sodium.h>
#include <string.h>

#define ELEMENT_BYTES crypto_core_ristretto255_BYTES
#define SCALAR_BYTES crypto_core_ristretto255_SCALARBYTES

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "ristretto255_sodium: N-API call failed"); \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

/* The bytes of a Uint8Array argument, which must have exactly `expected` bytes (or a multiple
 * of it when `multiple` is set). */
static int bytes_arg(napi_env env, napi_value value, size_t expected, int multiple, unsigned char **data, size_t *length) {
  bool is_typed;
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  void *raw;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) goto bad;
  if (napi_get_typedarray_info(env, value, &type, length, &raw, &buffer, &offset) != napi_ok) goto bad;
  if (type != napi_uint8_array) goto bad;
  if (multiple ? (*length % expected != 0) : (*length != expected)) goto bad;
  *data = (unsigned char *)raw;
  return 1;
bad:
  napi_throw_type_error(env, NULL, multiple ? "expected a Uint8Array whose length is a multiple of 32" : "expected a Uint8Array of 32 bytes");
  return 0;
}

static napi_value new_element(napi_env env, const unsigned char *bytes) {
  napi_value buffer, array;
  void *data;
  if (napi_create_arraybuffer(env, ELEMENT_BYTES, &data, &buffer) != napi_ok) return NULL;
  memcpy(data, bytes, ELEMENT_BYTES);
  if (napi_create_typedarray(env, napi_uint8_array, ELEMENT_BYTES, buffer, 0, &array) != napi_ok) return NULL;
  return array;
}

static napi_value is_valid(napi_env env, napi_callback_info info) {
  size_t argc = 1, n;
  napi_value argv[1], result;
  unsigned char *p;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !bytes_arg(env, argv[0], ELEMENT_BYTES, 0, &p, &n)) return NULL;
  CHECK(napi_get_boolean(env, crypto_core_ristretto255_is_valid_point(p) == 1, &result));
  return result;
}

static napi_value binary_op(napi_env env, napi_callback_info info, int (*op)(unsigned char *, const unsigned char *, const unsigned char *)) {
  size_t argc = 2, n;
  napi_value argv[2];
  unsigned char *a, *b, out[ELEMENT_BYTES];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || !bytes_arg(env, argv[0], ELEMENT_BYTES, 0, &a, &n) || !bytes_arg(env, argv[1], ELEMENT_BYTES, 0, &b, &n)) return NULL;
  if (op(out, a, b) != 0) {
    napi_throw_range_error(env, NULL, "not a valid ristretto255 element");
    return NULL;
  }
  return new_element(env, out);
}

static napi_value add(napi_env env, napi_callback_info info) { return binary_op(env, info, crypto_core_ristretto255_add); }
static napi_value sub(napi_env env, napi_callback_info info) { return binary_op(env, info, crypto_core_ristretto255_sub); }

/* mul(scalar, point): k·P; mulBase(scalar): k·G from libsodium's precomputed table. */
static napi_value mul(napi_env env, napi_callback_info info) {
  size_t argc = 2, n;
  napi_value argv[2];
  unsigned char *k, *p, out[ELEMENT_BYTES];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || !bytes_arg(env, argv[0], SCALAR_BYTES, 0, &k, &n) || !bytes_arg(env, argv[1], ELEMENT_BYTES, 0, &p, &n)) return NULL;
  if (crypto_scalarmult_ristretto255(out, k, p) != 0) memset(out, 0, ELEMENT_BYTES);
  return new_element(env, out);
}

static napi_value mul_base(napi_env env, napi_callback_info info) {
  size_t argc = 1, n;
  napi_value argv[1];
  unsigned char *k, out[ELEMENT_BYTES];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !bytes_arg(env, argv[0], SCALAR_BYTES, 0, &k, &n)) return NULL;
  if (crypto_scalarmult_ristretto255_base(out, k) != 0) memset(out, 0, ELEMENT_BYTES);
  return new_element(env, out);
}

/* msm(points, scalars): Σ kᵢ·Pᵢ over n points and n scalars packed 32 bytes each. */
static napi_value msm(napi_env env, napi_callback_info info) {
  size_t argc = 2, points_len, scalars_len;
  napi_value argv[2];
  unsigned char *points, *scalars, term[ELEMENT_BYTES], sum[ELEMENT_BYTES];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || !bytes_arg(env, argv[0], ELEMENT_BYTES, 1, &points, &points_len) || !bytes_arg(env, argv[1], SCALAR_BYTES, 1, &scalars, &scalars_len)) return NULL;
  if (points_len / ELEMENT_BYTES != scalars_len / SCALAR_BYTES) {
    napi_throw_range_error(env, NULL, "msm: as many scalars as points are needed");
    return NULL;
  }
  memset(sum, 0, ELEMENT_BYTES);
  for (size_t i = 0; i < points_len / ELEMENT_BYTES; i++) {
    if (crypto_scalarmult_ristretto255(term, scalars + i * SCALAR_BYTES, points + i * ELEMENT_BYTES) != 0) continue; /* the identity */
    if (crypto_core_ristretto255_add(sum, sum, term) != 0) {
      napi_throw_range_error(env, NULL, "msm: not a valid ristretto255 element");
      return NULL;
    }
  }
  return new_element(env, sum);
}

static napi_value version(napi_env env, napi_callback_info info) {
  napi_value result;
  (void)info;
  CHECK(napi_create_string_utf8(env, sodium_version_string(), NAPI_AUTO_LENGTH, &result));
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  if (sodium_init() < 0) {
    napi_throw_error(env, NULL, "libsodium could not be initialised");
    return NULL;
  }
  napi_property_descriptor props[] = {
    {"isValid", NULL, is_valid, NULL, NULL, NULL, napi_default, NULL},
    {"add", NULL, add, NULL, NULL, NULL, napi_default, NULL},
    {"sub", NULL, sub, NULL, NULL, NULL, napi_default, NULL},
    {"mul", NULL, mul, NULL, NULL, NULL, napi_default, NULL},
    {"mulBase", NULL, mul_base, NULL, NULL, NULL, napi_default, NULL},
    {"msm", NULL, msm, NULL, NULL, NULL, napi_default, NULL},
    {"version", NULL, version, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
