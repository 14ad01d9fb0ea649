/* SPDX-License-Identifier: Apache-2.0 */
/* message_schema.c -- decode Kafka protocol "messages" to Jackson-style JSON (see
 * message_schema.h).
 *
 * Encoding (all big-endian), per version of the message:
 *   non-flexible: string = int16 length (-1 null) + UTF-8; bytes = int32
 *     length (-1 null); array = int32 count (-1 null) + elements.
 *   flexible: compact string/bytes/array = uvarint (length + 1, 0 null);
 *     every struct ends with tagged fields: uvarint count, then per field
 *     uvarint tag, uvarint size, size bytes.
 *   bool/int8 1 byte, int16/uint16 2, int32/uint32 4, int64/float64 8,
 *   uuid 16 (printed as 22 characters of unpadded base64url).
 * A struct is parsed once to find each field's byte span (tagged fields
 * arrive at its end), then written in schema order from the spans.
 */
#include "lib/logformat/message_schema.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/bytes.h"
#include "lib/logformat/wire.h"

#define MAX_FIELDS 64
#define MAX_DEPTH 16

struct span {
	size_t start, end;
	int present;
};

struct kctx {
	int version, flex;
	const uint8_t *base; /* the whole message */
	size_t len;
	struct ktk_buffer *out;
	struct ktk_err *err;
	int cproto;          /* GroupMetadataValue of protocol "consumer" */
	int depth;
	long work;           /* elements visited: bounded against nesting of
			      * arrays of empty structs */
};

int ktk_message_schema_json_str(struct ktk_buffer *out, const uint8_t *s,
				size_t n)
{
	struct ktk_buffer tmp = {0};
	const uint8_t *q;
	size_t i, start = 0;

	if (!ktk_bytes_utf8_valid(s, n)) {
		ktk_buffer_put_utf8(&tmp, s, n);
		if (tmp.oom) {
			ktk_buffer_free(&tmp);
			out->oom = 1;
			return -1;
		}
		s = (const uint8_t *)tmp.p;
		n = tmp.len;
	}
	q = s;
	ktk_buffer_putc(out, '"');
	for (i = 0; i < n; i++) {
		const char *esc = NULL;
		char u[8], l = ktk_bytes_json_escape(q[i]);

		if (l != 0) {
			u[0] = '\\';
			u[1] = l;
			u[2] = '\0';
			esc = u;
		} else if (q[i] < 0x20) {
			snprintf(u, sizeof(u), "\\u%04X", q[i]);
			esc = u;
		}
		if (esc) {
			ktk_buffer_put(out, q + start, i - start);
			ktk_buffer_puts(out, esc);
			start = i + 1;
		}
	}
	ktk_buffer_put(out, q + start, n - start);
	ktk_buffer_putc(out, '"');
	ktk_buffer_free(&tmp);
	ktk_buffer_cstr(out);
	return out->oom ? -1 : 0;
}

const struct ktk_message_schema *ktk_message_schema_find(int family, int api_key,
				     const char *name)
{
	const struct ktk_message_schema *m;

	for (m = ktk_message_schema_table; m->name; m++) {
		if (name ? strcmp(m->name, name) == 0
			 : (m->family == family && m->api_key == api_key))
			return m;
	}
	return NULL;
}

static int in(int v, int lo, int hi)
{
	return lo >= 0 && v >= lo && v <= hi;
}

static int fail(struct kctx *c, const char *fmt, const char *name, long a,
		long b)
{
	char msg[256];

	snprintf(msg, sizeof(msg), fmt, name, a, b);
	return ktk_err_set(c->err, KTK_EXIT_DATAERR, "%s", msg);
}

/* Length prefix of a string (16-bit) / bytes or array (32-bit). */
static int64_t read_len(struct kctx *c, struct ktk_wire *rb, int wide)
{
	if (c->flex)
		return (int64_t)ktk_wire_uvarint(rb) - 1;
	return wide ? ktk_wire_i32(rb) : ktk_wire_i16(rb);
}

static int parse_struct(struct kctx *c, const struct ktk_message_struct *s,
			struct ktk_wire *rb, struct span *sp);

