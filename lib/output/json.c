/* SPDX-License-Identifier: Apache-2.0 */
/* json.c -- JSON lines for records; see json.h. */
#include "lib/output/json.h"

#include <stdint.h>
#include <string.h>

#include "lib/base/bytes.h"

/* 0: copy as is; 1: needs an escape */
static const unsigned char needs_esc[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, ['\\'] = 1,
};

void ktk_json_put_str(struct ktk_buffer *b, const void *sv, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = sv;
	size_t i, run = 0;
	char *d;

	/* worst case: every byte as \u00XX */
	if (n > (SIZE_MAX - 2) / 6 || (d = ktk_buffer_room(b, n * 6 + 2)) == NULL)
		return;
	*d++ = '"';
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (!needs_esc[c])
			continue;
		memcpy(d, s + run, i - run);
		d += i - run;
		run = i + 1;
		*d++ = '\\';
		switch (c) {
		case '"': *d++ = '"'; break;
		case '\\': *d++ = '\\'; break;
		case '\b': *d++ = 'b'; break;
		case '\f': *d++ = 'f'; break;
		case '\n': *d++ = 'n'; break;
		case '\r': *d++ = 'r'; break;
		case '\t': *d++ = 't'; break;
		default:
			*d++ = 'u';
			*d++ = '0';
			*d++ = '0';
			*d++ = hex[c >> 4];
			*d++ = hex[c & 15];
		}
	}
	memcpy(d, s + run, n - run);
	d += n - run;
	*d++ = '"';
	b->len = (size_t)(d - b->p);
}

/* Length of the leading run of ASCII bytes that need no escape, eight
 * bytes at a time: no byte >= 0x80, < 0x20, '"' or '\\'. */
static size_t plain_prefix(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, q, bs;

		memcpy(&w, s + i, 8);
		q = w ^ (ones * '"');
		bs = w ^ (ones * '\\');
		if ((w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
		     ((bs - ones) & ~bs)) &
		    highs)
			break;
	}
	for (; i < n; i++)
		if (s[i] >= 0x80 || needs_esc[s[i]])
			break;
	return i;
}

void ktk_json_put_bytes(struct ktk_buffer *b, const void *s, size_t n)
{
	size_t plain;
	char *d;

	if (s == NULL) {
		ktk_buffer_put(b, "null", 4);
		return;
	}
	plain = plain_prefix(s, n);
	if (plain == n) { /* the common case: copy it as it is */
		if ((d = ktk_buffer_room(b, n + 2)) == NULL)
			return;
		*d = '"';
		memcpy(d + 1, s, n);
		d[n + 1] = '"';
		b->len += n + 2;
		return;
	}
	/* an ASCII prefix is valid UTF-8: check only the rest */
	if (ktk_bytes_utf8_valid((const char *)s + plain, n - plain)) {
		ktk_json_put_str(b, s, n);
		return;
	}
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
	PUT_LIT(b, "{\"topic\":");
	ktk_json_put_bytes(b, r->topic, r->topic_len);
	PUT_LIT(b, ",\"partition\":");
	ktk_buffer_put_i64(b, r->partition);
	PUT_LIT(b, ",\"offset\":");
	ktk_buffer_put_i64(b, r->offset);
	PUT_LIT(b, ",\"timestamp\":");
	if (r->timestamp >= 0)
		ktk_buffer_put_i64(b, r->timestamp);
	else
		PUT_LIT(b, "null");
	PUT_LIT(b, ",\"timestamp_type\":\"");
	ktk_buffer_puts(b, ktk_record_view_tstype_name(r->tstype));
	PUT_LIT(b, "\",");
	put_datum(b, "key", r->key, r->key_len, key);
	ktk_buffer_putc(b, ',');
	put_datum(b, "value", r->value, r->value_len, value);
	PUT_LIT(b, ",\"headers\":");
	ktk_json_put_headers(b, r);
	if (r->leader_epoch >= 0) {
		PUT_LIT(b, ",\"leader_epoch\":");
		ktk_buffer_put_i64(b, r->leader_epoch);
	}
	ktk_buffer_putc(b, '}');
}
