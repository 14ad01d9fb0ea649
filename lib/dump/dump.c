/* SPDX-License-Identifier: Apache-2.0 */
/* dump.c -- ktk-dump-log's engine (see dump.h).
 *
 * Reads .log segments and KRaft .checkpoint snapshots (batches: see
 * batch.c), .index/.timeindex/.txnindex (index.c), producer .snapshot
 * (producer_snapshot.c) and the text checkpoint files (checkpoint.c), printing the
 * lines of Kafka's DumpLogSegments:
 *   baseOffset: .. lastOffset: .. count: .. ... position: P CreateTime: T
 *     size: S magic: 2 compresscodec: none crc: C isvalid: true
 *   | offset: O CreateTime: T keySize: K valueSize: V sequence: S
 *     headerKeys: [..] key: .. payload: ..
 * Output is assembled in a buffer and written in large blocks.
 */
#include "lib/dump/dump.h"

#include <dirent.h>
#include <stdarg.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/logformat/batch.h"
#include "lib/base/bytes.h"
#include "lib/logformat/checkpoint.h"
#include "lib/logformat/coordinator_records.h"
#include "lib/logformat/index.h"
#include "lib/logformat/message_schema.h"
#include "lib/logformat/metadata_records.h"
#include "lib/base/number.h"
#include "lib/logformat/segment.h"
#include "lib/logformat/producer_snapshot.h"

#define FLUSH_AT (1u << 16)
#define MAX_PAIRS 100000

/* ---- output ------------------------------------------------------------ */

static void flush(struct ktk_dump *d)
{
	if (d->ob.oom) { /* what could not be appended is lost: say so at the end */
		ktk_buffer_clear(&d->ob);
		d->lost_output = 1;
	}
	if (d->ob.len) {
		fwrite(d->ob.p, 1, d->ob.len, d->out);
		d->ob.len = 0;
	}
}

/* a label (a string literal) and a number */
#define kv(d, label, v) \
	(KTK_BUFFER_PUTL(&(d)->ob, label), ktk_buffer_put_i64(&(d)->ob, v))

static void nl(struct ktk_dump *d)
{
	ktk_buffer_put(&d->ob, "\n", 1);
	if (d->pending.len) { /* problem objects found inside this line */
		ktk_buffer_put(&d->ob, d->pending.p, d->pending.len);
		d->pending.len = 0;
	}
	if (d->ob.len >= FLUSH_AT)
		flush(d);
}

/* -J: a problem as {"type":"problem",...} on standard output too, after
 * the line being written if there is one. */
static void problem_json(struct ktk_dump *d, const char *path, int64_t pos,
			 const char *msg)
{
	struct ktk_buffer *t = &d->pending;
	char num[32];

	ktk_buffer_put(t, "{\"type\":\"problem\",\"file\":", 25);
	ktk_message_schema_json_str(t, (const uint8_t *)path, strlen(path));
	if (pos >= 0)
		snprintf(num, sizeof(num), ",\"position\":%" PRId64, pos);
	else
		snprintf(num, sizeof(num), ",\"position\":null");
	ktk_buffer_put(t, num, strlen(num));
	ktk_buffer_put(t, ",\"message\":", 11);
	ktk_message_schema_json_str(t, (const uint8_t *)msg, strlen(msg));
	ktk_buffer_put(t, "}\n", 2);
	if (d->ob.len == 0 || d->ob.p[d->ob.len - 1] == '\n') {
		ktk_buffer_put(&d->ob, t->p, t->len); /* no line open: now */
		t->len = 0;
	}
}

static void problem(struct ktk_dump *d, const char *path, int64_t pos,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(struct ktk_dump *d, const char *path, int64_t pos,
		    const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (d->o.json)
		problem_json(d, path, pos, msg);
	flush(d);
	fflush(d->out);
	d->problems++;
	if (d->problem)
		d->problem(d->ctx, path, pos, msg);
}

static void note(struct ktk_dump *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct ktk_dump *d, const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ktk_buffer_put(&d->summary, msg, strlen(msg) + 1);
}

static void json_bytes(struct ktk_dump *d, const uint8_t *p, int32_t n)
{
	struct ktk_buffer *s = &d->scratch;

	s->len = 0;
	if (p == NULL || n < 0) {
		KTK_BUFFER_PUTL(&d->ob, "null");
		return;
	}
	if (ktk_bytes_utf8_valid(p, (size_t)n)) {
		ktk_message_schema_json_str(s, p, (size_t)n);
		ktk_buffer_put(&d->ob, s->p, s->len);
		return;
	}
	if (ktk_buffer_reserve(s, ktk_bytes_b64_len((size_t)n) + 1) == -1)
		return;
	s->len = ktk_bytes_b64_encode(p, (size_t)n, s->p);
	KTK_BUFFER_PUTL(&d->ob, "{\"base64\":\"");
	ktk_buffer_put(&d->ob, s->p, s->len);
	KTK_BUFFER_PUTL(&d->ob, "\"}");
}

static void json_text(struct ktk_dump *d, const char *s)
{
	struct ktk_buffer *t = &d->scratch;

	t->len = 0;
	ktk_message_schema_json_str(t, (const uint8_t *)s, strlen(s));
	ktk_buffer_put(&d->ob, t->p, t->len);
}

/* ---- helpers ---------------------------------------------------------- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The number before the first '.', as Long.parseLong reads it. */
static int name_offset(const char *path, int64_t *out)
{
	const char *name = base_name(path), *dot = strchr(name, '.');
	char buf[32];
	const char *why;
	size_t n = dot ? (size_t)(dot - name) : strlen(name);

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, name, n);
	buf[n] = '\0';
	return ktk_number_parse_i64(buf, INT64_MIN, INT64_MAX, out, &why);
}

static void abs_path(const char *path, char *dst, size_t n)
{
	char *r = realpath(path, NULL);

	snprintf(dst, n, "%s", r ? r : path);
	free(r);
}

/* <dir of path>/<base 20 digits><ext> */
static void sibling(const char *path, const char *ext, char *dst, size_t n)
{
	const char *name = base_name(path), *dot = strchr(name, '.');
	int dirlen = (int)(name - path);
	int blen = dot ? (int)(dot - name) : (int)strlen(name);

	snprintf(dst, n, "%.*s%.*s%s", dirlen, path, blen, name, ext);
}

/* Open @p path (at most @p max bytes, -1 for all) into @p f. A file that
 * cannot be opened counts as unreadable and is reported against
 * @p report (the file being dumped) with @p prefix before the reason.
 * @returns 0, -1. */
static int open_file(struct ktk_dump *d, const char *path, int64_t max,
		     struct ktk_segment *f, const char *report,
		     const char *prefix)
{
	struct ktk_err err;

	if (ktk_segment_open(f, path, max, &err) == 0)
		return 0;
	d->unreadable++;
	problem(d, report, -1, "%s%s", prefix, err.msg);
	return -1;
}

/* The whole of an open file, or NULL (reported; @p f still open). */
static const uint8_t *whole(struct ktk_dump *d, const char *path,
			    struct ktk_segment *f, struct ktk_err *err)
{
	const uint8_t *p = ktk_segment_bytes(f, 0, (size_t)f->size, err);

	if (p == NULL)
		problem(d, path, -1, "%s", err->msg);
	return p;
}

/* The files of directory @p dir, classified and sorted; reported when it
 * cannot be read. @returns 0, -1. */
struct dent;
static int list_dir(const char *dir, struct dent **out, size_t *n);

static int read_dir(struct ktk_dump *d, const char *dir, struct dent **v,
		    size_t *n)
{
	if (list_dir(dir, v, n) == 0)
		return 0;
	d->unreadable++;
	problem(d, dir, -1, "cannot read the directory");
	return -1;
}

/* ---- batches and records ------------------------------------------------ */

/* One field of a batch line: Kafka's text ("name: value", space
 * separated) or JSON ("\"name\":value", comma separated). */
enum fkind { F_NUM, F_BOOL, F_WORD, F_STR /* word of length v, escaped */ };

