/* SPDX-License-Identifier: Apache-2.0 */
/* segment.c -- .log segments and KRaft .checkpoint snapshots as
 * DumpLogSegments prints them:
 *   Log starting offset: N   (KRaft: Snapshot end offset: N, epoch: E)
 *   baseOffset: .. lastOffset: .. count: .. ... position: P CreateTime: T
 *     size: S magic: 2 compresscodec: none crc: C isvalid: true
 *   | offset: O CreateTime: T keySize: K valueSize: V sequence: S
 *     headerKeys: [..] key: .. payload: ..
 * or the same as -J objects ({"type":"batch"}, {"type":"record"}), and
 * with --verify the checks only (CRCs, offsets that go up, trailing bytes).
 */
#include "lib/dump/dump_int.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/number.h"
#include "lib/base/offset.h"
#include "lib/base/units.h"
#include "lib/logformat/coordinator_records.h"
#include "lib/logformat/message_schema.h"
#include "lib/logformat/metadata_records.h"

#define CPY(q, lit) (memcpy(q, lit, sizeof(lit) - 1), q += sizeof(lit) - 1)
#define NUM(q, lit, v) (CPY(q, lit), q = ktk_buffer_fmt_i64(q, v))

/* The text batch line of a v2 batch with a known codec, written through
 * one reservation (the same text as batch_out()): with tiny batches it is
 * most of the output. @returns 0, -1 (not written: use batch_out()). */
