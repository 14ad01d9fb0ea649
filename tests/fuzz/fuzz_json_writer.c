/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_json_writer -- the JSON lines writer (lib/output/json.c) round
 * trip. The input is cut into a key, a value and one header (name and
 * value) at lengths taken from its first bytes, whose bits also make the
 * key, value or header value null; the record is written with
 * ktk_json_put_record(), the line is parsed back with jansson, and each
 * byte string must come back: valid UTF-8 as that string, other bytes as
 * {"base64":...} decoding to the same bytes, null as null. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/buffer.h"
#include "lib/base/bytes.h"
#include "lib/output/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* @p j must stand for @p s[0..n) (NULL: null) as json.h says. */
static void check(const json_t *j, const void *s, size_t n)
{
	const char *t;
	size_t tn;
	char *dec;
	long dn;

	if (j == NULL)
		abort();
	if (s == NULL) {
		if (!json_is_null(j))
			abort();
		return;
	}
	if (ktk_bytes_utf8_valid(s, n)) {
		if (!json_is_string(j) || json_string_length(j) != n ||
		    memcmp(json_string_value(j), s, n) != 0)
			abort();
		return;
	}
	j = json_object_get(j, "base64");
	if (!json_is_string(j))
		abort();
	t = json_string_value(j);
	tn = json_string_length(j);
	dec = malloc(tn * 3 / 4 + 3);
	if (dec == NULL)
		abort();
	dn = ktk_bytes_b64_decode(t, tn, dec);
	if (dn < 0 || (size_t)dn != n || memcmp(dec, s, n) != 0)
		abort();
	free(dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ktk_record_view r;
	struct ktk_header h;
	struct ktk_buffer b;
	json_error_t jerr;
	json_t *root, *hs;
	size_t kn, hn, hv, rest;
	unsigned f;

	if (size < 4 || size > 65536)
		return 0;
	f = data[0];
	memset(&r, 0, sizeof(r));
	r.topic = "fuzz";
	r.topic_len = 4;
	r.partition = 3;
	r.offset = INT64_MAX;
	r.timestamp = f & 64 ? -1 : INT64_MIN;
	r.tstype = f % 3;
	r.leader_epoch = f & 128 ? -1 : INT32_MAX;
	rest = size - 4;
	kn = rest ? data[1] % (rest + 1) : 0;
	rest -= kn;
	hn = rest ? data[2] % (rest + 1) : 0;
	rest -= hn;
	hv = rest ? data[3] % (rest + 1) : 0;
	rest -= hv;
	r.key = f & 1 ? NULL : data + 4;
	r.key_len = f & 1 ? 0 : kn;
	h.name = (const char *)data + 4 + kn;
	h.name_len = hn;
	h.value = f & 4 ? NULL : data + 4 + kn + hn;
	h.value_len = f & 4 ? 0 : hv;
	r.value = f & 2 ? NULL : data + 4 + kn + hn + hv;
	r.value_len = f & 2 ? 0 : rest;
	r.headers = &h;
	r.header_cnt = f & 8 ? 1 : 0;

	ktk_buffer_init(&b, 256);
	ktk_json_put_record(&b, &r);
	if (memchr(b.p, '\n', b.len) != NULL)
		abort();
	root = json_loadb(b.p, b.len, JSON_ALLOW_NUL, &jerr);
	if (!json_is_object(root))
		abort();
	check(json_object_get(root, "key"), r.key, r.key_len);
	check(json_object_get(root, "value"), r.value, r.value_len);
	hs = json_object_get(root, "headers");
	if (!json_is_array(hs) || json_array_size(hs) != r.header_cnt)
		abort();
	if (r.header_cnt) {
		check(json_array_get(json_array_get(hs, 0), 0), h.name,
		      h.name_len);
		check(json_array_get(json_array_get(hs, 0), 1), h.value,
		      h.value_len);
	}
	if (json_integer_value(json_object_get(root, "offset")) != INT64_MAX)
		abort();
	json_decref(root);
	ktk_buffer_free(&b);
	return 0;
}