static void field(struct ktk_dump *d, int json, int *first, const char *name,
		  int kind, int64_t v, const char *word)
{
	if (json) {
		ktk_buffer_puts(&d->ob, *first ? "\"" : ",\"");
		ktk_buffer_puts(&d->ob, name);
		KTK_BUFFER_PUTL(&d->ob, "\":");
	} else {
		if (!*first)
			KTK_BUFFER_PUTL(&d->ob, " ");
		ktk_buffer_puts(&d->ob, name);
		KTK_BUFFER_PUTL(&d->ob, ": ");
	}
	*first = 0;
	if (kind == F_NUM)
		ktk_buffer_put_i64(&d->ob, v);
	else if (kind == F_BOOL)
		ktk_buffer_puts(&d->ob, v ? "true" : "false");
	else if (kind == F_STR && json) {
		struct ktk_buffer *t = &d->scratch;

		t->len = 0;
		ktk_message_schema_json_str(t, (const uint8_t *)word, (size_t)v);
		ktk_buffer_put(&d->ob, t->p, t->len);
	} else if (kind == F_STR)
		ktk_buffer_put(&d->ob, word, (size_t)v);
	else if (json) {
		KTK_BUFFER_PUTL(&d->ob, "\"");
		ktk_buffer_puts(&d->ob, word);
		KTK_BUFFER_PUTL(&d->ob, "\"");
	} else
		ktk_buffer_puts(&d->ob, word);
}

/* A line of fields: {"type":"TYPE","name":value,...} with -J, else
 * Kafka's "name: value name: value". Fields follow through field(). */
static void entry_begin(struct ktk_dump *d, const char *type, int *first)
{
	*first = 1;
	if (d->o.json) {
		KTK_BUFFER_PUTL(&d->ob, "{\"type\":\"");
		ktk_buffer_puts(&d->ob, type);
		KTK_BUFFER_PUTL(&d->ob, "\"");
		*first = 0;
	}
}

static void entry_end(struct ktk_dump *d)
{
	if (d->o.json)
		KTK_BUFFER_PUTL(&d->ob, "}");
	nl(d);
}

/* A whole entry of number fields, names[i] = vals[i]. */
static void entry_nums(struct ktk_dump *d, const char *type,
		       const char *const *names, const int64_t *vals, int n)
{
	int first, i;

	entry_begin(d, type, &first);
	for (i = 0; i < n; i++)
		field(d, d->o.json, &first, names[i], F_NUM, vals[i], NULL);
	entry_end(d);
}

/* -J: {"type":"TYPE","file":PATH and more fields (close with entry_end) */
static void json_head(struct ktk_dump *d, const char *type, const char *path,
		      int *first)
{
	entry_begin(d, type, first);
	KTK_BUFFER_PUTL(&d->ob, ",\"file\":");
	json_text(d, path);
}

/* The batch line of DumpLogSegments (printBatchLevel), or its JSON. */
static void batch_out(struct ktk_dump *d, int json, const char *path,
		      const struct ktk_batch *b, int64_t position, int valid)
{
	int codec = ktk_batch_codec(b), first = 1, a = b->attributes;
	const char *cname = ktk_codec_name(codec);
	char unknown[32];

	if (json) {
		KTK_BUFFER_PUTL(&d->ob, "{\"type\":\"batch\",\"file\":");
		json_text(d, path);
		first = 0;
		field(d, 1, &first, "position", F_NUM, position, NULL);
		field(d, 1, &first, "magic", F_NUM, b->magic, NULL);
	}
	if (b->magic >= 2) {
		field(d, json, &first, "baseOffset", F_NUM, b->base_offset, NULL);
		field(d, json, &first, "lastOffset", F_NUM,
		      ktk_batch_last_offset(b), NULL);
		field(d, json, &first, "count", F_NUM, b->records_count, NULL);
		field(d, json, &first, "baseSequence", F_NUM, b->base_sequence,
		      NULL);
		field(d, json, &first, "lastSequence", F_NUM,
		      ktk_batch_last_sequence(b), NULL);
		field(d, json, &first, "producerId", F_NUM, b->producer_id, NULL);
		field(d, json, &first, "producerEpoch", F_NUM, b->producer_epoch,
		      NULL);
		field(d, json, &first, "partitionLeaderEpoch", F_NUM,
		      b->partition_leader_epoch, NULL);
		if (json)
			field(d, 1, &first, "attributes", F_NUM, a, NULL);
		field(d, json, &first, "isTransactional", F_BOOL,
		      !!(a & KTK_ATTR_TRANSACTIONAL), NULL);
		field(d, json, &first, "isControl", F_BOOL,
		      !!(a & KTK_ATTR_CONTROL), NULL);
		if (json) {
			KTK_BUFFER_PUTL(&d->ob, ",\"deleteHorizonMs\":");
			if (a & KTK_ATTR_DELETE_HORIZON)
				ktk_buffer_put_i64(&d->ob, b->base_timestamp);
			else
				KTK_BUFFER_PUTL(&d->ob, "null");
			field(d, 1, &first, "baseTimestamp", F_NUM,
			      b->base_timestamp, NULL);
		} else if (a & KTK_ATTR_DELETE_HORIZON) {
			kv(d, " deleteHorizonMs: OptionalLong[",
			   b->base_timestamp);
			KTK_BUFFER_PUTL(&d->ob, "]");
		} else
			KTK_BUFFER_PUTL(&d->ob, " deleteHorizonMs: OptionalLong.empty");
	} else if (!json)
		field(d, 0, &first, "offset", F_NUM, ktk_batch_last_offset(b),
		      NULL);
	else
		field(d, 1, &first, "lastOffset", F_NUM,
		      ktk_batch_last_offset(b), NULL);
	if (!json)
		field(d, 0, &first, "position", F_NUM, position, NULL);
	if (json)
		field(d, 1, &first, "timestampType", F_WORD, 0,
		      ktk_record_view_tstype_name(ktk_batch_ts_type(b)));
	field(d, json, &first,
	      json ? "maxTimestamp" : ktk_record_view_tstype_name(ktk_batch_ts_type(b)),
	      F_NUM, b->max_timestamp, NULL);
	field(d, json, &first, "size", F_NUM, b->size, NULL);
	if (!json)
		field(d, 0, &first, "magic", F_NUM, b->magic, NULL);
	snprintf(unknown, sizeof(unknown), "unknown%d", codec);
	field(d, json, &first, "compresscodec", F_WORD, 0,
	      cname ? cname : unknown);
	field(d, json, &first, "crc", F_NUM, b->crc, NULL);
	field(d, json, &first, json ? "isValid" : "isvalid", F_BOOL, valid,
	      NULL);
	if (json)
		KTK_BUFFER_PUTL(&d->ob, "}");
	nl(d);
}

/* key:/payload: text of a record for the chosen decoder; returns -1 when
 * Kafka would abort (coordinator record without key). */
static int record_contents(struct ktk_dump *d, const char *path,
			   const struct ktk_batch *b, const struct ktk_batch_record *r,
			   const char **key, const char **val)
{
	struct ktk_buffer *s = &d->scratch;
	long ko, vo;

	*key = *val = NULL;
	s->len = 0;
	switch (d->o.decoder) {
	case KTK_DEC_OFFSETS:
	case KTK_DEC_TXN:
		if (ktk_coordinator_records_decode(d->o.decoder == KTK_DEC_TXN ? KTK_COORD_TXN
								 : KTK_COORD_GROUP,
				     r->offset, r->key, r->key_len, r->value,
				     r->value_len, s, &ko, &vo) == -1) {
			problem(d, path, b->position, "%s", (char *)s->p);
			return -1;
		}
		*key = ko >= 0 ? (char *)s->p + ko : NULL;
		*val = vo >= 0 ? (char *)s->p + vo : NULL;
		return 0;
	case KTK_DEC_METADATA:
		ktk_metadata_records_decode(r->offset, r->value, r->value_len, s);
		ktk_buffer_put(s, "", 1);
		*val = (char *)s->p;
		return 0;
	}
	/* StringDecoder: key NUL value, each with U+FFFD for bad UTF-8 */
	if (r->key) {
		ktk_buffer_put_utf8(s, r->key, (size_t)r->key_len);
		ktk_buffer_put(s, "", 1);
		ko = 0;
	} else
		ko = -1;
	vo = (long)s->len;
	if (r->value) {
		ktk_buffer_put_utf8(s, r->value, (size_t)r->value_len);
		ktk_buffer_put(s, "", 1);
	} else
		vo = -1;
	*key = ko >= 0 ? (char *)s->p : NULL;
	*val = vo >= 0 ? (char *)s->p + vo : NULL;
	return 0;
}