static int batch_line_fast(struct ktk_dump *d, const struct ktk_batch *b,
			   int64_t position, int valid)
{
	int a = b->attributes;
	const char *cname = ktk_codec_name(ktk_batch_codec(b));
	const char *ts = ktk_record_view_tstype_name(ktk_batch_ts_type(b));
	char *q;

	if (b->magic < 2 || cname == NULL ||
	    (q = ktk_buffer_room(&d->ob, 640)) == NULL)
		return -1;
	NUM(q, "baseOffset: ", b->base_offset);
	NUM(q, " lastOffset: ", ktk_batch_last_offset(b));
	NUM(q, " count: ", b->records_count);
	NUM(q, " baseSequence: ", b->base_sequence);
	NUM(q, " lastSequence: ", ktk_batch_last_sequence(b));
	NUM(q, " producerId: ", b->producer_id);
	NUM(q, " producerEpoch: ", b->producer_epoch);
	NUM(q, " partitionLeaderEpoch: ", b->partition_leader_epoch);
	if (a & KTK_ATTR_TRANSACTIONAL)
		CPY(q, " isTransactional: true");
	else
		CPY(q, " isTransactional: false");
	if (a & KTK_ATTR_CONTROL)
		CPY(q, " isControl: true");
	else
		CPY(q, " isControl: false");
	if (a & KTK_ATTR_DELETE_HORIZON) {
		NUM(q, " deleteHorizonMs: OptionalLong[", b->base_timestamp);
		*q++ = ']';
	} else
		CPY(q, " deleteHorizonMs: OptionalLong.empty");
	NUM(q, " position: ", position);
	*q++ = ' ';
	memcpy(q, ts, strlen(ts));
	q += strlen(ts);
	NUM(q, ": ", b->max_timestamp);
	NUM(q, " size: ", b->size);
	NUM(q, " magic: ", b->magic);
	CPY(q, " compresscodec: ");
	memcpy(q, cname, strlen(cname));
	q += strlen(cname);
	NUM(q, " crc: ", b->crc);
	if (valid)
		CPY(q, " isvalid: true");
	else
		CPY(q, " isvalid: false");
	d->ob.len = (size_t)(q - d->ob.p);
	dump_nl(d);
	return 0;
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
		dump_json_text(d, path, strlen(path));
		first = 0;
		dump_field(d, 1, &first, "position", F_NUM, position, NULL);
		dump_field(d, 1, &first, "magic", F_NUM, b->magic, NULL);
	}
	if (b->magic >= 2) {
		dump_field(d, json, &first, "baseOffset", F_NUM, b->base_offset, NULL);
		dump_field(d, json, &first, "lastOffset", F_NUM,
		      ktk_batch_last_offset(b), NULL);
		dump_field(d, json, &first, "count", F_NUM, b->records_count, NULL);
		dump_field(d, json, &first, "baseSequence", F_NUM, b->base_sequence,
		      NULL);
		dump_field(d, json, &first, "lastSequence", F_NUM,
		      ktk_batch_last_sequence(b), NULL);
		dump_field(d, json, &first, "producerId", F_NUM, b->producer_id, NULL);
		dump_field(d, json, &first, "producerEpoch", F_NUM, b->producer_epoch,
		      NULL);
		dump_field(d, json, &first, "partitionLeaderEpoch", F_NUM,
		      b->partition_leader_epoch, NULL);
		if (json)
			dump_field(d, 1, &first, "attributes", F_NUM, a, NULL);
		dump_field(d, json, &first, "isTransactional", F_BOOL,
		      !!(a & KTK_ATTR_TRANSACTIONAL), NULL);
		dump_field(d, json, &first, "isControl", F_BOOL,
		      !!(a & KTK_ATTR_CONTROL), NULL);
		if (json) {
			KTK_BUFFER_PUTL(&d->ob, ",\"deleteHorizonMs\":");
			if (a & KTK_ATTR_DELETE_HORIZON)
				ktk_buffer_put_i64(&d->ob, b->base_timestamp);
			else
				KTK_BUFFER_PUTL(&d->ob, "null");
			dump_field(d, 1, &first, "baseTimestamp", F_NUM,
			      b->base_timestamp, NULL);
		} else if (a & KTK_ATTR_DELETE_HORIZON) {
			kv(d, " deleteHorizonMs: OptionalLong[",
			   b->base_timestamp);
			KTK_BUFFER_PUTL(&d->ob, "]");
		} else
			KTK_BUFFER_PUTL(&d->ob, " deleteHorizonMs: OptionalLong.empty");
	} else if (!json)
		dump_field(d, 0, &first, "offset", F_NUM, ktk_batch_last_offset(b),
		      NULL);
	else
		dump_field(d, 1, &first, "lastOffset", F_NUM,
		      ktk_batch_last_offset(b), NULL);
	if (!json)
		dump_field(d, 0, &first, "position", F_NUM, position, NULL);
	if (json)
		dump_field(d, 1, &first, "timestampType", F_WORD, 0,
		      ktk_record_view_tstype_name(ktk_batch_ts_type(b)));
	dump_field(d, json, &first,
	      json ? "maxTimestamp" : ktk_record_view_tstype_name(ktk_batch_ts_type(b)),
	      F_NUM, b->max_timestamp, NULL);
	dump_field(d, json, &first, "size", F_NUM, b->size, NULL);
	if (!json)
		dump_field(d, 0, &first, "magic", F_NUM, b->magic, NULL);
	snprintf(unknown, sizeof(unknown), "unknown%d", codec);
	dump_field(d, json, &first, "compresscodec", F_WORD, 0,
	      cname ? cname : unknown);
	dump_field(d, json, &first, "crc", F_NUM, b->crc, NULL);
	dump_field(d, json, &first, json ? "isValid" : "isvalid", F_BOOL, valid,
	      NULL);
	if (json)
		KTK_BUFFER_PUTL(&d->ob, "}");
	dump_nl(d);
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
			dump_problem(d, path, b->position, "%s", (char *)s->p);
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
	return -1; /* StringDecoder: record_data() and record_json() print the bytes */
}

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
		dump_flush(d);
	return 0;
}

/* headerKeys: [a,b] of a v2 record */
static void header_keys(struct ktk_dump *d, const struct ktk_batch_record *r)
{
	size_t hp = 0;
	const uint8_t *hk, *hv;
	int32_t hkl, hvl;
	int first = 1;

	KTK_BUFFER_PUTL(&d->ob, " headerKeys: [");
	while (ktk_batch_header_next(r, &hp, &hk, &hkl, &hv, &hvl) == 1) {
		if (!first)
			KTK_BUFFER_PUTL(&d->ob, ",");
		first = 0;
		ktk_buffer_put_utf8(&d->ob, hk, (size_t)hkl);
	}
	KTK_BUFFER_PUTL(&d->ob, "]");
}

