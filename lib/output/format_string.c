/* SPDX-License-Identifier: Apache-2.0 */
/* format_string.c -- kcat-style format strings; see format_string.h. */
#include "lib/output/format_string.h"

#include <stdlib.h>
#include <string.h>

#include "lib/base/bytes.h"
#include "lib/base/iso8601.h"
#include "lib/base/names.h"
#include "lib/output/json.h"

/* The value and the key are written the same five ways, in the same order
 * (enum bytes_as): OP_VALUE + AS_HEX is OP_VALUE_HEX, OP_KEY + AS_HEX is
 * OP_KEY_HEX, and put_bytes_as[] writes either. */
enum bytes_as { AS_RAW, AS_LEN, AS_HEX, AS_B64, AS_JSON };

enum op {
	OP_LIT,
	OP_VALUE, OP_VALUE_LEN, OP_VALUE_HEX, OP_VALUE_B64, OP_VALUE_JSON,
	OP_KEY, OP_KEY_LEN, OP_KEY_HEX, OP_KEY_B64, OP_KEY_JSON,
	OP_VALUE_LEN_BE, OP_TS, OP_HEADERS, OP_HEADERS_JSON, OP_HEADER,
	OP_TOPIC, OP_PARTITION, OP_OFFSET,
	OP_DATE_ISO, OP_DATE_ISO_LOCAL, OP_DATE_FMT, OP_DATE_FMT_LOCAL,
	OP_TSTYPE, OP_EPOCH, OP_JSON,
};
_Static_assert(OP_VALUE_JSON - OP_VALUE == AS_JSON &&
		       OP_KEY_JSON - OP_KEY == AS_JSON,
	       "the value's and key's ops follow enum bytes_as");

struct ktk_format_string_op {
	int op;
	char *arg; /* literal bytes, header name or strftime format */
	size_t len;
};

static const struct {
	char c;
	int op;
} short_tokens[] = {
	{'s', OP_VALUE}, {'S', OP_VALUE_LEN}, {'R', OP_VALUE_LEN_BE},
	{'k', OP_KEY},   {'K', OP_KEY_LEN},   {'T', OP_TS},
	{'h', OP_HEADERS}, {'t', OP_TOPIC},   {'p', OP_PARTITION},
	{'o', OP_OFFSET},
};

static const struct ktk_name_value long_tokens[] = {
	{"topic", OP_TOPIC},
	{"partition", OP_PARTITION},
	{"offset", OP_OFFSET},
	{"key", OP_KEY},
	{"key:hex", OP_KEY_HEX},
	{"key:base64", OP_KEY_B64},
	{"key:json", OP_KEY_JSON},
	{"value", OP_VALUE},
	{"value:hex", OP_VALUE_HEX},
	{"value:base64", OP_VALUE_B64},
	{"value:json", OP_VALUE_JSON},
	{"timestamp", OP_TS},
	{"headers", OP_HEADERS},
	{"headers:json", OP_HEADERS_JSON},
	{"date", OP_DATE_ISO},
	{"date:local", OP_DATE_ISO_LOCAL},
	{"tstype", OP_TSTYPE},
	{"epoch", OP_EPOCH},
	{"json", OP_JSON},
};

static int add(struct ktk_format_string *f, int op, const char *arg, size_t len,
	       struct ktk_err *err)
{
	struct ktk_format_string_op *ops, *o;

