/* SPDX-License-Identifier: Apache-2.0 */
/* dump.c -- ktk-dump-log's engine (see dump.h and dump_int.h): set-up and
 * summaries at the end, which dumper reads a file (by its name, as
 * DumpLogSegments tells them apart), partition directories in offset
 * order, and the output helpers every dumper shares. It prints
 * "Dumping <path>" before each file (-J: {"type":"file",...}), and
 * "Ignoring unknown file <path>" (as a note) for names it does not know.
 * Output is assembled in d->ob and written in large blocks.
 */
#include "lib/dump/dump_int.h"

#include <errno.h>

#include <dirent.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/base/bytes.h"
#include "lib/base/number.h"
#include "lib/logformat/message_schema.h"

/* the FILE's own buffer out too (before a stderr line, at the end),
 * keeping the reason of the first failed write */
static void dump_sync(struct ktk_dump *d)
{
	if (d->out_errno != 0)
		return;
	errno = 0;
	if (fflush(d->out) == EOF)
		d->out_errno = errno ? errno : EIO;
}

void dump_flush(struct ktk_dump *d)
{
	if (d->ob.oom) { /* what could not be appended is lost: say so at the end */
		ktk_buffer_clear(&d->ob);
		d->lost_output = 1;
	}
	if (d->ob.len) {
		/* stop at the first failed write, keeping its reason */
		if (d->out_errno == 0) {
			errno = 0;
			if (fwrite(d->ob.p, 1, d->ob.len, d->out) != d->ob.len)
				d->out_errno = errno ? errno : EIO;
		}
		d->ob.len = 0;
	}
}

void dump_nl(struct ktk_dump *d)
{
	ktk_buffer_put(&d->ob, "\n", 1);
	if (d->pending.len) { /* problem objects found inside this line */
		ktk_buffer_put(&d->ob, d->pending.p, d->pending.len);
		d->pending.len = 0;
	}
	if (d->ob.len >= FLUSH_AT)
		dump_flush(d);
}

/* -J: a problem as {"type":"problem",...} on standard output too, after
 * the line being written if there is one. */
static void dump_problem_json(struct ktk_dump *d, const char *path, int64_t pos,
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

/* Flush what is written, then give @p msg about @p path to the caller. */
static void tell(struct ktk_dump *d, const char *path, int64_t pos,
		 const char *msg)
{
	dump_flush(d);
	dump_sync(d);
	if (d->problem)
		d->problem(d->ctx, path, pos, msg);
}

void dump_problem(struct ktk_dump *d, const char *path, int64_t pos,
		    const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (d->o.json)
		dump_problem_json(d, path, pos, msg);
	d->problems++;
	tell(d, path, pos, msg);
}

void dump_warn(struct ktk_dump *d, const char *path, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tell(d, path, -1, msg);
}

void dump_note(struct ktk_dump *d, const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ktk_buffer_put(&d->summary, msg, strlen(msg) + 1);
}

void dump_json_bytes(struct ktk_dump *d, const uint8_t *p, int32_t n)
{
	char *q;

	if (p == NULL || n < 0) {
		KTK_BUFFER_PUTL(&d->ob, "null");
		return;
	}
	if (ktk_bytes_utf8_valid(p, (size_t)n)) {
		ktk_message_schema_json_str(&d->ob, p, (size_t)n);
		return;
	}
	KTK_BUFFER_PUTL(&d->ob, "{\"base64\":\"");
	q = ktk_buffer_room(&d->ob, ktk_bytes_b64_len((size_t)n) + 1);
	if (q != NULL)
		d->ob.len += ktk_bytes_b64_encode(p, (size_t)n, q);
	KTK_BUFFER_PUTL(&d->ob, "\"}");
}

void dump_json_text(struct ktk_dump *d, const char *s, size_t n)
{
	/* straight into the output: s may be in d->scratch, never in d->ob */
	ktk_message_schema_json_str(&d->ob, (const uint8_t *)s, n);
}

/* Whether batch @p b's records must be decompressed. */
static int compressed(const struct ktk_batch *b)
{
	return ktk_batch_codec(b) != KTK_CODEC_NONE;
}

int dump_batch_records(struct ktk_dump *d, const char *path,
		       const struct ktk_batch *b, struct ktk_err *err)
{
	struct ktk_batch_iter *it = d->iter;
	int64_t left = d->o.max_decompressed - d->decompressed;
	int capped = 0;

	it->limit = KTK_CODEC_MAX_OUT;
	if (!compressed(b)) /* nothing to decompress or count */
		return ktk_batch_records(b, it, err);
	if (d->o.max_decompressed > 0) {
		if (d->budget_spent)
			return -2;
		if (left < (int64_t)KTK_CODEC_MAX_OUT) {
			capped = 1;
			it->limit = (size_t)(left > 0 ? left : 1);
		}
	}
	if (ktk_batch_records(b, it, err) == -1) {
		if (!capped || strstr(err->msg, "decompresses to more than") == NULL)
			return -1;
		d->budget_spent = 1;
		dump_problem(d, path, b->position,
			     "decompressing this batch passes the run's budget "
			     "of %" PRId64 " decompressed bytes "
			     "(--max-decompressed-bytes); compressed batches "
			     "from here on are not read",
			     d->o.max_decompressed);
		return -2;
	}
	d->decompressed += (int64_t)it->len;
	return 0;
}

const char *dump_base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

int dump_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The number before the first '.', as Long.parseLong reads it. */
int dump_name_offset(const char *path, int64_t *out)
{
	const char *name = dump_base_name(path), *dot = strchr(name, '.');
	char buf[32];
	const char *why;
	size_t n = dot ? (size_t)(dot - name) : strlen(name);

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, name, n);
	buf[n] = '\0';
	return ktk_number_parse_i64(buf, INT64_MIN, INT64_MAX, out, &why);
}