/* What comes before each of a record's first metadata fields, in the
 * text layout and in -J's: one walk over the fields serves both. */
struct meta_labels {
	const char *offset, *position, *tstype, *timestamp, *key_size,
		*value_size, *sequence;
};

static const struct meta_labels text_labels = {
	"| offset: ", NULL, " ", ": ", " keySize: ", " valueSize: ",
	" sequence: "};

static const struct meta_labels json_labels = {
	"{\"type\":\"record\",\"offset\":", ",\"batchPosition\":",
	",\"timestampType\":\"", "\",\"timestamp\":", ",\"keySize\":",
	",\"valueSize\":", ",\"sequence\":"};

/* a label that is not a literal (kv's) and a number */
static void label_num(struct ktk_dump *d, const char *label, int64_t v)
{
	ktk_buffer_puts(&d->ob, label);
	ktk_buffer_put_i64(&d->ob, v);
}

/* offset (the batch's position, where @p l has a label for it), timestamp
 * type and timestamp, key and value sizes, and a v2 record's sequence */
static void meta_fields(struct ktk_dump *d, const struct meta_labels *l,
			const struct ktk_batch *b,
			const struct ktk_batch_record *r)
{
	label_num(d, l->offset, r->offset);
	if (l->position)
		label_num(d, l->position, b->position);
	ktk_buffer_puts(&d->ob, l->tstype);
	ktk_buffer_puts(&d->ob, ktk_record_view_tstype_name(ktk_batch_ts_type(b)));
	label_num(d, l->timestamp, r->timestamp);
	label_num(d, l->key_size, r->key_len);
	label_num(d, l->value_size, r->value_len);
	if (b->magic >= 2)
		label_num(d, l->sequence, r->sequence);
}

/* "| offset: .. CreateTime: .. keySize: .. valueSize: .." and the rest of
 * a record's metadata (a control record's text too). */
static void record_meta(struct ktk_dump *d, const char *path,
			const struct ktk_batch *b,
			const struct ktk_batch_record *r, int control)
{
	meta_fields(d, &text_labels, b, r);
	if (b->magic >= 2) {
		header_keys(d, r);
	} else {
		ktk_buffer_puts(&d->ob, r->crc_valid ? " isValid: true crc: "
						     : " isValid: false crc: ");
		ktk_buffer_put_i64(&d->ob, r->crc);
	}
	if (control &&
	    ktk_metadata_records_control_text(r->key, r->key_len, r->value,
					      r->value_len, &d->ob) == -1)
		dump_problem(d, path, b->position,
			     "control record at offset %" PRId64
			     " cannot be decoded",
			     r->offset);
}

/* " key: K payload: V" (after "| " with --skip-record-metadata): the bytes
 * as text (StringDecoder) or the chosen decoder's text. */
static void record_data(struct ktk_dump *d, const char *path,
			const struct ktk_batch *b,
			const struct ktk_batch_record *r)
{
	const char *prefix = d->o.skip_meta ? "| " : " ", *key, *val;

	if (d->o.decoder == KTK_DEC_STRING) {
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
		return;
	}
	if (record_contents(d, path, b, r, &key, &val) == -1)
		return;
	if (key) {
		ktk_buffer_puts(&d->ob, prefix);
		KTK_BUFFER_PUTL(&d->ob, "key: ");
		ktk_buffer_puts(&d->ob, key);
		prefix = " ";
	}
	if (val) {
		ktk_buffer_puts(&d->ob, prefix);
		KTK_BUFFER_PUTL(&d->ob, "payload: ");
		ktk_buffer_puts(&d->ob, val);
	}
}

static void record_line(struct ktk_dump *d, const char *path,
			const struct ktk_batch *b,
			const struct ktk_batch_record *r)
{
	int control = b->magic >= 2 && (b->attributes & KTK_ATTR_CONTROL);

	if (b->magic >= 2 && !control && !d->o.skip_meta &&
	    d->o.decoder == KTK_DEC_STRING && record_line_fast(d, b, r) == 0)
		return;
	if (!d->o.skip_meta)
		record_meta(d, path, b, r, control);
	if (d->o.print_data && !control)
		record_data(d, path, b, r);
	dump_nl(d);
}