static int skip_elem(struct kctx *c, const struct ktk_kfield *f,
		     struct ktk_wire *rb)
{
	static const int8_t width[] = {1, 1, 2, 2, 4, 4, 8, 8};
	int64_t n;

	if (++c->work > 64 * (long)c->len + 100000)
		return fail(c, "%sthe message nests too many empty elements",
			    "", 0, 0);

	if (f->type <= KTK_KT_FLOAT64) {
		ktk_wire_take(rb, (size_t)width[f->type]);
	} else if (f->type == KTK_KT_UUID) {
		ktk_wire_take(rb, 16);
	} else if (f->type == KTK_KT_STRING || f->type == KTK_KT_BYTES) {
		n = read_len(c, rb, f->type == KTK_KT_BYTES);
		if (n < -1 || (n == -1 && !in(c->version, f->nmin, f->nmax)))
			return fail(c, "non-nullable field %s was serialized "
				       "as null",
				    f->name, 0, 0);
		if (n > (int64_t)ktk_wire_left(rb))
			return fail(c, "Error reading %s of %ld byte(s): only "
				       "%ld byte(s) available",
				    f->type == KTK_KT_BYTES ? "byte array"
							    : "string",
				    (long)n, (long)ktk_wire_left(rb));
		if (n > 0)
			ktk_wire_take(rb, (size_t)n);
	} else {
		struct span sub[MAX_FIELDS];

		if (parse_struct(c, f->sub, rb, sub) == -1)
			return -1;
	}
	if (rb->bad)
		return fail(c, "Tried to read %s past the end of the buffer",
			    f->name, 0, 0);
	return 0;
}

static int skip_field(struct kctx *c, const struct ktk_kfield *f,
		      struct ktk_wire *rb)
{
	int64_t n, i;

	if (!f->array)
		return skip_elem(c, f, rb);
	n = read_len(c, rb, 1);
	if (rb->bad)
		return fail(c, "Tried to read array %s past the end", f->name,
			    0, 0);
	if (n < 0) {
		if (n == -1 && in(c->version, f->nmin, f->nmax))
			return 0;
		return fail(c, "non-nullable field %s was serialized as null",
			    f->name, 0, 0);
	}
	if (n > (int64_t)ktk_wire_left(rb))
		return fail(c, "%sTried to allocate a collection of size %ld, but "
			       "there are only %ld bytes remaining.",
			    "", (long)n, (long)ktk_wire_left(rb));
	for (i = 0; i < n; i++)
		if (skip_elem(c, f, rb) == -1)
			return -1;
	return 0;
}

static int tagged_here(const struct kctx *c, const struct ktk_kfield *f)
{
	return f->tag >= 0 && in(c->version, f->tmin, f->tmax);
}

static int parse_struct(struct kctx *c, const struct ktk_message_struct *s,
			struct ktk_wire *rb, struct span *sp)
{
	int i;

	if (s->nfields > MAX_FIELDS || ++c->depth > MAX_DEPTH)
		return fail(c, "message nests too deeply%s", "", 0, 0);
	for (i = 0; i < s->nfields; i++) {
		const struct ktk_kfield *f = &s->fields[i];

		sp[i].present = 0;
		if (!in(c->version, f->vmin, f->vmax) || tagged_here(c, f))
			continue;
		sp[i].start = rb->pos;
		if (skip_field(c, f, rb) == -1)
			return -1;
		sp[i].end = rb->pos;
		sp[i].present = 1;
	}
	if (c->flex) {
		uint32_t n = ktk_wire_uvarint(rb), k;

		for (k = 0; k < n && !rb->bad; k++) {
			uint32_t tag = ktk_wire_uvarint(rb);
			uint32_t size = ktk_wire_uvarint(rb);
			size_t start = rb->pos;

			if (ktk_wire_take(rb, size) == NULL)
				break;
			for (i = 0; i < s->nfields; i++) {
				struct ktk_wire sub;

				if (!tagged_here(c, &s->fields[i]) ||
				    (uint32_t)s->fields[i].tag != tag)
					continue;
				/* the value must read within its size */
				ktk_wire_init(&sub, rb->p, start + size);
				sub.pos = start;
				if (skip_field(c, &s->fields[i], &sub) == -1)
					return -1;
				sp[i].start = start;
				sp[i].end = start + size;
				sp[i].present = 2;
			}
		}
		if (rb->bad)
			return fail(c, "Tagged fields run past the end%s", "",
				    0, 0);
	}
	c->depth--;
	return 0;
}