	ops = realloc(f->ops, (f->n + 1) * sizeof(*ops));
	if (ops == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	f->ops = ops;
	o = &ops[f->n];
	o->op = op;
	o->arg = NULL;
	o->len = len;
	if (arg != NULL) {
		if ((o->arg = malloc(len + 1)) == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "out of memory");
		memcpy(o->arg, arg, len);
		o->arg[len] = '\0';
	}
	f->n++;
	return 0;
}

/* the literal fmt[from..to), unescaped */
static int add_lit(struct ktk_format_string *f, const char *fmt, size_t from,
		   size_t to, struct ktk_err *err)
{
	char *raw, *out;
	long n;
	int rc;

	if (to == from)
		return 0;
	raw = strndup(fmt + from, to - from);
	out = malloc(to - from + 1);
	if (raw == NULL || out == NULL) {
		free(raw);
		free(out);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	n = ktk_bytes_unescape(raw, out);
	if (n < 0)
		rc = ktk_err_set(err, KTK_EXIT_USAGE,
				 "--format: bad escape in '%s' at byte %zu "
				 "(use \\n \\r \\t \\0 \\\\ \\xNN)",
				 raw, from + 1);
	else
		rc = add(f, OP_LIT, out, (size_t)n, err);
	free(raw);
	free(out);
	return rc;
}

static int long_token(struct ktk_format_string *f, const char *name, size_t pos,
		      struct ktk_err *err)
{
	const struct ktk_name_value *t;

	if ((t = ktk_names_find(long_tokens, KTK_NAMES_N(long_tokens), name, 0)))
		return add(f, t->value, NULL, 0, err);
	if (strncmp(name, "header:", 7) == 0 && name[7] != '\0')
		return add(f, OP_HEADER, name + 7, strlen(name + 7), err);
	if (strncmp(name, "date:", 5) == 0 && strchr(name + 5, '%'))
		return add(f, OP_DATE_FMT, name + 5, strlen(name + 5), err);
	if (strncmp(name, "localdate:", 10) == 0 && strchr(name + 10, '%'))
		return add(f, OP_DATE_FMT_LOCAL, name + 10, strlen(name + 10),
			   err);
	return ktk_err_set(err, KTK_EXIT_USAGE,
			   "--format: unknown token %%{%s} at byte %zu", name,
			   pos + 1);
}

int ktk_format_string_compile(struct ktk_format_string *f, const char *fmt,
		       struct ktk_err *err)
{
	size_t i = 0, lit = 0, j;

	f->ops = NULL;
	f->n = 0;
	while (fmt[i] != '\0') {
		if (fmt[i] != '%') {
			i++;
			continue;
		}
		if (add_lit(f, fmt, lit, i, err) == -1)
			goto fail;
		if (fmt[i + 1] == '%') {
			if (add(f, OP_LIT, "%", 1, err) == -1)
				goto fail;
			i += 2;
		} else if (fmt[i + 1] == '{') {
			const char *end = strchr(fmt + i + 2, '}');
			char *name;
			int rc;

			if (end == NULL) {
				ktk_err_set(err, KTK_EXIT_USAGE,
					    "--format: unterminated %%{ at "
					    "byte %zu",
					    i + 1);
				goto fail;
			}
			name = strndup(fmt + i + 2, (size_t)(end - fmt) - i - 2);
			if (name == NULL) {
				ktk_err_set(err, KTK_EXIT_SOFTWARE,
					    "out of memory");
				goto fail;
			}
			rc = long_token(f, name, i, err);
			free(name);
			if (rc == -1)
				goto fail;
			i = (size_t)(end - fmt) + 1;
		} else {
			for (j = 0; j < sizeof(short_tokens) /
					    sizeof(short_tokens[0]); j++)
				if (fmt[i + 1] == short_tokens[j].c)
					break;
			if (fmt[i + 1] == '\0' ||
			    j == sizeof(short_tokens) / sizeof(short_tokens[0])) {
				ktk_err_set(err, KTK_EXIT_USAGE,
					    "--format: unknown token %%%c at "
					    "byte %zu (see ktk-consumer(1), "
					    "FORMAT TOKENS)",
					    fmt[i + 1] ? fmt[i + 1] : ' ', i + 1);
				goto fail;
			}
			if (add(f, short_tokens[j].op, NULL, 0, err) == -1)
				goto fail;
			i += 2;
		}
		lit = i;
	}
	if (add_lit(f, fmt, lit, i, err) == -1)
		goto fail;
	return 0;
fail:
	ktk_format_string_free(f);
	return -1;
}

int ktk_format_string_uses_headers(const struct ktk_format_string *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->ops[i].op == OP_HEADERS || f->ops[i].op == OP_HEADERS_JSON ||
		    f->ops[i].op == OP_HEADER || f->ops[i].op == OP_JSON)
			return 1;
	return 0;
}

void ktk_format_string_free(struct ktk_format_string *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->ops[i].arg);
	free(f->ops);
	f->ops = NULL;
	f->n = 0;
}

static void put_hex(struct ktk_buffer *b, const void *p, size_t n)
{
	char *d;

	if (p == NULL || (d = ktk_buffer_room(b, 2 * n + 1)) == NULL)
		return;
	ktk_bytes_hex_encode(p, n, d);
	b->len += 2 * n;
}

static void put_b64(struct ktk_buffer *b, const void *p, size_t n)
{
	char *d;

	if (p == NULL || (d = ktk_buffer_room(b, ktk_bytes_b64_len(n) + 1)) == NULL)
		return;
	b->len += ktk_bytes_b64_encode(p, n, d);
}

static void put_len(struct ktk_buffer *b, const void *p, size_t n)
{
	ktk_buffer_put_i64(b, p == NULL ? -1 : (int64_t)n);
}