static void record_json(struct ktk_dump *d, const char *path,
			const struct ktk_batch *b, const struct ktk_batch_record *r)
{
	int control = b->magic >= 2 && (b->attributes & KTK_ATTR_CONTROL);
	size_t hp = 0;
	const uint8_t *hk, *hv;
	int32_t hkl, hvl;
	int first = 1;

	meta_fields(d, &json_labels, b, r);
	if (b->magic >= 2) {
		KTK_BUFFER_PUTL(&d->ob, ",\"headers\":[");
		while (ktk_batch_header_next(r, &hp, &hk, &hkl, &hv, &hvl) ==
		       1) {
			ktk_buffer_puts(&d->ob, first ? "{\"key\":" : ",{\"key\":");
			first = 0;
			dump_json_bytes(d, hk, hkl);
			KTK_BUFFER_PUTL(&d->ob, ",\"value\":");
			dump_json_bytes(d, hv, hvl);
			KTK_BUFFER_PUTL(&d->ob, "}");
		}
		KTK_BUFFER_PUTL(&d->ob, "]");
	} else {
		kv(d, ",\"crc\":", r->crc);
		ktk_buffer_puts(&d->ob, r->crc_valid ? ",\"isValid\":true" : ",\"isValid\":false");
	}
	if (control) {
		/* the text mode's words without their leading space, escaped
		 * from the scratch buffer into the output */
		struct ktk_buffer *s = &d->scratch;

		s->len = 0;
		ktk_metadata_records_control_text(r->key, r->key_len, r->value,
						  r->value_len, s);
		KTK_BUFFER_PUTL(&d->ob, ",\"control\":");
		dump_json_text(d, s->len ? s->p + 1 : s->p,
			       s->len ? s->len - 1 : 0);
	} else if (d->o.decoder != KTK_DEC_STRING) {
		const char *key, *val;

		if (record_contents(d, path, b, r, &key, &val) == 0) {
			KTK_BUFFER_PUTL(&d->ob, ",\"key\":");
			if (key)
				dump_json_text(d, key, strlen(key));
			else
				KTK_BUFFER_PUTL(&d->ob, "null");
			KTK_BUFFER_PUTL(&d->ob, ",\"value\":");
			if (val)
				dump_json_text(d, val, strlen(val));
			else
				KTK_BUFFER_PUTL(&d->ob, "null");
		}
	}
	if (!control && d->o.decoder == KTK_DEC_STRING) {
		KTK_BUFFER_PUTL(&d->ob, ",\"key\":");
		dump_json_bytes(d, r->key, r->key_len);
		KTK_BUFFER_PUTL(&d->ob, ",\"value\":");
		dump_json_bytes(d, r->value, r->value_len);
	}
	KTK_BUFFER_PUTL(&d->ob, "}");
	dump_nl(d);
}

/* "Log starting offset: N" of a .log (-J: {"type":"file","kind":"segment"}). */
static void log_header(struct ktk_dump *d, const char *path, int print)
{
	int64_t n;
	int ok = dump_name_offset(path, &n) == 0, first;

	if (print && d->o.json) {
		dump_json_head(d, "file", path, &first);
		dump_field(d, 1, &first, "kind", F_WORD, 0, "segment");
		if (ok)
			dump_field(d, 1, &first, "baseOffset", F_NUM, n, NULL);
		dump_entry_end(d);
	} else if (ok && print) {
		kv(d, "Log starting offset: ", n);
		dump_nl(d);
	}
	if (!ok) /* batches carry their own offsets: read on */
		dump_warn(d, path, "the file name does not start with a base "
			  "offset (segments are named by it, "
			  "00000000000000000000.log): not checked against one");
}

/* A KRaft snapshot's line: "KRaft bootstrap snapshot" or "Snapshot end
 * offset: N, epoch: E" from its <20-digit offset>-<10-digit epoch> name. */
