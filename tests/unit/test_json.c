/* SPDX-License-Identifier: Apache-2.0 */
/* test_json.c -- the JSON writer, checked against jansson's parser. */
#include "lib/output/json.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
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

/* ---- byte for byte against a plain reference ------------------------- */

/* UTF-8 validity, decoded code point by code point */
static int ref_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], cp, len, k, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0)
			len = 2, cp = c & 0x1F, min = 0x80;
		else if ((c & 0xF0) == 0xE0)
			len = 3, cp = c & 0x0F, min = 0x800;
		else if ((c & 0xF8) == 0xF0)
			len = 4, cp = c & 0x07, min = 0x10000;
		else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
			return 0;
		i += len;
	}
	return 1;
}

/* the JSON of s[0..n) a byte at a time, as json.h specifies it */
static void ref_bytes(struct ktk_buffer *b, const unsigned char *s, size_t n)
{
	size_t i;

	if (!ref_utf8(s, n)) {
		char *d = ktk_buffer_room(b, ktk_bytes_b64_len(n) + 14);

		memcpy(d, "{\"base64\":\"", 11);
		d += 11;
		d += ktk_bytes_b64_encode(s, n, d);
		memcpy(d, "\"}", 2);
		b->len = (size_t)(d + 2 - b->p);
		return;
	}
	ktk_buffer_putc(b, '"');
	for (i = 0; i < n; i++) {
		char esc[8];

		switch (s[i]) {
		case '"': ktk_buffer_put(b, "\\\"", 2); break;
		case '\\': ktk_buffer_put(b, "\\\\", 2); break;
		case '\b': ktk_buffer_put(b, "\\b", 2); break;
		case '\f': ktk_buffer_put(b, "\\f", 2); break;
		case '\n': ktk_buffer_put(b, "\\n", 2); break;
		case '\r': ktk_buffer_put(b, "\\r", 2); break;
		case '\t': ktk_buffer_put(b, "\\t", 2); break;
		default:
			if (s[i] < 0x20) {
				snprintf(esc, sizeof(esc), "\\u%04x", s[i]);
				ktk_buffer_put(b, esc, 6);
			} else {
				ktk_buffer_putc(b, (char)s[i]);
			}
		}
	}
	ktk_buffer_putc(b, '"');
}

static int same_as_ref(const unsigned char *s, size_t n)
{
	struct ktk_buffer a, r;
	int ok;

	ktk_buffer_init(&a, 0);
	ktk_buffer_init(&r, 0);
	ktk_json_put_bytes(&a, s, n);
	ref_bytes(&r, s, n);
	ok = a.len == r.len && memcmp(a.p, r.p, a.len) == 0;
	ktk_buffer_free(&a);
	ktk_buffer_free(&r);
	return ok;
}

/* pieces that stop a plain run or start a multi-byte sequence, placed at
 * every position of strings around the 16-byte fast path, at every
 * alignment; and random strings of them */
static void t_reference(void)
{
	static const char *piece[] = {
		"\"", "\\", "\n", "\t", "\x01", "\x1f", " ", "\x7f", "~",
		"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xc3",
		"\xe2\x82", "\xff", "\x80", "\xc0\xaf", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xef\xbf\xbf", "\0"};
	const size_t np = sizeof(piece) / sizeof(piece[0]);
	unsigned char buf[160];
	unsigned seed = 99;
	size_t k, p, len, al, sl, i, bad = 0;

	for (k = 0; k < np; k++) {
		sl = k == np - 1 ? 1 : strlen(piece[k]);
		for (len = sl; len <= 48; len++)
			for (p = 0; p + sl <= len; p++)
				for (al = 0; al < 16; al += 5) {
					memset(buf + al, 'a', len);
					memcpy(buf + al + p, piece[k], sl);
					bad += !same_as_ref(buf + al, len);
				}
	}
	for (i = 0; i < 20000; i++) {
		len = 0;
		while (len < 120) {
			seed = seed * 1103515245u + 12345u;
			k = (seed >> 16) % (np + 8);
			if (k >= np) { /* mostly plain */
				buf[len++] = (unsigned char)('a' + k - np);
				continue;
			}
			sl = k == np - 1 ? 1 : strlen(piece[k]);
			if (len + sl > 120)
				break;
			memcpy(buf + len, piece[k], sl);
			len += sl;
		}
		bad += !same_as_ref(buf, (seed >> 8) % (len + 1));
	}
	CHECK_INT(bad, 0);
}

/* a whole record, byte for byte */
static void t_record_bytes(void)
{
	struct ktk_header h[] = {{"h", 1, "v", 1}, {"h", 1, NULL, 0}};
	struct ktk_record_view r = {
		.topic = "t", .topic_len = 1, .partition = 0, .offset = 5,
		.timestamp = 1700000000000, .tstype = KTK_TS_CREATE,
		.leader_epoch = 0, .key = "k", .key_len = 1, .value = "\xff",
		.value_len = 1, .headers = h, .header_cnt = 2,
	};
	struct ktk_buffer b;

	ktk_buffer_init(&b, 0);
	ktk_json_put_record(&b, &r);
	ktk_buffer_putc(&b, '\0');
	CHECK_STR(b.p, "{\"topic\":\"t\",\"partition\":0,\"offset\":5,"
		       "\"timestamp\":1700000000000,\"timestamp_type\":"
		       "\"CreateTime\",\"key\":\"k\",\"value\":{\"base64\":"
		       "\"/w==\"},\"headers\":[[\"h\",\"v\"],[\"h\",null]],"
		       "\"leader_epoch\":0}");
	b.len = 0;
	r.header_cnt = 0;
	r.leader_epoch = -1;
	r.timestamp = -1;
	r.tstype = KTK_TS_NONE;
	r.offset = INT64_MAX;
	r.partition = -1;
	r.key = NULL;
	ktk_json_put_record(&b, &r);
	ktk_buffer_putc(&b, '\0');
	CHECK_STR(b.p, "{\"topic\":\"t\",\"partition\":-1,\"offset\":"
		       "9223372036854775807,\"timestamp\":null,"
		       "\"timestamp_type\":\"NoTimestampType\",\"key\":null,"
		       "\"value\":{\"base64\":\"/w==\"},\"headers\":[]}");
	ktk_buffer_free(&b);
}

int main(void)
{
	RUN(t_strings);
	RUN(t_null);
	RUN(t_record);
	RUN(t_random);
	RUN(t_positions);
	RUN(t_reference);
	RUN(t_record_bytes);
	return unit_done();
}