static void put_headers(struct ktk_buffer *b, const struct ktk_record_view *r)
{
	size_t i;

	for (i = 0; i < r->header_cnt; i++) {
		const struct ktk_header *h = &r->headers[i];

		if (i > 0)
			ktk_buffer_putc(b, ',');
		ktk_buffer_put(b, h->name, h->name_len);
		ktk_buffer_putc(b, '=');
		if (h->value == NULL)
			ktk_buffer_put(b, "NULL", 4);
		else
			ktk_buffer_put(b, h->value, h->value_len);
	}
}

static void put_header(struct ktk_buffer *b, const struct ktk_record_view *r,
		       const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < r->header_cnt; i++) {
		const struct ktk_header *h = &r->headers[i];

		if (h->name_len == len && memcmp(h->name, name, len) == 0) {
			if (h->value != NULL)
				ktk_buffer_put(b, h->value, h->value_len);
			return;
		}
	}
}

static void put_date(struct ktk_buffer *b, const struct ktk_record_view *r, int op,
		     const char *fmt)
{
	char tmp[256];
	size_t n;

	if (r->timestamp < 0)
		return;
	if (op == OP_DATE_ISO || op == OP_DATE_ISO_LOCAL)
		n = ktk_iso8601_format(r->timestamp, op == OP_DATE_ISO_LOCAL,
				       tmp);
	else
		n = ktk_iso8601_strftime(r->timestamp, op == OP_DATE_FMT_LOCAL, fmt,
				    tmp, sizeof(tmp));
	ktk_buffer_put(b, tmp, n);
}

/* a key or value as it is (@p p NULL: none, nothing) */
static void put_raw(struct ktk_buffer *b, const void *p, size_t n)
{
	if (p != NULL)
		ktk_buffer_put(b, p, n);
}

/* a key or value as it is, its length, hex, base64 or JSON */
static void (*const put_bytes_as[])(struct ktk_buffer *, const void *,
				     size_t) = {
	[AS_RAW] = put_raw, [AS_LEN] = put_len, [AS_HEX] = put_hex,
	[AS_B64] = put_b64, [AS_JSON] = ktk_json_put_bytes,
};

void ktk_format_string_write(const struct ktk_format_string *f, const struct ktk_record_view *r,
		      struct ktk_buffer *b)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		const struct ktk_format_string_op *o = &f->ops[i];

		switch (o->op) {
		case OP_LIT:
			ktk_buffer_put(b, o->arg, o->len);
			break;
		case OP_VALUE:
		case OP_VALUE_LEN:
		case OP_VALUE_HEX:
		case OP_VALUE_B64:
		case OP_VALUE_JSON:
			put_bytes_as[o->op - OP_VALUE](b, r->value,
						       r->value_len);
			break;
		case OP_KEY:
		case OP_KEY_LEN:
		case OP_KEY_HEX:
		case OP_KEY_B64:
		case OP_KEY_JSON:
			put_bytes_as[o->op - OP_KEY](b, r->key, r->key_len);
			break;
		case OP_VALUE_LEN_BE: {
			int32_t v = r->value ? (int32_t)r->value_len : -1;
			uint32_t u = (uint32_t)v;
			char be[4] = {(char)(u >> 24), (char)(u >> 16),
				      (char)(u >> 8), (char)u};

			ktk_buffer_put(b, be, 4);
			break;
		}
		case OP_TS:
			ktk_buffer_put_i64(b, r->timestamp);
			break;
		case OP_HEADERS:
			put_headers(b, r);
			break;
		case OP_HEADERS_JSON:
			ktk_json_put_headers(b, r);
			break;
		case OP_HEADER:
			put_header(b, r, o->arg, o->len);
			break;
		case OP_TOPIC:
			ktk_buffer_put(b, r->topic, r->topic_len);
			break;
		case OP_PARTITION:
			ktk_buffer_put_i64(b, r->partition);
			break;
		case OP_OFFSET:
			ktk_buffer_put_i64(b, r->offset);
			break;
		case OP_DATE_ISO:
		case OP_DATE_ISO_LOCAL:
		case OP_DATE_FMT:
		case OP_DATE_FMT_LOCAL:
			put_date(b, r, o->op, o->arg);
			break;
		case OP_TSTYPE:
			ktk_buffer_puts(b, ktk_record_view_tstype_name(r->tstype));
			break;
		case OP_EPOCH:
			ktk_buffer_put_i64(b, r->leader_epoch);
			break;
		case OP_JSON:
			ktk_json_put_record(b, r);
			break;
		}
	}
}