void dump_abs_path(const char *path, char *dst, size_t n)
{
	char *r = realpath(path, NULL);

	snprintf(dst, n, "%s", r ? r : path);
	free(r);
}

/* <dir of path>/<base 20 digits><ext> */
void dump_sibling(const char *path, const char *ext, char *dst, size_t n)
{
	const char *name = dump_base_name(path), *dot = strchr(name, '.');
	int dirlen = (int)(name - path);
	int blen = dot ? (int)(dot - name) : (int)strlen(name);

	snprintf(dst, n, "%.*s%.*s%s", dirlen, path, blen, name, ext);
}

/* Open @p path (at most @p max bytes, -1 for all) into @p f. A file that
 * cannot be opened counts as unreadable and is reported against
 * @p report (the file being dumped) with @p prefix before the reason.
 * @returns 0, -1. */
int dump_open_file(struct ktk_dump *d, const char *path, int64_t max,
		     struct ktk_segment *f, const char *report,
		     const char *prefix)
{
	struct ktk_err err;

	if (ktk_segment_open(f, path, max, &err) == 0)
		return 0;
	d->unreadable++;
	dump_problem(d, report, -1, "%s%s", prefix, err.msg);
	return -1;
}

/* The whole of an open file, or NULL (reported; @p f still open). */
const uint8_t *dump_whole(struct ktk_dump *d, const char *path,
			    struct ktk_segment *f, struct ktk_err *err)
{
	const uint8_t *p = ktk_segment_bytes(f, 0, (size_t)f->size, err);

	if (p == NULL)
		dump_problem(d, path, -1, "%s", err->msg);
	return p;
}

static int dump_list_dir(const char *dir, struct dent **out, size_t *n);

int dump_read_dir(struct ktk_dump *d, const char *dir, struct dent **v,
		    size_t *n)
{
	if (dump_list_dir(dir, v, n) == 0)
		return 0;
	d->unreadable++;
	dump_problem(d, dir, -1, "cannot read the directory");
	return -1;
}

/* One field of a line: Kafka's text ("name: value", space
 * separated) or JSON ("\"name\":value", comma separated). */
void dump_field(struct ktk_dump *d, int json, int *first, const char *name,
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
	else if (kind == F_STR && json)
		dump_json_text(d, word, (size_t)v);
	else if (kind == F_STR)
		ktk_buffer_put(&d->ob, word, (size_t)v);
	else if (json) {
		KTK_BUFFER_PUTL(&d->ob, "\"");
		ktk_buffer_puts(&d->ob, word);
		KTK_BUFFER_PUTL(&d->ob, "\"");
	} else
		ktk_buffer_puts(&d->ob, word);
}

/* A line of fields: {"type":"TYPE","name":value,...} with -J, else
 * Kafka's "name: value name: value". Fields follow through dump_field(). */
void dump_entry_begin(struct ktk_dump *d, const char *type, int *first)
{
	*first = 1;
	if (d->o.json) {
		KTK_BUFFER_PUTL(&d->ob, "{\"type\":\"");
		ktk_buffer_puts(&d->ob, type);
		KTK_BUFFER_PUTL(&d->ob, "\"");
		*first = 0;
	}
}