/* Write a decoded text that may hold NULs (StringDecoder keeps them). */
static void put_text(struct ktk_dump *d, const char *s, const char *end)
{
	ktk_buffer_put(&d->ob, s, end ? (size_t)(end - s) : strlen(s));
}

#define CPY(q, lit) (memcpy(q, lit, sizeof(lit) - 1), q += sizeof(lit) - 1)

/* The common record line (v2, not control, StringDecoder, metadata shown)
 * written through one reservation: the bulk of a --print-data-log run. */
static int record_line_fast(struct ktk_dump *d, const struct ktk_batch *b,
			    const struct ktk_batch_record *r)
{
	size_t need = 256 + r->headers_len * 3 +
		      (r->key_len > 0 ? (size_t)r->key_len * 3 : 0) +
		      (r->value_len > 0 ? (size_t)r->value_len * 3 : 0);
	const char *ts = ktk_record_view_tstype_name(ktk_batch_ts_type(b));
	size_t tslen = strlen(ts);
	char *q;

	if (r->headers_count > 0 || ktk_buffer_reserve(&d->ob, need) == -1)
		return -1;
	q = (char *)d->ob.p + d->ob.len;
	CPY(q, "| offset: ");
	q = ktk_buffer_fmt_i64(q, r->offset);
	*q++ = ' ';
	memcpy(q, ts, tslen);
	q += tslen;
	CPY(q, ": ");
	q = ktk_buffer_fmt_i64(q, r->timestamp);
	CPY(q, " keySize: ");
	q = ktk_buffer_fmt_i64(q, r->key_len);
	CPY(q, " valueSize: ");
	q = ktk_buffer_fmt_i64(q, r->value_len);
	CPY(q, " sequence: ");
	q = ktk_buffer_fmt_i64(q, r->sequence);
	CPY(q, " headerKeys: []");
	if (d->o.print_data) {
		if (r->key) {
			CPY(q, " key: ");
			d->ob.len = (size_t)(q - (char *)d->ob.p);
			ktk_buffer_put_utf8(&d->ob, r->key, (size_t)r->key_len);
			q = (char *)d->ob.p + d->ob.len;
		}
		if (r->value) {
			CPY(q, " payload: ");
			d->ob.len = (size_t)(q - (char *)d->ob.p);
			ktk_buffer_put_utf8(&d->ob, r->value, (size_t)r->value_len);
			q = (char *)d->ob.p + d->ob.len;
		}
	}
	*q++ = '\n';
	d->ob.len = (size_t)(q - (char *)d->ob.p);
	if (d->ob.len >= FLUSH_AT)
		flush(d);
	return 0;
}

static void record_line(struct ktk_dump *d, const char *path,
			const struct ktk_batch *b, const struct ktk_batch_record *r)
{
	int control = b->magic >= 2 && (b->attributes & KTK_ATTR_CONTROL);
	const char *key = NULL, *val = NULL, *prefix;

	if (b->magic >= 2 && !control && !d->o.skip_meta &&
	    d->o.decoder == KTK_DEC_STRING && record_line_fast(d, b, r) == 0)
		return;

	if (!d->o.skip_meta) {
		kv(d, "| offset: ", r->offset);
		KTK_BUFFER_PUTL(&d->ob, " ");
		ktk_buffer_puts(&d->ob, ktk_record_view_tstype_name(ktk_batch_ts_type(b)));
		kv(d, ": ", r->timestamp);
		kv(d, " keySize: ", r->key_len);
		kv(d, " valueSize: ", r->value_len);
		if (b->magic >= 2) {
			size_t hp = 0;
			const uint8_t *hk, *hv;
			int32_t hkl, hvl;
			int first = 1;

			kv(d, " sequence: ", r->sequence);
			KTK_BUFFER_PUTL(&d->ob, " headerKeys: [");
			while (ktk_batch_header_next(r, &hp, &hk, &hkl, &hv,
						      &hvl) == 1) {
				struct ktk_buffer *s = &d->scratch;

				if (!first)
					KTK_BUFFER_PUTL(&d->ob, ",");
				first = 0;
				s->len = 0;
				ktk_buffer_put_utf8(s, hk, (size_t)hkl);
				ktk_buffer_put(&d->ob, s->p, s->len);
			}
			KTK_BUFFER_PUTL(&d->ob, "]");
		} else {
			ktk_buffer_puts(&d->ob, r->crc_valid ? " isValid: true crc: "
					      : " isValid: false crc: ");
			ktk_buffer_put_i64(&d->ob, r->crc);
		}
		if (control) {
			struct ktk_buffer *s = &d->scratch;

			s->len = 0;
			if (ktk_metadata_records_control_text(r->key, r->key_len, r->value,
					     r->value_len, s) == -1)
				problem(d, path, b->position,
					"control record at offset %" PRId64
					" cannot be decoded",
					r->offset);
			ktk_buffer_put(&d->ob, s->p, s->len);
		}
	}
	if (d->o.print_data && !control && d->o.decoder == KTK_DEC_STRING) {
		/* StringDecoder: the bytes as text, straight to the output */
		prefix = d->o.skip_meta ? "| " : " ";
		if (r->key) {
			ktk_buffer_puts(&d->ob, prefix);
			KTK_BUFFER_PUTL(&d->ob, "key: ");
			ktk_buffer_put_utf8(&d->ob, r->key, (size_t)r->key_len);
			prefix = " ";
		}
		if (r->value) {
			ktk_buffer_puts(&d->ob, prefix);
			KTK_BUFFER_PUTL(&d->ob, "payload: ");
			ktk_buffer_put_utf8(&d->ob, r->value, (size_t)r->value_len);
		}
	} else if (d->o.print_data && !control &&
		   record_contents(d, path, b, r, &key, &val) == 0) {
		const char *kend = NULL, *vend = NULL;

		if (d->o.decoder == KTK_DEC_STRING) {
			/* lengths: the texts are NUL-terminated but may hold
			 * NUL bytes themselves */
			const char *base = (char *)d->scratch.p;
			size_t total = d->scratch.len;

			if (key) {
				kend = val ? val - 1 : base + total - 1;
			}
			if (val)
				vend = base + total - 1;
		}
		prefix = d->o.skip_meta ? "| " : " ";
		if (key) {
			ktk_buffer_puts(&d->ob, prefix);
			KTK_BUFFER_PUTL(&d->ob, "key: ");
			put_text(d, key, kend);
			prefix = " ";
		}
		if (val) {
			ktk_buffer_puts(&d->ob, prefix);
			KTK_BUFFER_PUTL(&d->ob, "payload: ");
			put_text(d, val, vend);
		}
	}
	nl(d);
}

