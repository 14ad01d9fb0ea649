/* SPDX-License-Identifier: Apache-2.0 */
/* json.c -- JSON lines for records; see json.h. */
#include "lib/output/json.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lib/base/bytes.h"

/* 0: copy as is; 1: needs an escape */
static const unsigned char needs_esc[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, ['\\'] = 1,
};

/* a byte that ends a plain run: < 0x20, '"', '\\' or >= 0x80 */
static inline int stops_run(unsigned char c)
{
	return c >= 0x80 || needs_esc[c];
}

/* whether one of the 8 bytes of @p w ends a plain run (SWAR: a byte
 * < 0x20, '"', '\\' or >= 0x80) */
static inline int swar_stops(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');

	return ((w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
		 ((bs - ones) & ~bs)) &
		highs) != 0;
}

#ifdef __SSE2__
/* the bits of the bytes of s[0..16) that end a plain run (a signed
 * compare with 0x20 catches both the controls and the bytes >= 0x80) */
static inline unsigned sse_stops(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
		_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
		_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')))));
}
#endif

/* Length of the leading run of ASCII bytes that need no escape: 16 bytes
 * at a time with SSE2 (the last 16 overlapping what was seen), 8 at a
 * time for short strings and elsewhere. */
static size_t plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
	uint64_t w;
#ifdef __SSE2__
	unsigned m;

	if (n >= 16) {
		for (; i + 16 <= n; i += 16)
			if ((m = sse_stops(s + i)) != 0)
				return i + (size_t)__builtin_ctz(m);
		if (i == n)
			return n;
		/* the bytes before the first that stops are plain */
		m = sse_stops(s + n - 16);
		return m ? n - 16 + (size_t)__builtin_ctz(m) : n;
	}
#endif
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (swar_stops(w))
			break;
	}
	for (; i < n; i++)
		if (stops_run(s[i]))
			break;
	return i;
}

size_t ktk_json_plain_run(const void *s, size_t n)
{
	return plain_run(s, n);
}

/* the escape of ASCII byte @p c (one that needs one) at @p d: its end */
static inline char *put_escape(char *d, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	char l = ktk_bytes_json_escape(c);

	*d++ = '\\';
	if (l != 0) {
		*d++ = l;
	} else {
		*d++ = 'u';
		*d++ = '0';
		*d++ = '0';
		*d++ = hex[c >> 4];
		*d++ = hex[c & 15];
	}
	return d;
}

/* Write s[0..n) quoted and escaped at @p d, checking UTF-8 on the way, in
 * one pass: plain runs are copied as they are, escapes written, multi-byte
 * sequences checked and copied. @returns the end, or NULL when the bytes
 * are not valid UTF-8. @p d has room for n * 6 + 2 bytes. */
static char *put_quoted(char *d, const unsigned char *s, size_t n)
{
	size_t i = 0;

	*d++ = '"';
	for (;;) {
		size_t run = plain_run(s + i, n - i), len;

		memcpy(d, s + i, run);
		d += run;
		i += run;
		if (i == n)
			break;
		if (s[i] < 0x80) {
			d = put_escape(d, s[i++]);
			continue;
		}
		/* multi-byte sequences, as long as they follow each other */
		do {
			unsigned char c = s[i];

			/* two bytes (Latin, Greek, Cyrillic ...): inline */
			if (c >= 0xC2 && c <= 0xDF && n - i >= 2 &&
			    (s[i + 1] & 0xC0) == 0x80) {
				d[0] = (char)c;
				d[1] = (char)s[i + 1];
				d += 2;
				i += 2;
				continue;
			}
			if ((len = ktk_bytes_utf8_seq(s + i, n - i)) == 0)
				return NULL;
			memcpy(d, s + i, len);
			d += len;
			i += len;
		} while (i < n && s[i] >= 0x80);
		if (i == n)
			break;
	}
	*d++ = '"';
	return d;
}

int ktk_json_put_str(struct ktk_buffer *b, const void *s, size_t n)
{
	char *d, *e;

	/* worst case: every byte as \u00XX */
	if (n > (SIZE_MAX - 2) / 6 || (d = ktk_buffer_room(b, n * 6 + 2)) == NULL)
		return 0;
	if ((e = put_quoted(d, s, n)) == NULL)
		return -1;
	b->len = (size_t)(e - b->p);
	return 0;
}

void ktk_json_put_bytes(struct ktk_buffer *b, const void *s, size_t n)
{
	size_t plain;
	char *d;

	if (s == NULL) {
		ktk_buffer_put(b, "null", 4);
		return;
	}
	plain = plain_run(s, n);
	if (plain == n) { /* the common case: copy it as it is */
		if ((d = ktk_buffer_room(b, n + 2)) == NULL)
			return;
		*d = '"';
		memcpy(d + 1, s, n);
		d[n + 1] = '"';
		b->len += n + 2;
		return;
	}
	if (n <= (SIZE_MAX - 2) / 6 &&
	    (d = ktk_buffer_room(b, n * 6 + 2)) != NULL) {
		char *e = put_quoted(d, s, n);

		if (e != NULL) {
			b->len = (size_t)(e - b->p);
			return;
		}
	}
	/* not UTF-8 (or too long to escape): base64 */
	if ((d = ktk_buffer_room(b, ktk_bytes_b64_len(n) + 14)) == NULL)
		return;
	memcpy(d, "{\"base64\":\"", 11);
	d += 11;
	d += ktk_bytes_b64_encode(s, n, d);
	*d++ = '"';
	*d++ = '}';
	b->len = (size_t)(d - b->p);
}

