/* SPDX-License-Identifier: Apache-2.0 */
/* dump_int.h -- what the files of lib/dump/ share behind dump.h: the
 * output buffer's helpers (lines, DumpLogSegments' "name: value" fields or
 * their JSON, problems and notes), file names, the directory listing, the
 * stderr summaries, and each file kind's dumper.
 *
 *   dump.c        the engine: init/finish/free, file-kind dispatch,
 *                 directories, the helpers below
 *   segment.c     .log segments and KRaft .checkpoint snapshots
 *   index.c       .index, .timeindex and .txnindex
 *   snapshot.c    producer .snapshot files
 *   checkpoint.c  text checkpoint files and partition.metadata
 *   summary.c     Kafka's stderr summaries (index mismatches, ...)
 *   lookup.c      --offset / --timestamp lookups
 *
 * Everything a dumper prints goes into d->ob (struct ktk_buffer) and is
 * written out in blocks of FLUSH_AT bytes by dump_nl().
 */
#ifndef KTK_DUMP_DUMP_INT_H
#define KTK_DUMP_DUMP_INT_H

#include <stdint.h>

#include "lib/base/buffer.h"
#include "lib/dump/dump.h"
#include "lib/logformat/batch.h"
#include "lib/logformat/segment.h"

#define FLUSH_AT (1u << 16)
#define MAX_PAIRS 100000

/* a label (a string literal) and a number */
#define kv(d, label, v) \
	(KTK_BUFFER_PUTL(&(d)->ob, label), ktk_buffer_put_i64(&(d)->ob, v))

/* ---- output (dump.c) ---------------------------------------------------- */

/* Write the output buffer out. */
void dump_flush(struct ktk_dump *d);

/* End a line: the problem objects found inside it follow; flush when the
 * buffer is full. */
void dump_nl(struct ktk_dump *d);

/* A problem at byte @p pos of @p path (-1: the file): counted, given to
 * the caller's callback, and with -J a {"type":"problem"} object too. */