static void record_json(struct ktk_dump *d, const char *path,
			const struct ktk_batch *b, const struct ktk_batch_record *r)
{
	int control = b->magic >= 2 && (b->attributes & KTK_ATTR_CONTROL);
	size_t hp = 0;
	const uint8_t *hk, *hv;
	int32_t hkl, hvl;
	int first = 1;

	kv(d, "{\"type\":\"record\",\"offset\":", r->offset);
	kv(d, ",\"batchPosition\":", b->position);
	KTK_BUFFER_PUTL(&d->ob, ",\"timestampType\":\"");
	ktk_buffer_puts(&d->ob, ktk_record_view_tstype_name(ktk_batch_ts_type(b)));
	kv(d, "\",\"timestamp\":", r->timestamp);
	kv(d, ",\"keySize\":", r->key_len);
	kv(d, ",\"valueSize\":", r->value_len);
	if (b->magic >= 2) {
		kv(d, ",\"sequence\":", r->sequence);
		KTK_BUFFER_PUTL(&d->ob, ",\"headers\":[");
		while (ktk_batch_header_next(r, &hp, &hk, &hkl, &hv, &hvl) ==
		       1) {
			ktk_buffer_puts(&d->ob, first ? "{\"key\":" : ",{\"key\":");
			first = 0;
			json_bytes(d, hk, hkl);
			KTK_BUFFER_PUTL(&d->ob, ",\"value\":");
			json_bytes(d, hv, hvl);
			KTK_BUFFER_PUTL(&d->ob, "}");
		}
		KTK_BUFFER_PUTL(&d->ob, "]");
	} else {
		kv(d, ",\"crc\":", r->crc);
		ktk_buffer_puts(&d->ob, r->crc_valid ? ",\"isValid\":true" : ",\"isValid\":false");
	}
	if (control) {
		struct ktk_buffer *s = &d->scratch;

		s->len = 0;
		ktk_metadata_records_control_text(r->key, r->key_len, r->value, r->value_len, s);
		ktk_buffer_put(s, "", 1);
		KTK_BUFFER_PUTL(&d->ob, ",\"control\":");
		json_text(d, (char *)s->p + 1);
	} else if (d->o.decoder != KTK_DEC_STRING) {
		const char *key, *val;

		if (record_contents(d, path, b, r, &key, &val) == 0) {
			char *k2 = key ? strdup(key) : NULL;
			char *v2 = val ? strdup(val) : NULL;

			KTK_BUFFER_PUTL(&d->ob, ",\"key\":");
			if (k2)
				json_text(d, k2);
			else
				KTK_BUFFER_PUTL(&d->ob, "null");
			KTK_BUFFER_PUTL(&d->ob, ",\"value\":");
			if (v2)
				json_text(d, v2);
			else
				KTK_BUFFER_PUTL(&d->ob, "null");
			free(k2);
			free(v2);
		}
	}
	if (!control && d->o.decoder == KTK_DEC_STRING) {
		KTK_BUFFER_PUTL(&d->ob, ",\"key\":");
		json_bytes(d, r->key, r->key_len);
		KTK_BUFFER_PUTL(&d->ob, ",\"value\":");
		json_bytes(d, r->value, r->value_len);
	}
	KTK_BUFFER_PUTL(&d->ob, "}");
	nl(d);
}

/* ---- summaries ---------------------------------------------------------- */

struct pair {
	int64_t a, b;
	long seq;
};

static int cmp_pair_asc(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Sort pairs by a (descending when desc), the last put of a key winning,
 * as Java's TreeMap.put does. Returns the new count. */
static size_t sort_pairs(struct pair *v, size_t n, int desc)
{
	size_t i, k = 0;

	qsort(v, n, sizeof(*v), cmp_pair_asc);
	for (i = 0; i < n; i++) {
		if (k > 0 && v[k - 1].a == v[i].a)
			v[k - 1] = v[i];
		else
			v[k++] = v[i];
	}
	if (desc)
		for (i = 0; i < k / 2; i++) {
			struct pair t = v[i];
			v[i] = v[k - 1 - i];
			v[k - 1 - i] = t;
		}
	return k;
}

struct pairs {
	struct pair *v;
	size_t n, cap;
	long dropped;
};

static void pairs_add(struct pairs *ps, int64_t a, int64_t b)
{
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 64;
		struct pair *nv;

		if (ps->n >= MAX_PAIRS) {
			ps->dropped++;
			return;
		}
		nv = realloc(ps->v, cap * sizeof(*nv));
		if (nv == NULL) {
			ps->dropped++;
			return;
		}
		ps->v = nv;
		ps->cap = cap;
	}
	ps->v[ps->n].a = a;
	ps->v[ps->n].b = b;
	ps->v[ps->n].seq = (long)ps->n;
	ps->n++;
}

/* One of Kafka's stderr summaries: a head line and a line per pair; with
 * -J an object per pair on standard output instead (left out with
 * --verify, whose problems say the same). */
struct sumkind {
	const char *head;    /* format: one %s, the absolute path, or none */
	const char *line;    /* format: the pair's two int64 */
	const char *type;    /* -J: the object's type and field names */
	const char *a, *b;
	int sort;            /* 0 as found, 1 ascending, -1 descending */
	int more;            /* text: a line for the pairs not kept */
};

static const struct sumkind SUM_NONCONS = {
	"Non-consecutive offsets in %s", "  %" PRId64 " is followed by %" PRId64,
	"nonConsecutiveOffsets", "offset", "nextOffset", 1, 1};
static const struct sumkind SUM_INDEX = {
	"Mismatches in :%s", "  Index offset: %" PRId64 ", log offset: %" PRId64,
	"indexMismatch", "indexOffset", "logOffset", -1, 0};
static const struct sumkind SUM_TS = {
	"Found timestamp mismatch in :%s",
	"  Index timestamp: %" PRId64 ", log timestamp: %" PRId64,
	"timestampMismatch", "indexTimestamp", "logTimestamp", 0, 0};
static const struct sumkind SUM_OOO = {
	"Found out of order timestamp in :%s",
	"  Index timestamp: %" PRId64 ", Previously indexed timestamp: %" PRId64,
	"outOfOrderTimestamp", "indexTimestamp", "previousIndexedTimestamp", 0,
	0};
static const struct sumkind SUM_NOTFOUND = {
	"The following indexed offsets are not found in the log.",
	"Indexed offset: %" PRId64 ", found log offset: %" PRId64,
	"offsetNotFound", "indexedOffset", "foundLogOffset", 0, 0};

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
static void summary(struct ktk_dump *d, const char *path, const char *ap,
		    const struct sumkind *k, struct pairs *ps)
{
	size_t n = ps->n, i;
	int first;

	if (n == 0)
		return;
	if (k->sort)
		n = sort_pairs(ps->v, n, k->sort < 0);
	if (!d->o.json) {
		note(d, k->head, ap);
		for (i = 0; i < n; i++)
			note(d, k->line, ps->v[i].a, ps->v[i].b);
		if (k->more && ps->dropped)
			note(d, "  (%ld more not listed)", ps->dropped);
		return;
	}
	if (d->o.verify)
		return;
	for (i = 0; i < n; i++) {
		json_head(d, k->type, path, &first);
		field(d, 1, &first, k->a, F_NUM, ps->v[i].a, NULL);
		field(d, 1, &first, k->b, F_NUM, ps->v[i].b, NULL);
		entry_end(d);
	}
	if (ps->dropped) {
		json_head(d, "summaryTruncated", path, &first);
		field(d, 1, &first, "summary", F_WORD, 0, k->type);
		field(d, 1, &first, "notListed", F_NUM, ps->dropped, NULL);
		entry_end(d);
	}
}
#pragma GCC diagnostic pop

/* ---- .log and .checkpoint --------------------------------------------- */