void ktk_json_put_headers(struct ktk_buffer *b, const struct ktk_record_view *r)
{
	size_t i;

	ktk_buffer_putc(b, '[');
	for (i = 0; i < r->header_cnt; i++) {
		const struct ktk_header *h = &r->headers[i];

		if (i > 0)
			ktk_buffer_putc(b, ',');
		ktk_buffer_putc(b, '[');
		ktk_json_put_bytes(b, h->name, h->name_len);
		ktk_buffer_putc(b, ',');
		ktk_json_put_bytes(b, h->value, h->value_len);
		ktk_buffer_putc(b, ']');
	}
	ktk_buffer_putc(b, ']');
}

#define PUT_LIT(b, s) ktk_buffer_put((b), (s), sizeof(s) - 1)
/* a literal at d, d moved past it */
#define WRITE_LIT(d, s) (memcpy((d), (s), sizeof(s) - 1), (d) += sizeof(s) - 1)

/* "name":DATUM[,"name_schema_id":N][,"name_error":"..."] */
static void put_datum(struct ktk_buffer *b, const char *name, const void *raw,
		      size_t raw_len, const struct ktk_json_datum *d)
{
	ktk_buffer_putc(b, '"');
	ktk_buffer_puts(b, name);
	PUT_LIT(b, "\":");
	if (d != NULL && d->json != NULL)
		ktk_buffer_put(b, d->json, d->len);
	else
		ktk_json_put_bytes(b, raw, raw_len);
	if (d == NULL)
		return;
	if (d->schema_id >= 0) {
		PUT_LIT(b, ",\"");
		ktk_buffer_puts(b, name);
		PUT_LIT(b, "_schema_id\":");
		ktk_buffer_put_i64(b, d->schema_id);
	}
	if (d->json == NULL && d->error != NULL) {
		PUT_LIT(b, ",\"");
		ktk_buffer_puts(b, name);
		PUT_LIT(b, "_error\":");
		ktk_json_put_bytes(b, d->error, strlen(d->error));
	}
}

void ktk_json_put_record(struct ktk_buffer *b, const struct ktk_record_view *r)
{
	ktk_json_put_record_with(b, r, NULL, NULL);
}

void ktk_json_put_record_with(struct ktk_buffer *b,
			      const struct ktk_record_view *r,
			      const struct ktk_json_datum *key,
			      const struct ktk_json_datum *value)
{
	const char *tt = ktk_record_view_tstype_name(r->tstype);
	size_t ttlen = strlen(tt);
	char *d;

	PUT_LIT(b, "{\"topic\":");
	ktk_json_put_bytes(b, r->topic, r->topic_len);
	/* the fields between topic and key in one go */
	if ((d = ktk_buffer_room(b, 64 + 3 * KTK_BUFFER_I64_MAX + ttlen)) == NULL)
		return;
	WRITE_LIT(d, ",\"partition\":");
	d = ktk_buffer_fmt_i64(d, r->partition);
	WRITE_LIT(d, ",\"offset\":");
	d = ktk_buffer_fmt_i64(d, r->offset);
	WRITE_LIT(d, ",\"timestamp\":");
	if (r->timestamp >= 0)
		d = ktk_buffer_fmt_i64(d, r->timestamp);
	else
		WRITE_LIT(d, "null");
	WRITE_LIT(d, ",\"timestamp_type\":\"");
	memcpy(d, tt, ttlen);
	d += ttlen;
	WRITE_LIT(d, "\",");
	b->len = (size_t)(d - b->p);
	/* a schema's decoded datum (ktk-consumer -s) or the bytes */
	put_datum(b, "key", r->key, r->key_len, key);
	ktk_buffer_putc(b, ',');
	put_datum(b, "value", r->value, r->value_len, value);
	if (r->header_cnt > 0) {
		PUT_LIT(b, ",\"headers\":");
		ktk_json_put_headers(b, r);
	}
	/* the end in one go */
	if ((d = ktk_buffer_room(b, 32 + KTK_BUFFER_I64_MAX)) == NULL)
		return;
	if (r->header_cnt == 0)
		WRITE_LIT(d, ",\"headers\":[]");
	if (r->leader_epoch >= 0) {
		WRITE_LIT(d, ",\"leader_epoch\":");
		d = ktk_buffer_fmt_i64(d, r->leader_epoch);
	}
	*d++ = '}';
	b->len = (size_t)(d - b->p);
}