static void kraft_header(struct ktk_dump *d, const char *path, int print)
{
	const char *name = dump_base_name(path);
	int64_t off, ep;
	char a[32], e[32];
	int ok, first, boot = strcmp(name, "bootstrap.checkpoint") == 0;

	ok = !boot && strlen(name) == 42 && name[20] == '-' &&
	     sscanf(name, "%20[0-9]-%10[0-9].checkpoint", a, e) == 2 &&
	     strlen(a) == 20 && strlen(e) == 10 &&
	     ktk_number_parse_i64(a, 0, INT64_MAX, &off, &(const char *){0}) == 0 &&
	     ktk_number_parse_i64(e, 0, INT32_MAX, &ep, &(const char *){0}) == 0;
	if (print && d->o.json) {
		dump_json_head(d, "file", path, &first);
		dump_field(d, 1, &first, "kind", F_WORD, 0, "kraftSnapshot");
		dump_field(d, 1, &first, "bootstrap", F_BOOL, boot, NULL);
		if (ok) {
			dump_field(d, 1, &first, "endOffset", F_NUM, off, NULL);
			dump_field(d, 1, &first, "epoch", F_NUM, ep, NULL);
		}
		dump_entry_end(d);
	} else if (boot && print) {
		KTK_BUFFER_PUTL(&d->ob, "KRaft bootstrap snapshot");
		dump_nl(d);
	} else if (ok && print) {
		kv(d, "Snapshot end offset: ", off);
		kv(d, ", epoch: ", ep);
		dump_nl(d);
	}
	if (!ok && !boot)
		dump_warn(d, path,
			     "not a KRaft snapshot name (<20-digit offset>-"
			     "<10-digit epoch>.checkpoint)");
}

/* One walk over a segment. */
struct walk {
	const char *path;
	int64_t pos;          /* of the batch being read */
	int64_t valid_bytes;  /* Kafka's "position": bytes of whole batches */
	int64_t last_offset;  /* of the last record seen */
	int64_t prev_batch;   /* last offset of the previous batch */
	int first_seen;       /* a record was seen */
	int print, records;   /* print lines; iterate records */
	struct pairs noncons; /* offsets that do not follow on */
};

/* The batch's own checks: its CRC, and with --verify that it follows the
 * previous one. */
static void batch_checks(struct ktk_dump *d, struct walk *w,
			 const struct ktk_batch *b, int valid)
{
	if (!valid)
		dump_problem(d, w->path, w->pos,
			     "batch at offset %" PRId64 ": stored CRC %u, "
			     "computed %u",
			     b->base_offset, b->crc, ktk_batch_compute_crc(b));
	if (b->magic >= 2 && w->prev_batch >= 0 &&
	    b->base_offset <= w->prev_batch && d->o.verify)
		dump_problem(d, w->path, w->pos,
			     "batch base offset %" PRId64 " is not above the "
			     "previous batch's last offset %" PRId64,
			     b->base_offset, w->prev_batch);
	w->prev_batch = ktk_batch_last_offset(b);
}

/* One record: the checks of the offsets (and legacy inner CRCs), then its
 * line with --deep-iteration. */
static void record_seen(struct ktk_dump *d, struct walk *w,
			const struct ktk_batch *b,
			const struct ktk_batch_record *r, int legacy_single)
{
	if (w->first_seen && r->offset != ktk_offset_add(w->last_offset, 1, NULL))
		dump_summary_add(&w->noncons, w->last_offset, r->offset);
	if (w->first_seen && d->o.verify && r->offset <= w->last_offset)
		dump_problem(d, w->path, w->pos,
			     "record offset %" PRId64 " follows %" PRId64,
			     r->offset, w->last_offset);
	if (b->magic < 2 && !r->crc_valid && !legacy_single)
		dump_problem(d, w->path, w->pos,
			     "inner message at offset %" PRId64 ": CRC mismatch",
			     r->offset);
	w->first_seen = 1;
	w->last_offset = r->offset;
	if (w->print && d->o.deep)
		dump_segment_record(d, w->path, b, r);
}