static int dump_log(struct ktk_dump *d, const char *path, int64_t *last_out)
{
	struct ktk_batch_iter *it = d->iter;
	struct ktk_segment seg;
	struct ktk_batch b;
	struct ktk_batch_record r;
	struct ktk_err err;
	struct pairs noncons = {0};
	const char *name = base_name(path);
	int64_t pos = 0, valid_bytes = 0, last_offset = -1, prev_batch = -1;
	int64_t n, first_seen = 0;
	int rc, print = !d->o.verify;
	int records = d->o.deep || d->o.verify;

	if (ends_with(name, ".log")) {
		int ok = name_offset(path, &n) == 0;

		if (print && d->o.json) {
			int first;

			json_head(d, "file", path, &first);
			field(d, 1, &first, "kind", F_WORD, 0, "segment");
			if (ok)
				field(d, 1, &first, "baseOffset", F_NUM, n, NULL);
			entry_end(d);
		} else if (ok && print) {
			kv(d, "Log starting offset: ", n);
			nl(d);
		}
		if (!ok)
			problem(d, path, -1,
				"the file name does not start with a base "
				"offset");
	} else if (strcmp(name, "bootstrap.checkpoint") == 0) {
		if (print && d->o.json) {
			int first;

			json_head(d, "file", path, &first);
			field(d, 1, &first, "kind", F_WORD, 0, "kraftSnapshot");
			field(d, 1, &first, "bootstrap", F_BOOL, 1, NULL);
			entry_end(d);
		} else if (print) {
			KTK_BUFFER_PUTL(&d->ob, "KRaft bootstrap snapshot");
			nl(d);
		}
	} else {
		int64_t off, ep;
		char a[32], e[32];
		int ok = strlen(name) == 42 && name[20] == '-' &&
			 sscanf(name, "%20[0-9]-%10[0-9].checkpoint", a, e) ==
				 2 &&
			 strlen(a) == 20 && strlen(e) == 10 &&
			 ktk_number_parse_i64(a, 0, INT64_MAX, &off,
				       &(const char *){0}) == 0 &&
			 ktk_number_parse_i64(e, 0, INT32_MAX, &ep,
				       &(const char *){0}) == 0;

		if (print && d->o.json) {
			int first;

			json_head(d, "file", path, &first);
			field(d, 1, &first, "kind", F_WORD, 0, "kraftSnapshot");
			field(d, 1, &first, "bootstrap", F_BOOL, 0, NULL);
			if (ok) {
				field(d, 1, &first, "endOffset", F_NUM, off,
				      NULL);
				field(d, 1, &first, "epoch", F_NUM, ep, NULL);
			}
			entry_end(d);
		} else if (ok && print) {
			kv(d, "Snapshot end offset: ", off);
			kv(d, ", epoch: ", ep);
			nl(d);
		}
		if (!ok)
			problem(d, path, -1,
				"not a KRaft snapshot name "
				"(<20-digit offset>-<10-digit epoch>"
				".checkpoint)");
	}
	if (open_file(d, path, d->o.max_bytes, &seg, path, "") == -1)
		return -1;
	for (;;) {
		int valid;

		rc = ktk_segment_next(&seg, pos, &b, &err);
		if (rc == 0)
			break;
		if (rc == -1) {
			problem(d, path, pos, "%s", err.msg);
			valid_bytes = seg.end; /* no trailing-bytes line */
			break;
		}
		if (rc == -2) {
			problem(d, path, pos, "%s", err.msg);
			pos += b.size;
			valid_bytes += b.size;
			continue;
		}
		valid = ktk_batch_valid(&b);
		if (print) {
			batch_out(d, d->o.json, path, &b, valid_bytes, valid);
		}
		if (!valid)
			problem(d, path, pos,
				"batch at offset %" PRId64 ": stored CRC %u, "
				"computed %u",
				b.base_offset, b.crc,
				ktk_batch_compute_crc(&b));
		if (b.magic >= 2 && prev_batch >= 0 &&
		    b.base_offset <= prev_batch && d->o.verify)
			problem(d, path, pos,
				"batch base offset %" PRId64
				" is not above the previous batch's last "
				"offset %" PRId64,
				b.base_offset, prev_batch);
		prev_batch = ktk_batch_last_offset(&b);
		if (records) {
			if (ktk_batch_records(&b, it, &err) == -1) {
				problem(d, path, pos, "%s", err.msg);
			} else {
				while ((rc = ktk_batch_next(it, &r, &err)) == 1) {
					if (first_seen &&
					    r.offset != last_offset + 1)
						pairs_add(&noncons,
							  last_offset,
							  r.offset);
					if (first_seen && d->o.verify &&
					    r.offset <= last_offset)
						problem(d, path, pos,
							"record offset %" PRId64
							" follows %" PRId64,
							r.offset, last_offset);
					if (b.magic < 2 && !r.crc_valid &&
					    !it->legacy_single)
						problem(d, path, pos,
							"inner message at "
							"offset %" PRId64
							": CRC mismatch",
							r.offset);
					first_seen = 1;
					last_offset = r.offset;
					if (print && d->o.deep) {
						if (d->o.json)
							record_json(d, path,
								    &b, &r);
						else
							record_line(d, path,
								    &b, &r);
					}
				}
				if (rc == -1)
					problem(d, path, pos, "%s", err.msg);
			}
		}
		pos += b.size;
		valid_bytes += b.size;
	}
	if (seg.end - valid_bytes > 0) {
		if (d->o.max_bytes == INT32_MAX) {
			if (print && !d->o.json) {
				kv(d, "Found ", seg.end - valid_bytes);
				KTK_BUFFER_PUTL(&d->ob, " invalid bytes at the end of ");
				ktk_buffer_puts(&d->ob, name);
				nl(d);
			}
			problem(d, path, valid_bytes,
				"%" PRId64 " bytes at the end do not hold a "
				"whole batch",
				seg.end - valid_bytes);
		}
	}
	ktk_segment_close(&seg);
	if (last_out)
		*last_out = records ? last_offset : prev_batch;
	if (noncons.n && d->o.deep) {
		char ap[4096];

		abs_path(path, ap, sizeof(ap));
		summary(d, path, ap, &SUM_NONCONS, &noncons);
	}
	free(noncons.v);
	return 0;
}

/* ---- indexes ------------------------------------------------------------ */

/* Last offset of the first whole batch in [pos, pos + limit) of the log,
 * as FileRecords.slice(pos, limit).batches().iterator().next(). */
static int first_batch_last(struct ktk_segment *seg, int64_t pos,
			    int64_t limit, int64_t *last, struct ktk_err *err)
{
	struct ktk_batch b;
	int64_t end = seg->end;
	int rc;

	if (pos < 0 || pos > seg->size)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "points at position %lld, past the end of "
				   "the log (%lld bytes)",
				   (long long)pos, (long long)seg->size);
	if (limit < seg->end - pos)
		seg->end = pos + limit;
	rc = ktk_segment_next(seg, pos, &b, err);
	seg->end = end;
	if (rc == 1 || rc == -2) {
		*last = ktk_batch_last_offset(&b);
		return 0;
	}
	if (rc == 0)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "no whole batch at position %lld within %lld "
				   "bytes",
				   (long long)pos, (long long)limit);
	return -1;
}

/* Open the index @p path of @p kind and its segment's .log; fills the
 * absolute path for Kafka's messages. @returns 0, -1 (problem reported). */
static int open_index(struct ktk_dump *d, const char *path, int kind,
		      struct ktk_index *ix, struct ktk_segment *seg, char *ap,
		      size_t apn)
{
	struct ktk_err err;
	char logp[4096];
	int64_t base;

	if (name_offset(path, &base) == -1) {
		problem(d, path, -1,
			"the file name does not start with a base offset");
		return -1;
	}
	sibling(path, ".log", logp, sizeof(logp));
	abs_path(path, ap, apn);
	if (open_file(d, logp, -1, seg, path, "its log segment: ") == -1)
		return -1;
	if (ktk_index_open(ix, path, kind, base, &err) == -1) {
		ktk_segment_close(seg);
		problem(d, path, -1, "%s", err.msg);
		return -1;
	}
	return 0;
}

/* Kafka's "FILE is empty." of an .index; with -J {"type":"indexEmpty"} of
 * either index. */
static void index_empty(struct ktk_dump *d, const char *path)
{
	int first;

	if (d->o.verify)
		return;
	if (d->o.json) {
		json_head(d, "indexEmpty", path, &first);
		entry_end(d);
		return;
	}
	ktk_buffer_puts(&d->ob, path);
	KTK_BUFFER_PUTL(&d->ob, " is empty.");
	nl(d);
}

/* --index-sanity-check: the broker's check, Kafka's line when it passes */
static void sanity(struct ktk_dump *d, const char *path,
		   const struct ktk_index *ix, const char *ap)
{
	struct ktk_err err;

	int bad = ktk_index_sanity(ix, ap, &err) == -1, first;

	if (d->o.json && !d->o.verify) {
		json_head(d, "sanityCheck", path, &first);
		field(d, 1, &first, "passed", F_BOOL, !bad, NULL);
		if (bad)
			field(d, 1, &first, "message", F_STR,
			      (int64_t)strlen(err.msg), err.msg);
		entry_end(d);
	} else if (!bad && !d->o.verify) {
		ktk_buffer_puts(&d->ob, path);
		KTK_BUFFER_PUTL(&d->ob, " passed sanity check.");
		nl(d);
	}
	if (bad)
		problem(d, path, -1, "%s", err.msg);
}