void dump_entry_end(struct ktk_dump *d)
{
	if (d->o.json)
		KTK_BUFFER_PUTL(&d->ob, "}");
	dump_nl(d);
}

/* A whole entry of number fields, names[i] = vals[i]. */
void dump_entry_nums(struct ktk_dump *d, const char *type,
		       const char *const *names, const int64_t *vals, int n)
{
	int first, i;

	dump_entry_begin(d, type, &first);
	for (i = 0; i < n; i++)
		dump_field(d, d->o.json, &first, names[i], F_NUM, vals[i], NULL);
	dump_entry_end(d);
}

/* -J: {"type":"TYPE","file":PATH and more fields (close with entry_end) */
void dump_json_head(struct ktk_dump *d, const char *type, const char *path,
		      int *first)
{
	dump_entry_begin(d, type, first);
	KTK_BUFFER_PUTL(&d->ob, ",\"file\":");
	dump_json_text(d, path, strlen(path));
}

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
	const char *name = dump_base_name(path), *dot = strrchr(name, '.');
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
		dump_nl(d);
	} else if (!d->o.verify && kind != K_SEGMENT && kind != K_KRAFT) {
		int first;

		dump_json_head(d, "file", path, &first);
		dump_field(d, 1, &first, "kind", F_WORD, 0, kind_names[kind]);
		dump_entry_end(d);
	}
	if (d->iter == NULL) {
		dump_problem(d, path, -1, "out of memory");
		return -1;
	}
	switch (kind) {
	case K_SEGMENT:
	case K_KRAFT:
		return dump_segment(d, path, last);
	case K_INDEX:
		return dump_index_offsets(d, path);
	case K_TIMEINDEX:
		return dump_index_time(d, path);
	case K_PRODUCER:
		return dump_snapshot_producers(d, path);
	case K_TXNINDEX:
		return dump_index_txn(d, path);
	case K_EPOCH:
		return dump_checkpoint_text(d, path, 2);
	case K_OFFSETS:
		return dump_checkpoint_text(d, path, 3);
	case K_PARTMETA:
		return dump_checkpoint_text(d, path, 0);
	}
	dump_flush(d);
	dump_sync(d);
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
	int64_t base;

	/* --verify on a lone segment checks its indexes too (not under a
	 * name without the base offset their entries are relative to) */
	if (rc == 0 && d->o.verify && dump_ends_with(path, ".log") &&
	    dump_name_offset(path, &base) == 0) {
		static const char *const ext[] = {".index", ".timeindex"};
		char ix[4096];
		int i;

		for (i = 0; i < 2; i++) {
			dump_sibling(path, ext[i], ix, sizeof(ix));
			if (access(ix, F_OK) == 0)
				dump_file_last(d, ix, NULL);
		}
	}
	return rc;
}

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
	if (dot && dump_name_offset(e->name, &off) == 0) {
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
	if (dump_ends_with(e->name, ".checkpoint") && strchr(e->name, '-')) {
		char buf[24];

		snprintf(buf, sizeof(buf), "%.20s", e->name);
		e->rank = 2;
		if (ktk_number_parse_i64(buf, 0, INT64_MAX, &off, &(const char *){0}) ==
		    0)
			e->off = off;
	}
}

static int dump_list_dir(const char *dir, struct dent **out, size_t *n)
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

void dump_free_dents(struct dent *v, size_t n)
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
	const char *sep = dump_ends_with(dir, "/") ? "" : "/";

	if (dump_read_dir(d, dir, &v, &n) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		char path[4096];
		int64_t last = -1;

		snprintf(path, sizeof(path), "%s%s%s", dir, sep, v[i].name);
		if (v[i].rank == 0 && v[i].sub == 0) {
			if (have_prev && v[i].off <= prev_last)
				dump_problem(d, path, -1,
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
	dump_free_dents(v, n);
	return 0;
}

void ktk_dump_finish(struct ktk_dump *d)
{
	size_t pos = 0;

	if (d->pending.len) { /* a line left open by a problem */
		ktk_buffer_put(&d->ob, "\n", 1);
		ktk_buffer_put(&d->ob, d->pending.p, d->pending.len);
		d->pending.len = 0;
	}
	dump_flush(d);
	dump_sync(d);
	if (d->lost_output) {
		d->lost_output = 0;
		dump_problem(d, "standard output", -1,
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