static void batch_records(struct ktk_dump *d, struct walk *w,
			  const struct ktk_batch *b)
{
	struct ktk_batch_iter *it = d->iter;
	struct ktk_batch_record r;
	struct ktk_err err;
	int rc;

	if ((rc = dump_batch_records(d, w->path, b, &err)) < 0) {
		if (rc == -1)
			dump_problem(d, w->path, w->pos, "%s", err.msg);
		return;
	}
	while ((rc = ktk_batch_next(it, &r, &err)) == 1)
		record_seen(d, w, b, &r, it->legacy_single);
	if (rc == -1)
		dump_problem(d, w->path, w->pos, "%s", err.msg);
}

/* Bytes after the last whole batch: Kafka's "Found N invalid bytes at the
 * end of NAME" (not with --max-bytes, which cuts the walk short). */
static void trailing(struct ktk_dump *d, struct walk *w, int64_t end)
{
	if (end - w->valid_bytes <= 0 || d->o.max_bytes != INT32_MAX)
		return;
	if (w->print && !d->o.json) {
		kv(d, "Found ", end - w->valid_bytes);
		KTK_BUFFER_PUTL(&d->ob, " invalid bytes at the end of ");
		ktk_buffer_puts(&d->ob, dump_base_name(w->path));
		dump_nl(d);
	}
	dump_problem(d, w->path, w->valid_bytes,
		     "%" PRId64 " %s at the end %s not hold a whole batch",
		     end - w->valid_bytes,
		     ktk_units_plural((uint64_t)(end - w->valid_bytes), "byte",
				      "bytes"),
		     end - w->valid_bytes == 1 ? "does" : "do");
}

/* Walk the batches of @p seg. */
static void walk_batches(struct ktk_dump *d, struct walk *w,
			 struct ktk_segment *seg)
{
	struct ktk_batch b;
	struct ktk_err err;
	int rc, valid;

	while ((rc = ktk_segment_next(seg, w->pos, &b, &err)) != 0) {
		if (d->out_errno != 0)
			return; /* nobody reads the rest (| head, a full disk) */
		if (rc == -1) {
			dump_problem(d, w->path, w->pos, "%s", err.msg);
			w->valid_bytes = seg->end; /* no trailing-bytes line */
			return;
		}
		if (rc == 1) {
			valid = ktk_batch_valid(&b);
			if (w->print && (d->o.json ||
					 batch_line_fast(d, &b, w->valid_bytes,
							 valid) == -1))
				batch_out(d, d->o.json, w->path, &b,
					  w->valid_bytes, valid);
			batch_checks(d, w, &b, valid);
			if (w->records)
				batch_records(d, w, &b);
		} else
			dump_problem(d, w->path, w->pos, "%s", err.msg);
		w->pos += b.size;
		w->valid_bytes += b.size;
	}
}

int dump_segment(struct ktk_dump *d, const char *path, int64_t *last_out)
{
	struct ktk_segment seg;
	struct walk w = {0};

	w.path = path;
	w.last_offset = w.prev_batch = -1;
	w.print = !d->o.verify;
	w.records = d->o.deep || d->o.verify;
	if (dump_ends_with(dump_base_name(path), ".log"))
		log_header(d, path, w.print);
	else
		kraft_header(d, path, w.print);
	if (dump_open_file(d, path, d->o.max_bytes, &seg, path, "") == -1)
		return -1;
	walk_batches(d, &w, &seg);
	if (d->out_errno == 0) /* a walk cut short has no trailing bytes */
		trailing(d, &w, seg.end);
	ktk_segment_close(&seg);
	if (last_out)
		*last_out = w.records ? w.last_offset : w.prev_batch;
	if (w.noncons.n && d->o.deep) {
		char ap[4096];

		dump_abs_path(path, ap, sizeof(ap));
		dump_summary_emit(d, path, ap, &dump_sum_noncons, &w.noncons);
	}
	free(w.noncons.v);
	return 0;
}

void dump_segment_record(struct ktk_dump *d, const char *path,
			 const struct ktk_batch *b,
			 const struct ktk_batch_record *r)
{
	if (d->o.json)
		record_json(d, path, b, r);
	else
		record_line(d, path, b, r);
}