static int dump_index(struct ktk_dump *d, const char *path)
{
	struct ktk_index ix;
	struct ktk_segment seg;
	struct ktk_index_entry e;
	struct ktk_err err;
	struct pairs mism = {0};
	char ap[4096];
	int64_t i, last = 0;
	int print = !d->o.verify && !d->o.verify_index_only;

	if (open_index(d, path, KTK_INDEX_OFFSET, &ix, &seg, ap, sizeof(ap)))
		return -1;
	if (ix.entries == 0) {
		index_empty(d, path);
		goto out;
	}
	if (d->o.index_sanity) {
		sanity(d, path, &ix, ap);
		goto out;
	}
	for (i = 0; i < ix.entries; i++) {
		ktk_index_entry(&ix, i, &e);
		if (e.offset == ix.base_offset && i > 0)
			break;
		if (first_batch_last(&seg, e.position, d->o.max_message_size,
				     &last, &err) == -1) {
			problem(d, path, i * 8, "entry %" PRId64 " (offset %"
				PRId64 "): %s", i, e.offset, err.msg);
		} else if (last != e.offset) {
			pairs_add(&mism, e.offset, last);
			if (d->o.verify)
				problem(d, path, i * 8,
					"entry %" PRId64 " says offset %" PRId64
					" is at position %" PRId32
					", the batch there ends at offset %"
					PRId64,
					i, e.offset, e.position, last);
		}
		if (print) {
			static const char *const names[] = {"offset",
							    "position"};
			int64_t vals[] = {e.offset, e.position};

			entry_nums(d, "indexEntry", names, vals, 2);
		}
	}
	summary(d, path, ap, &SUM_INDEX, &mism);
out:
	free(mism.v);
	ktk_index_close(&ix);
	ktk_segment_close(&seg);
	return 0;
}

static int dump_timeindex(struct ktk_dump *d, const char *path)
{
	struct ktk_index tix, ix;
	struct ktk_segment seg;
	struct ktk_index_entry e, oe;
	struct ktk_err err;
	struct pairs mism = {0}, ooo = {0}, nf = {0};
	char ixp[4096], ap[4096];
	int64_t i, prev_ts = -1;
	int print = !d->o.verify && !d->o.verify_index_only, have_ix;

	if (open_index(d, path, KTK_INDEX_TIME, &tix, &seg, ap, sizeof(ap)))
		return -1;
	sibling(path, ".index", ixp, sizeof(ixp));
	have_ix = ktk_index_open(&ix, ixp, KTK_INDEX_OFFSET, tix.base_offset,
				 &err) == 0;
	if (tix.entries == 0 && d->o.json) {
		index_empty(d, path);
		goto out;
	}
	if (d->o.index_sanity) {
		sanity(d, path, &tix, ap);
		goto out;
	}
	for (i = 0; i < tix.entries; i++) {
		struct ktk_batch b;
		int64_t pos = 0, slot;
		int rc, found = 0;

		ktk_index_entry(&tix, i, &e);
		if (e.offset == tix.base_offset && i > 0)
			break;
		if (have_ix && (slot = ktk_index_lower_slot(&ix, e.offset)) >= 0) {
			ktk_index_entry(&ix, slot, &oe);
			pos = oe.position;
		}
		while ((rc = ktk_segment_next(&seg, pos, &b, &err)) != 0) {
			if (rc == -1)
				break;
			if (ktk_batch_last_offset(&b) >= e.offset) {
				found = 1;
				break;
			}
			pos += b.size;
		}
		if (!found) {
			pairs_add(&nf, e.offset, -1);
		} else if (ktk_batch_last_offset(&b) != e.offset) {
			pairs_add(&nf, e.offset, ktk_batch_last_offset(&b));
		} else {
			struct ktk_batch_iter *it = d->iter;
			struct ktk_batch_record r;
			int64_t maxts = -1;

			if (ktk_batch_records(&b, it, &err) == 0) {
				while ((rc = ktk_batch_next(it, &r, &err)) == 1)
					if (r.timestamp > maxts)
						maxts = r.timestamp;
			}
			if (maxts != e.timestamp)
				pairs_add(&mism, e.timestamp, maxts);
			if (prev_ts >= e.timestamp)
				pairs_add(&ooo, e.timestamp, prev_ts);
		}
		if (print) {
			static const char *const names[] = {"timestamp",
							    "offset"};
			int64_t vals[] = {e.timestamp, e.offset};

			entry_nums(d, "timeIndexEntry", names, vals, 2);
		}
		prev_ts = e.timestamp;
	}
	summary(d, path, ap, &SUM_TS, &mism);
	summary(d, path, ap, &SUM_OOO, &ooo);
	summary(d, path, ap, &SUM_NOTFOUND, &nf);
	if (d->o.verify && (mism.n || ooo.n || nf.n))
		problem(d, path, -1,
			"%zu entries with the wrong timestamp, %zu out of "
			"order, %zu pointing at no batch",
			mism.n, ooo.n, nf.n);
out:
	free(mism.v);
	free(ooo.v);
	free(nf.v);
	if (have_ix)
		ktk_index_close(&ix);
	ktk_index_close(&tix);
	ktk_segment_close(&seg);
	return 0;
}

static int dump_txnindex(struct ktk_dump *d, const char *path)
{
	struct ktk_segment f;
	struct ktk_err err;
	struct ktk_aborted_txn t;
	static const char *const names[] = {"version", "producerId",
					    "firstOffset", "lastOffset",
					    "lastStableOffset"};
	const uint8_t *p;
	size_t i;

	if (open_file(d, path, -1, &f, path, "") == -1)
		return -1;
	for (i = 0; (int64_t)(i + 1) * KTK_TXNINDEX_ENTRY <= f.size; i++) {
		p = ktk_segment_bytes(&f, (int64_t)i * KTK_TXNINDEX_ENTRY,
				      KTK_TXNINDEX_ENTRY, &err);
		if (p == NULL)
			break;
		ktk_index_txn_entry(p, KTK_TXNINDEX_ENTRY, 0, &t);
		if (t.version != 0) {
			problem(d, path, (int64_t)i * KTK_TXNINDEX_ENTRY,
				"Unexpected aborted transaction version %d",
				t.version);
			break;
		}
		if (!d->o.verify) {
			int64_t vals[] = {t.version, t.producer_id,
					  t.first_offset, t.last_offset,
					  t.last_stable_offset};

			entry_nums(d, "abortedTxn", names, vals, 5);
		}
	}
	if (f.size % KTK_TXNINDEX_ENTRY)
		problem(d, path, f.size - f.size % KTK_TXNINDEX_ENTRY,
			"%lld bytes at the end are not a whole entry",
			(long long)(f.size % KTK_TXNINDEX_ENTRY));
	ktk_segment_close(&f);
	return 0;
}

static int dump_snapshot(struct ktk_dump *d, const char *path)
{
	struct ktk_segment f;
	struct ktk_err err;
	struct ktk_producer_entry e;
	const uint8_t *p;
	long n, i;

	if (open_file(d, path, -1, &f, path, "") == -1)
		return -1;
	p = whole(d, path, &f, &err);
	if (p && (n = ktk_producer_snapshot_check(p, (size_t)f.size, &err)) < 0)
		problem(d, path, -1, "%s", err.msg);
	if (p == NULL || n < 0) {
		ktk_segment_close(&f);
		return 0;
	}
	for (i = 0; i < n && !d->o.verify; i++) {
		ktk_producer_snapshot_entry(p, i, &e);
		if (d->o.json) {
			static const char *const names[] = {
				"producerId", "producerEpoch",
				"coordinatorEpoch", "currentTxnFirstOffset",
				"lastTimestamp", "lastSequence", "lastOffset",
				"offsetDelta"};
			int64_t vals[] = {e.producer_id, e.producer_epoch,
					  e.coordinator_epoch,
					  e.current_txn_first_offset,
					  e.timestamp, e.last_sequence,
					  e.last_offset, e.offset_delta};

			entry_nums(d, "producer", names, vals, 8);
			continue;
		}
		kv(d, "producerId: ", e.producer_id);
		kv(d, " producerEpoch: ", e.producer_epoch);
		kv(d, " coordinatorEpoch: ", e.coordinator_epoch);
		if (e.current_txn_first_offset >= 0) {
			kv(d, " currentTxnFirstOffset: OptionalLong[",
			   e.current_txn_first_offset);
			KTK_BUFFER_PUTL(&d->ob, "]");
		} else
			KTK_BUFFER_PUTL(&d->ob, " currentTxnFirstOffset: OptionalLong.empty");
		kv(d, " lastTimestamp: ", e.timestamp);
		if (e.last_offset >= 0) {
			kv(d, " firstSequence: ",
			   ktk_producer_snapshot_seq_sub(e.last_sequence, e.offset_delta));
			kv(d, " lastSequence: ", e.last_sequence);
			kv(d, " lastOffset: ", e.last_offset);
			kv(d, " offsetDelta: ", e.offset_delta);
			kv(d, " timestamp: ", e.timestamp);
		}
		nl(d);
	}
	ktk_segment_close(&f);
	return 0;
}