void dump_problem(struct ktk_dump *d, const char *path, int64_t pos,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Something about @p path worth a word that is not wrong with its data (a
 * file name Kafka would not give it): given to the caller's callback, not
 * counted, no -J object. */
void dump_warn(struct ktk_dump *d, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One line of Kafka's stderr summaries, given out by ktk_dump_finish(). */
void dump_note(struct ktk_dump *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* -J: bytes as a JSON string when UTF-8, else {"base64":"..."}; null for
 * NULL. */
void dump_json_bytes(struct ktk_dump *d, const uint8_t *p, int32_t n);

/* -J: the text s[0..n) as a JSON string, escaped straight into d->ob
 * (s may point into d->scratch, never into d->ob). */
void dump_json_text(struct ktk_dump *d, const char *s, size_t n);

/* One field of a line: Kafka's text ("name: value", space separated) or
 * JSON ("\"name\":value", comma separated). */
enum fkind { F_NUM, F_BOOL, F_WORD, F_STR /* word of length v, escaped */ };
void dump_field(struct ktk_dump *d, int json, int *first, const char *name,
		int kind, int64_t v, const char *word);

/* A line of fields: {"type":"TYPE",...} with -J, else "name: value ...". */
void dump_entry_begin(struct ktk_dump *d, const char *type, int *first);
void dump_entry_end(struct ktk_dump *d);
/* A whole line of number fields, names[i] = vals[i]. */
void dump_entry_nums(struct ktk_dump *d, const char *type,
		     const char *const *names, const int64_t *vals, int n);
/* -J: {"type":"TYPE","file":PATH and more fields (close with entry_end) */
void dump_json_head(struct ktk_dump *d, const char *type, const char *path,
		    int *first);

/* Prepare d->iter to walk the records of @p b (ktk_batch_records()),
 * counting what is decompressed against the run's budget
 * (o.max_decompressed). @returns 0; -1 with @p err set (the caller reports
 * it); -2 when the budget does not allow it (reported once, against
 * @p path, the first time). */
int dump_batch_records(struct ktk_dump *d, const char *path,
		       const struct ktk_batch *b, struct ktk_err *err);

/* ---- files (dump.c) ----------------------------------------------------- */

const char *dump_base_name(const char *path);
int dump_ends_with(const char *s, const char *suffix);
/* The number before the first '.' of the base name, as Long.parseLong
 * reads it. @returns 0, -1. */
int dump_name_offset(const char *path, int64_t *out);
void dump_abs_path(const char *path, char *dst, size_t n);
/* <dir of path>/<base name up to its first '.'><ext> */
void dump_sibling(const char *path, const char *ext, char *dst, size_t n);
/* Open @p path (at most @p max bytes, -1 all); a failure counts as
 * unreadable, reported against @p report with @p prefix. @returns 0, -1. */
int dump_open_file(struct ktk_dump *d, const char *path, int64_t max,
		   struct ktk_segment *f, const char *report,
		   const char *prefix);
/* The whole of an open file, or NULL (reported). */
const uint8_t *dump_whole(struct ktk_dump *d, const char *path,
			  struct ktk_segment *f, struct ktk_err *err);

/* A directory entry, classified for the order DumpLogSegments would use. */
struct dent {
	int rank;       /* 0 segment files, 1 snapshots, 2 checkpoints, 3 rest */
	int64_t off;
	int sub;        /* order within a segment (0: the .log) */
	char *name;
};
/* The files of @p dir, sorted; reported when it cannot be read.
 * @returns 0, -1. */
int dump_read_dir(struct ktk_dump *d, const char *dir, struct dent **v,
		  size_t *n);
void dump_free_dents(struct dent *v, size_t n);

/* ---- summaries (summary.c) ---------------------------------------------- */

struct pair {
	int64_t a, b;
	long seq;
};

struct pairs {
	struct pair *v;
	size_t n, cap;
	long dropped;
};

/* One of Kafka's stderr summaries: a head line and a line per pair; with
 * -J an object per pair on standard output instead. */
struct sumkind {
	const char *head;    /* format: one %s, the absolute path, or none */
	const char *line;    /* format: the pair's two int64 */
	const char *type;    /* -J: the object's type and field names */
	const char *a, *b;
	int sort;            /* 0 as found, 1 ascending, -1 descending */
	int more;            /* text: a line for the pairs not kept */
};

extern const struct sumkind dump_sum_noncons, dump_sum_index, dump_sum_ts,
	dump_sum_ooo, dump_sum_notfound;

void dump_summary_add(struct pairs *ps, int64_t a, int64_t b);
/* @p ap: the absolute path, for Kafka's head lines. */
void dump_summary_emit(struct ktk_dump *d, const char *path, const char *ap,
		       const struct sumkind *k, struct pairs *ps);

/* ---- the file kinds ------------------------------------------------------ */

/* segment.c: a .log or KRaft .checkpoint; *last_out (may be NULL) gets
 * its last offset. @returns 0, -1 (unreadable, reported). */
int dump_segment(struct ktk_dump *d, const char *path, int64_t *last_out);
/* segment.c: one record line (or -J object) of batch @p b. */
void dump_segment_record(struct ktk_dump *d, const char *path,
			 const struct ktk_batch *b,
			 const struct ktk_batch_record *r);
/* index.c */
int dump_index_offsets(struct ktk_dump *d, const char *path);
int dump_index_time(struct ktk_dump *d, const char *path);
int dump_index_txn(struct ktk_dump *d, const char *path);
/* snapshot.c */
int dump_snapshot_producers(struct ktk_dump *d, const char *path);
/* checkpoint.c: @p fields 2 (leader-epoch-checkpoint), 3 (offset
 * checkpoints) or 0 (partition.metadata) */
int dump_checkpoint_text(struct ktk_dump *d, const char *path, int fields);

#endif