static int write_struct(struct kctx *c, const struct ktk_message_struct *s,
			size_t start, size_t end, size_t *used);

static int put(struct kctx *c, const char *s)
{
	ktk_buffer_puts(c->out, s);
	if (c->out->oom)
		return ktk_err_set(c->err, KTK_EXIT_SOFTWARE, "out of memory");
	return 0;
}

static void uuid_text(const uint8_t *q, char *dst)
{
	char b64[32];
	size_t i;

	ktk_bytes_b64_encode(q, 16, b64);
	for (i = 0; i < 22; i++)
		dst[i] = b64[i] == '+' ? '-' : b64[i] == '/' ? '_' : b64[i];
	dst[22] = '\0';
}

static int try_cproto(struct kctx *c, const struct ktk_kfield *f,
		      const uint8_t *q, size_t n);

/* Java's Double.toString: shortest digits that read back the same,
 * plain notation for 1e-3 <= |d| < 1e7 (at least one decimal), else
 * d.dddE<exp>. */
static void java_double(double d, char *dst, size_t n)
{
	char e[40], digits[24], *q;
	int p, exp, nd, i, neg;
	size_t k = 0;

	if (d != d) {
		snprintf(dst, n, "NaN");
		return;
	}
	if (d == 1.0 / 0.0 || d == -1.0 / 0.0) {
		snprintf(dst, n, d > 0 ? "Infinity" : "-Infinity");
		return;
	}
	if (d == 0) {
		snprintf(dst, n, signbit(d) ? "-0.0" : "0.0");
		return;
	}
	for (p = 0; p < 17; p++) {
		snprintf(e, sizeof(e), "%.*e", p, d);
		if (strtod(e, NULL) == d)
			break;
	}
	neg = e[0] == '-';
	q = e + neg;
	nd = 0;
	for (; *q && *q != 'e'; q++)
		if (*q >= '0' && *q <= '9')
			digits[nd++] = *q;
	exp = atoi(q + 1);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	if (neg && k + 1 < n)
		dst[k++] = '-';
#define PUTC(ch) do { if (k + 1 < n) dst[k++] = (ch); } while (0)
	if (exp >= -3 && exp < 7) {
		if (exp < 0) {
			PUTC('0');
			PUTC('.');
			for (i = -1; i > exp; i--)
				PUTC('0');
			for (i = 0; i < nd; i++)
				PUTC(digits[i]);
		} else {
			for (i = 0; i <= exp; i++)
				PUTC(i < nd ? digits[i] : '0');
			PUTC('.');
			if (nd > exp + 1)
				for (i = exp + 1; i < nd; i++)
					PUTC(digits[i]);
			else
				PUTC('0');
		}
	} else {
		char ex[16];

		PUTC(digits[0]);
		PUTC('.');
		if (nd > 1)
			for (i = 1; i < nd; i++)
				PUTC(digits[i]);
		else
			PUTC('0');
		snprintf(ex, sizeof(ex), "E%d", exp);
		for (i = 0; ex[i]; i++)
			PUTC(ex[i]);
	}
#undef PUTC
	dst[k] = '\0';
}

static int write_elem(struct kctx *c, const struct ktk_kfield *f,
		      struct ktk_wire *rb)
{
	char num[64];
	int64_t n;
	const uint8_t *q;