/* ---- text checkpoints (not read by Kafka's tool) ------------------------ */

struct ckctx {
	struct ktk_dump *d;
	int fields;
};

static int ck_entry(void *vc, const struct ktk_checkpoint_entry *e)
{
	struct ckctx *c = vc;
	struct ktk_dump *d = c->d;

	int first;

	if (d->o.verify)
		return 0;
	if (c->fields == 2) {
		static const char *const names[] = {"epoch", "startOffset"};
		int64_t vals[] = {e->a, e->b};

		entry_nums(d, "leaderEpoch", names, vals, 2);
		return 0;
	}
	entry_begin(d, "checkpointOffset", &first);
	field(d, d->o.json, &first, "topic", F_STR, (int64_t)e->topic_len,
	      e->topic);
	field(d, d->o.json, &first, "partition", F_NUM, e->a, NULL);
	field(d, d->o.json, &first, "offset", F_NUM, e->b, NULL);
	entry_end(d);
	return 0;
}

static int dump_text(struct ktk_dump *d, const char *path, int fields)
{
	struct ktk_segment f;
	struct ktk_err err;
	const uint8_t *p;

	if (open_file(d, path, -1, &f, path, "") == -1)
		return -1;
	if (f.size > (64 << 20)) {
		problem(d, path, -1, "a %lld-byte text file is not a checkpoint",
			(long long)f.size);
		ktk_segment_close(&f);
		return 0;
	}
	p = whole(d, path, &f, &err);
	if (p != NULL && fields == 0) {
		char id[23];

		if (ktk_checkpoint_partition_metadata_parse((const char *)p, (size_t)f.size,
						 id, &err) == -1)
			problem(d, path, -1, "%s", err.msg);
		else if (!d->o.verify) {
			int first;

			entry_begin(d, "partitionMetadata", &first);
			field(d, d->o.json, &first, "version", F_NUM, 0, NULL);
			field(d, d->o.json, &first, "topicId", F_WORD, 0, id);
			entry_end(d);
		}
	} else if (p != NULL) {
		struct ckctx c = {d, fields};

		if (ktk_checkpoint_parse((const char *)p, (size_t)f.size,
					 fields, ck_entry, &c, &err) == -1)
			problem(d, path, -1, "%s", err.msg);
	}
	ktk_segment_close(&f);
	return 0;
}

/* ---- dispatch --------------------------------------------------------------- */

void ktk_dump_init(struct ktk_dump *d, const struct ktk_dump_opts *opts,
		   FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->o = *opts;
	d->out = out;
	d->iter = calloc(1, sizeof(struct ktk_batch_iter));
}

/* What a file is, by its name, as DumpLogSegments tells them apart (and
 * the files without an extension that Kafka's tool does not read). */
enum fkind_file {
	K_UNKNOWN, K_SEGMENT, K_KRAFT, K_INDEX, K_TIMEINDEX, K_PRODUCER,
	K_TXNINDEX, K_EPOCH, K_OFFSETS, K_PARTMETA,
};

static int file_kind(const char *path)
{
	static const struct {
		int by_ext;
		const char *s;
		int kind;
	} t[] = {
		{1, ".log", K_SEGMENT},
		{1, ".checkpoint", K_KRAFT},
		{1, ".index", K_INDEX},
		{1, ".timeindex", K_TIMEINDEX},
		{1, ".snapshot", K_PRODUCER},
		{1, ".txnindex", K_TXNINDEX},
		{0, "leader-epoch-checkpoint", K_EPOCH},
		{0, "replication-offset-checkpoint", K_OFFSETS},
		{0, "recovery-point-offset-checkpoint", K_OFFSETS},
		{0, "log-start-offset-checkpoint", K_OFFSETS},
		{0, "cleaner-offset-checkpoint", K_OFFSETS},
		{0, "partition.metadata", K_PARTMETA},
	};
	const char *name = base_name(path), *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].by_ext ? dot && strcmp(dot, t[i].s) == 0
				: strcmp(name, t[i].s) == 0)
			return t[i].kind;
	return K_UNKNOWN;
}

/* -J "kind" of each file kind (segments and KRaft snapshots write their
 * own header, with what their names say) */
static const char *const kind_names[] = {
	[K_UNKNOWN] = "unknown", [K_INDEX] = "index",
	[K_TIMEINDEX] = "timeindex", [K_PRODUCER] = "producerSnapshot",
	[K_TXNINDEX] = "txnindex", [K_EPOCH] = "leaderEpochCheckpoint",
	[K_OFFSETS] = "offsetCheckpoint", [K_PARTMETA] = "partitionMetadata",
};

static int dump_file_last(struct ktk_dump *d, const char *path,
			  int64_t *last)
{
	int kind = file_kind(path);

	if (!d->o.verify && !d->o.json) {
		KTK_BUFFER_PUTL(&d->ob, "Dumping ");
		ktk_buffer_puts(&d->ob, path);
		nl(d);
	} else if (!d->o.verify && kind != K_SEGMENT && kind != K_KRAFT) {
		int first;

		json_head(d, "file", path, &first);
		field(d, 1, &first, "kind", F_WORD, 0, kind_names[kind]);
		entry_end(d);
	}
	if (d->iter == NULL) {
		problem(d, path, -1, "out of memory");
		return -1;
	}
	switch (kind) {
	case K_SEGMENT:
	case K_KRAFT:
		return dump_log(d, path, last);
	case K_INDEX:
		return dump_index(d, path);
	case K_TIMEINDEX:
		return dump_timeindex(d, path);
	case K_PRODUCER:
		return dump_snapshot(d, path);
	case K_TXNINDEX:
		return dump_txnindex(d, path);
	case K_EPOCH:
		return dump_text(d, path, 2);
	case K_OFFSETS:
		return dump_text(d, path, 3);
	case K_PARTMETA:
		return dump_text(d, path, 0);
	}
	flush(d);
	fflush(d->out);
	if (d->note) {
		char line[4200];

		snprintf(line, sizeof(line), "Ignoring unknown file %s", path);
		d->note(d->ctx, line);
	}
	return 0;
}

int ktk_dump_file(struct ktk_dump *d, const char *path)
{
	int rc = dump_file_last(d, path, NULL);

	/* --verify on a lone segment checks its indexes too */
	if (rc == 0 && d->o.verify && ends_with(path, ".log")) {
		static const char *const ext[] = {".index", ".timeindex"};
		char ix[4096];
		int i;

		for (i = 0; i < 2; i++) {
			sibling(path, ext[i], ix, sizeof(ix));
			if (access(ix, F_OK) == 0)
				dump_file_last(d, ix, NULL);
		}
	}
	return rc;
}

struct dent {
	int rank;       /* 0 segment files, 1 snapshots, 2 checkpoints, 3 rest */
	int64_t off;
	int sub;        /* order within a segment */
	char *name;
};

static int cmp_dent(const void *x, const void *y)
{
	const struct dent *a = x, *b = y;

	if (a->rank != b->rank)
		return a->rank - b->rank;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	if (a->sub != b->sub)
		return a->sub - b->sub;
	return strcmp(a->name, b->name);
}

