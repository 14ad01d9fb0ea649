/* SPDX-License-Identifier: Apache-2.0 */
/* test_json.c -- the JSON writer, checked against jansson's parser. */
#include "lib/output/json.h"

#include <jansson.h>
#include <stdlib.h>

#include "lib/base/bytes.h"
#include "tests/unit/unit.h"

static json_t *parse(const struct ktk_buffer *b)
{
	json_error_t e;

	return json_loadb(b->p, b->len, JSON_ALLOW_NUL | JSON_DECODE_ANY, &e);
}

/* every byte string must come back exactly: as a string or base64 */
static void roundtrip(const void *s, size_t n)
{
	struct ktk_buffer b;
	json_t *j;

	ktk_buffer_init(&b, 0);
	ktk_json_put_bytes(&b, s, n);
	j = parse(&b);
	CHECK(j != NULL);
	if (j != NULL && json_is_string(j)) {
		CHECK(ktk_bytes_utf8_valid(s, n));
		CHECK_INT(json_string_length(j), n);
		CHECK(memcmp(json_string_value(j), s, n) == 0);
	} else if (j != NULL) {
		json_t *b64 = json_object_get(j, "base64");
		char *out = malloc(n + 4);
		long got;

		CHECK(!ktk_bytes_utf8_valid(s, n));
		CHECK(json_is_string(b64));
		got = ktk_bytes_b64_decode(json_string_value(b64),
				     json_string_length(b64), out);
		CHECK_INT(got, n);
		CHECK(got >= 0 && memcmp(out, s, n) == 0);
		free(out);
	}
	json_decref(j);
	ktk_buffer_free(&b);
}

static void t_strings(void)
{
	unsigned char all[256];
	int i;

	roundtrip("", 0);
	roundtrip("plain", 5);
	roundtrip("q\"b\\s/\n\r\t\b\f\x01\x1f\x7f", 14);
	roundtrip("nul\0inside", 10);
	roundtrip("\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80", 11);
	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	roundtrip(all, 256);       /* invalid UTF-8: base64 */
	roundtrip(all, 128);       /* ASCII with controls: a string */
	roundtrip("\xff", 1);
	roundtrip("\xed\xa0\x80", 3); /* a surrogate */
}

static void t_null(void)
{
	struct ktk_buffer b;

	ktk_buffer_init(&b, 0);
	ktk_json_put_bytes(&b, NULL, 0);
	CHECK(b.len == 4 && memcmp(b.p, "null", 4) == 0);
	ktk_buffer_free(&b);
}

static void t_record(void)
{
	struct ktk_header h[] = {
		{"a", 1, "1", 1}, {"a", 1, NULL, 0}, {"bin", 3, "\xff\x00", 2}};
	struct ktk_record_view r = {
		.topic = "top\"ic", .topic_len = 6, .partition = 5,
		.offset = 9007199254740993LL, .timestamp = 1700000000123,
		.tstype = KTK_TS_LOG_APPEND, .leader_epoch = 7, .key = NULL,
		.value = "", .value_len = 0, .headers = h, .header_cnt = 3,
	};
	struct ktk_buffer b;
	json_t *j, *hs;

	ktk_buffer_init(&b, 0);
	ktk_json_put_record(&b, &r);
	j = parse(&b);
	CHECK(j != NULL);
	CHECK_STR(json_string_value(json_object_get(j, "topic")), "top\"ic");
	CHECK_INT(json_integer_value(json_object_get(j, "partition")), 5);
	CHECK_INT(json_integer_value(json_object_get(j, "offset")),
		  9007199254740993LL);
	CHECK_INT(json_integer_value(json_object_get(j, "timestamp")),
		  1700000000123);
	CHECK_STR(json_string_value(json_object_get(j, "timestamp_type")),
		  "LogAppendTime");
	CHECK(json_is_null(json_object_get(j, "key")));
	CHECK_STR(json_string_value(json_object_get(j, "value")), "");
	CHECK_INT(json_integer_value(json_object_get(j, "leader_epoch")), 7);
	hs = json_object_get(j, "headers");
	CHECK_INT(json_array_size(hs), 3);
	CHECK_STR(json_string_value(json_array_get(json_array_get(hs, 0), 1)),
		  "1");
	CHECK_STR(json_string_value(json_array_get(json_array_get(hs, 1), 0)),
		  "a");
	CHECK(json_is_null(json_array_get(json_array_get(hs, 1), 1)));
	CHECK_STR(json_string_value(json_object_get(
			  json_array_get(json_array_get(hs, 2), 1), "base64")),
		  "/wA=");
	json_decref(j);
	/* no epoch, no timestamp */
	b.len = 0;
	r.leader_epoch = -1;
	r.timestamp = -1;
	r.tstype = KTK_TS_NONE;
	ktk_json_put_record(&b, &r);
	j = parse(&b);
	CHECK(j != NULL && json_object_get(j, "leader_epoch") == NULL);
	CHECK(json_is_null(json_object_get(j, "timestamp")));
	json_decref(j);
	ktk_buffer_free(&b);
}

static void t_random(void)
{
	unsigned char buf[64];
	unsigned seed = 12345;
	int i, k;

	for (i = 0; i < 2000; i++) {
		int n = i % 64;

		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			/* mostly ASCII and some multibyte starts */
			buf[k] = (unsigned char)(seed >> 16);
			if (i % 3)
				buf[k] &= 0x7f;
		}
		roundtrip(buf, (size_t)n);
	}
}

/* a special byte at every position around the 8-byte fast path */
static void t_positions(void)
{
	static const char *special[] = {"\"", "\\", "\n", "\x1f", "\x7f",
					"\xc3\xa9", "\xff", " "};
	char buf[32];
	size_t k, p, sl;

	for (k = 0; k < sizeof(special) / sizeof(special[0]); k++) {
		sl = strlen(special[k]);
		for (p = 0; p + sl <= 24; p++) {
			memset(buf, 'a', 24);
			memcpy(buf + p, special[k], sl);
			roundtrip(buf, 24);
			roundtrip(buf, p + sl);
		}
	}
}

int main(void)
{
	RUN(t_strings);
	RUN(t_null);
	RUN(t_record);
	RUN(t_random);
	RUN(t_positions);
	return unit_done();
}