	switch (f->type) {
	case KTK_KT_BOOL:
		return put(c, ktk_wire_i8(rb) ? "true" : "false");
	case KTK_KT_INT8:
		snprintf(num, sizeof(num), "%d", ktk_wire_i8(rb));
		return put(c, num);
	case KTK_KT_INT16:
		snprintf(num, sizeof(num), "%d", ktk_wire_i16(rb));
		return put(c, num);
	case KTK_KT_UINT16:
		snprintf(num, sizeof(num), "%u", (uint16_t)ktk_wire_i16(rb));
		return put(c, num);
	case KTK_KT_INT32:
		snprintf(num, sizeof(num), "%" PRId32, ktk_wire_i32(rb));
		return put(c, num);
	case KTK_KT_UINT32:
		snprintf(num, sizeof(num), "%" PRIu32,
			 (uint32_t)ktk_wire_i32(rb));
		return put(c, num);
	case KTK_KT_INT64:
		snprintf(num, sizeof(num), "%" PRId64, ktk_wire_i64(rb));
		return put(c, num);
	case KTK_KT_FLOAT64: {
		uint64_t u = (uint64_t)ktk_wire_i64(rb);
		double d;

		memcpy(&d, &u, 8);
		java_double(d, num, sizeof(num));
		return put(c, num);
	}
	case KTK_KT_UUID:
		q = ktk_wire_take(rb, 16);
		if (q == NULL)
			return put(c, "null");
		uuid_text(q, num + 1);
		num[0] = '"';
		num[23] = '"';
		num[24] = '\0';
		return put(c, num);
	case KTK_KT_STRING:
	case KTK_KT_BYTES:
		n = read_len(c, rb, f->type == KTK_KT_BYTES);
		if (n < 0)
			return put(c, "null");
		q = ktk_wire_take(rb, (size_t)n);
		if (q == NULL)
			return put(c, "null");
		if (f->type == KTK_KT_STRING) {
			if (ktk_message_schema_json_str(c->out, q, (size_t)n) == -1)
				return ktk_err_set(c->err, KTK_EXIT_SOFTWARE,
						   "out of memory");
			return 0;
		}
		if (c->cproto && try_cproto(c, f, q, (size_t)n) == 1)
			return 0;
		{
			char *b = malloc(ktk_bytes_b64_len((size_t)n) + 1);

			if (b == NULL)
				return ktk_err_set(c->err, KTK_EXIT_SOFTWARE,
						   "out of memory");
			ktk_bytes_b64_encode(q, (size_t)n, b);
			put(c, "\"");
			put(c, b);
			free(b);
			return put(c, "\"");
		}
	default: {
		size_t used;

		if (write_struct(c, f->sub, rb->pos, rb->len, &used) == -1)
			return -1;
		rb->pos += used;
		return 0;
	}
	}
}

static int write_field(struct kctx *c, const struct ktk_kfield *f,
		       size_t start, size_t end)
{
	struct ktk_wire rb;
	int64_t n, i;

	ktk_wire_init(&rb, c->base, end);
	rb.pos = start;
	if (!f->array)
		return write_elem(c, f, &rb);
	n = read_len(c, &rb, 1);
	if (n < 0)
		return put(c, "null");
	if (put(c, "[") == -1)
		return -1;
	for (i = 0; i < n && !rb.bad; i++) {
		if (i && put(c, ",") == -1)
			return -1;
		if (write_elem(c, f, &rb) == -1)
			return -1;
	}
	return put(c, "]");
}

/* The JSON of a tagged field's default, to leave it out when equal. */
static void default_text(const struct ktk_kfield *f, char *dst, size_t n)
{
	const char *d = f->dflt;

	if (f->array) {
		snprintf(dst, n, d && strcmp(d, "null") == 0 ? "null" : "[]");
	} else if (f->type == KTK_KT_STRING) {
		if (d && strcmp(d, "null") == 0)
			snprintf(dst, n, "null");
		else
			snprintf(dst, n, "\"%s\"", d ? d : "");
	} else if (f->type == KTK_KT_UUID) {
		snprintf(dst, n, "\"AAAAAAAAAAAAAAAAAAAAAA\"");
	} else if (f->type == KTK_KT_BOOL) {
		snprintf(dst, n, "%s", d ? d : "false");
	} else if (f->type == KTK_KT_BYTES) {
		snprintf(dst, n, "%s", d && strcmp(d, "null") == 0 ? "null"
								  : "\"\"");
	} else if (f->type == KTK_KT_STRUCT) {
		dst[0] = '\0';
	} else {
		snprintf(dst, n, "%lld", d ? strtoll(d, NULL, 0) : 0LL);
	}
}