static void classify(struct dent *e)
{
	static const char *const segext[] = {".log", ".index", ".timeindex",
					     ".txnindex"};
	const char *dot = strchr(e->name, '.');
	int64_t off;
	size_t i;

	e->rank = 3;
	e->off = 0;
	e->sub = 0;
	if (dot && name_offset(e->name, &off) == 0) {
		for (i = 0; i < 4; i++)
			if (strcmp(dot, segext[i]) == 0) {
				e->rank = 0;
				e->off = off;
				e->sub = (int)i;
				return;
			}
		if (strcmp(dot, ".snapshot") == 0) {
			e->rank = 1;
			e->off = off;
			return;
		}
		e->off = off;
		e->sub = 9;
		e->rank = 0;
		return;
	}
	if (ends_with(e->name, ".checkpoint") && strchr(e->name, '-')) {
		char buf[24];

		snprintf(buf, sizeof(buf), "%.20s", e->name);
		e->rank = 2;
		if (ktk_number_parse_i64(buf, 0, INT64_MAX, &off, &(const char *){0}) ==
		    0)
			e->off = off;
	}
}

static int list_dir(const char *dir, struct dent **out, size_t *n)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	struct dent *v = NULL;
	size_t cap = 0, k = 0;

	if (dh == NULL)
		return -1;
	while ((de = readdir(dh)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (k == cap) {
			struct dent *nv;

			cap = cap ? cap * 2 : 32;
			nv = realloc(v, cap * sizeof(*v));
			if (nv == NULL)
				break;
			v = nv;
		}
		v[k].name = strdup(de->d_name);
		if (v[k].name == NULL)
			break;
		classify(&v[k]);
		k++;
	}
	closedir(dh);
	qsort(v, k, sizeof(*v), cmp_dent);
	*out = v;
	*n = k;
	return 0;
}

static void free_dents(struct dent *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int ktk_dump_dir(struct ktk_dump *d, const char *dir)
{
	struct dent *v;
	size_t n, i;
	int64_t prev_last = -1;
	int have_prev = 0;
	const char *sep = ends_with(dir, "/") ? "" : "/";

	if (read_dir(d, dir, &v, &n) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		char path[4096];
		int64_t last = -1;

		snprintf(path, sizeof(path), "%s%s%s", dir, sep, v[i].name);
		if (v[i].rank == 0 && v[i].sub == 0) {
			if (have_prev && v[i].off <= prev_last)
				problem(d, path, -1,
					"segment base offset %" PRId64
					" does not follow the previous "
					"segment's last offset %" PRId64,
					v[i].off, prev_last);
			dump_file_last(d, path, &last);
			if (last >= 0) {
				prev_last = last;
				have_prev = 1;
			}
		} else
			dump_file_last(d, path, NULL);
	}
	free_dents(v, n);
	return 0;
}

/* ---- lookups ------------------------------------------------------------ */

static void print_found(struct ktk_dump *d, const char *path,
			const struct ktk_batch *b, const struct ktk_batch_record *r)
{
	if (d->o.json)
		record_json(d, path, b, r);
	else
		record_line(d, path, b, r);
}

long ktk_dump_lookup(struct ktk_dump *d, const char *dir, int by_time,
		     int64_t target, long count)
{
	struct dent *v;
	size_t n, i, start = 0;
	long printed = 0;
	int64_t want_off = target;
	int started = 0;
	const char *sep = ends_with(dir, "/") ? "" : "/";

	if (read_dir(d, dir, &v, &n) == -1)
		return -1;
	/* the segment to start in */
	for (i = 0; i < n; i++) {
		char path[4096];

		if (!(v[i].rank == 0 && v[i].sub == 0))
			continue;
		if (!by_time) {
			if (v[i].off <= target || !started)
				start = i;
			started = 1;
			continue;
		}
		/* by time: the first segment whose largest timestamp (last
		 * time index entry) reaches the target */
		{
			struct ktk_index tix;
			struct ktk_err err;
			struct ktk_index_entry e;
			int64_t k;

			snprintf(path, sizeof(path), "%s%s%020" PRId64
				 ".timeindex", dir, sep, v[i].off);
			if (ktk_index_open(&tix, path, KTK_INDEX_TIME, v[i].off,
					   &err) == -1 ||
			    (k = ktk_index_valid_entries(&tix)) == 0) {
				if (tix.map)
					ktk_index_close(&tix);
				/* unknown: this segment may hold it */
				start = i;
				started = 1;
				break;
			}
			ktk_index_entry(&tix, k - 1, &e);
			if (e.timestamp >= target) {
				{
					int64_t s = ktk_index_lower_slot(&tix,
									 target);
					struct ktk_index_entry f;

					if (s >= 0) {
						ktk_index_entry(&tix, s, &f);
						want_off = f.offset;
					} else
						want_off = v[i].off;
				}
				ktk_index_close(&tix);
				start = i;
				started = 1;
				break;
			}
			ktk_index_close(&tix);
		}
	}
	if (!started) {
		free_dents(v, n);
		return 0;
	}
	if (by_time && want_off == target)
		want_off = v[start].off;
	for (i = start; i < n && printed < count; i++) {
		char path[4096], ixp[4096];
		struct ktk_segment seg;
		struct ktk_index ix;
		struct ktk_err err;
		struct ktk_batch b;
		struct ktk_batch_record r;
		int64_t pos = 0;
		int rc;

		if (!(v[i].rank == 0 && v[i].sub == 0))
			continue;
		snprintf(path, sizeof(path), "%s%s%s", dir, sep, v[i].name);
		snprintf(ixp, sizeof(ixp), "%s%s%020" PRId64 ".index", dir, sep,
			 v[i].off);
		if (i == start &&
		    ktk_index_open(&ix, ixp, KTK_INDEX_OFFSET, v[i].off, &err) ==
			    0) {
			int64_t s = ktk_index_lower_slot(&ix, want_off);
			struct ktk_index_entry e;

			if (s >= 0) {
				ktk_index_entry(&ix, s, &e);
				pos = e.position;
			}
			ktk_index_close(&ix);
		}
		if (ktk_segment_open(&seg, path, -1, &err) == -1) {
			problem(d, path, -1, "%s", err.msg);
			break;
		}
		while (printed < count &&
		       (rc = ktk_segment_next(&seg, pos, &b, &err)) != 0) {
			if (rc < 0) {
				problem(d, path, pos, "%s", err.msg);
				break;
			}
			pos += b.size;
			if (by_time ? b.max_timestamp < target
				    : ktk_batch_last_offset(&b) < target)
				continue;
			if (ktk_batch_records(&b, d->iter, &err) == -1) {
				problem(d, path, b.position, "%s", err.msg);
				continue;
			}
			while (printed < count &&
			       (rc = ktk_batch_next(d->iter, &r, &err)) == 1) {
				if (printed == 0 &&
				    (by_time ? r.timestamp < target
					     : r.offset < target))
					continue;
				print_found(d, path, &b, &r);
				printed++;
			}
			if (rc == -1)
				problem(d, path, b.position, "%s", err.msg);
		}
		ktk_segment_close(&seg);
	}
	free_dents(v, n);
	return printed;
}

void ktk_dump_finish(struct ktk_dump *d)
{
	size_t pos = 0;

	if (d->pending.len) { /* a line left open by a problem */
		ktk_buffer_put(&d->ob, "\n", 1);
		ktk_buffer_put(&d->ob, d->pending.p, d->pending.len);
		d->pending.len = 0;
	}
	flush(d);
	fflush(d->out);
	if (d->lost_output) {
		d->lost_output = 0;
		problem(d, "standard output", -1,
			"out of memory: some output was dropped");
	}
	while (pos < d->summary.len) {
		const char *line = (char *)d->summary.p + pos;

		if (d->note)
			d->note(d->ctx, line);
		pos += strlen(line) + 1;
	}
	d->summary.len = 0;
}

void ktk_dump_free(struct ktk_dump *d)
{
	if (d->iter) {
		ktk_batch_iter_free(d->iter);
		free(d->iter);
	}
	ktk_buffer_free(&d->ob);
	ktk_buffer_free(&d->scratch);
	ktk_buffer_free(&d->summary);
	ktk_buffer_free(&d->pending);
}