static int write_struct(struct kctx *c, const struct ktk_message_struct *s,
			size_t start, size_t end, size_t *used)
{
	struct span sp[MAX_FIELDS];
	struct ktk_wire rb;
	int i, first = 1;

	ktk_wire_init(&rb, c->base, end);
	rb.pos = start;
	if (parse_struct(c, s, &rb, sp) == -1)
		return -1;
	*used = rb.pos - start;
	if (put(c, "{") == -1)
		return -1;
	for (i = 0; i < s->nfields; i++) {
		const struct ktk_kfield *f = &s->fields[i];
		size_t mark = c->out->len;

		if (!sp[i].present)
			continue;
		if (!first && put(c, ",") == -1)
			return -1;
		put(c, "\"");
		put(c, f->name);
		if (put(c, "\":") == -1)
			return -1;
		if (sp[i].present == 2) {
			char d[64];
			size_t vstart = c->out->len;

			if (write_field(c, f, sp[i].start, sp[i].end) == -1)
				return -1;
			default_text(f, d, sizeof(d));
			if (strlen(d) == c->out->len - vstart &&
			    memcmp(d, c->out->p + vstart, strlen(d)) == 0) {
				c->out->len = mark;
				c->out->p[mark] = '\0';
				continue;
			}
		} else if (write_field(c, f, sp[i].start, sp[i].end) == -1)
			return -1;
		first = 0;
	}
	return put(c, "}");
}

/* GroupMetadataValue members of a "consumer" group: subscription and
 * assignment are int16 version + ConsumerProtocolSubscription/Assignment;
 * printed as JSON when they decode, else left as base64. */
static int try_cproto(struct kctx *c, const struct ktk_kfield *f,
		      const uint8_t *q, size_t n)
{
	const struct ktk_message_schema *m = NULL;
	struct ktk_buffer tmp = {0};
	struct ktk_err e2;
	int version;

	if (strcmp(f->name, "subscription") == 0)
		m = ktk_message_schema_find(0, 0, "ConsumerProtocolSubscription");
	else if (strcmp(f->name, "assignment") == 0)
		m = ktk_message_schema_find(0, 0, "ConsumerProtocolAssignment");
	if (m == NULL || n < 2)
		return 0;
	version = (int16_t)ktk_wire_be16(q);
	if (version < m->vmin || version > m->vmax)
		return 0;
	if (ktk_message_schema_json(m, version, q + 2, n - 2, &tmp, NULL, &e2) == -1) {
		ktk_buffer_free(&tmp);
		return 0;
	}
	ktk_buffer_put(c->out, tmp.p, tmp.len);
	ktk_buffer_free(&tmp);
	return 1;
}

static int is_consumer_group(const struct ktk_message_schema *m, int version,
			     const uint8_t *p, size_t n)
{
	struct ktk_wire rb;
	int64_t len;
	const uint8_t *q;

	if (strcmp(m->name, "GroupMetadataValue") != 0)
		return 0;
	/* protocolType is the first field */
	ktk_wire_init(&rb, p, n);
	len = version >= m->flex_min ? (int64_t)ktk_wire_uvarint(&rb) - 1
				     : ktk_wire_i16(&rb);
	if (len != 8)
		return 0;
	q = ktk_wire_take(&rb, 8);
	return q && memcmp(q, "consumer", 8) == 0;
}

int ktk_message_schema_json(const struct ktk_message_schema *m, int version, const uint8_t *p,
		  size_t n, struct ktk_buffer *out, size_t *used,
		  struct ktk_err *err)
{
	struct kctx c = {0};
	size_t u = 0;
	int rc;

	if (version < m->vmin || version > m->vmax)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "Can't read version %d of %s", version,
				   m->name);
	c.version = version;
	c.flex = version >= m->flex_min;
	c.base = p;
	c.len = n;
	c.out = out;
	c.err = err;
	c.cproto = is_consumer_group(m, version, p, n);
	rc = write_struct(&c, m->root, 0, n, &u);
	ktk_buffer_cstr(out); /* text for C string users, also when partial */
	if (rc == -1)
		return -1;
	if (used)
		*used = u;
	return 0;
}
