/* SPDX-License-Identifier: Apache-2.0 */
/* dump.h -- the engine of ktk-dump-log: dumps segments, indexes,
 * producer snapshots, transaction indexes, checkpoint files and KRaft
 * snapshots in the exact text of Kafka's DumpLogSegments (or as JSON
 * lines), verifies them, and looks records up through the indexes.
 *
 * Data goes to the FILE given; Kafka's stderr summaries and every problem
 * found go to the caller's callbacks, so that lib/ prints no diagnostics.
 * The engine is dump.c; each file kind has its file (segment.c, index.c,
 * snapshot.c, checkpoint.c, lookup.c; map in dump_int.h).
 */
#ifndef KTK_DUMP_DUMP_H
#define KTK_DUMP_DUMP_H

#include <stdint.h>
#include <stdio.h>

#include "lib/base/buffer.h"

enum ktk_dump_decoder {
	KTK_DEC_STRING = 0,
	KTK_DEC_OFFSETS,
	KTK_DEC_TXN,
	KTK_DEC_METADATA,
};

struct ktk_dump_opts {
	int print_data;        /* --print-data-log (or a decoder) */
	int deep;              /* --deep-iteration (or print_data) */
	int skip_meta;         /* --skip-record-metadata */
	int verify_index_only; /* --verify-index-only */
	int index_sanity;      /* --index-sanity-check */
	int json;              /* -J */
	int verify;            /* --verify: check everything, print nothing */
	int decoder;           /* enum ktk_dump_decoder */
	int32_t max_message_size;
	int32_t max_bytes;     /* INT32_MAX when not given */
	int64_t max_decompressed; /* bytes the whole run may decompress,
				   * 0 for no limit (--max-decompressed-bytes) */
};

struct ktk_dump {
	struct ktk_dump_opts o;
	FILE *out;
	/* A problem at byte @p pos of @p path (pos -1: the file as a whole). */
	void (*problem)(void *ctx, const char *path, int64_t pos,
			const char *msg);
	/* One line of Kafka's stderr summaries. */
	void (*note)(void *ctx, const char *line);
	void *ctx;
	long problems;          /* count of problem() calls */
	long unreadable;        /* of which: files that could not be read */
	/* private */
	struct ktk_buffer ob;      /* output buffer */
	struct ktk_buffer scratch; /* decoder output */
	struct ktk_buffer summary; /* stderr summary lines, NUL-separated */
	struct ktk_buffer pending; /* -J problem objects waiting for a line end */
	void *iter;             /* struct ktk_batch_iter */
	int lost_output;        /* an append to ob ran out of memory */
	int64_t decompressed;   /* bytes decompressed so far in this run */
	int budget_spent;       /* max_decompressed reached (reported) */
};

/** @brief Initialise @p d with @p opts, writing to @p out. */
void ktk_dump_init(struct ktk_dump *d, const struct ktk_dump_opts *opts,
		   FILE *out);

/** @brief Dump one file argument as DumpLogSegments does: "Dumping <path>"
 *  then by suffix (.log, .checkpoint, .index, .timeindex, .snapshot,
 *  .txnindex; also leader-epoch-checkpoint, the other *-checkpoint files
 *  and partition.metadata, which Kafka's tool does not read). With
 *  --verify, a .log file's .index and .timeindex are checked too.
 *  @returns 0, -1 when the file could not be read (problem reported). */
int ktk_dump_file(struct ktk_dump *d, const char *path);

/** @brief Dump every file of a partition directory in offset order and
 *  check that its segments follow on. @returns 0, -1. */
int ktk_dump_dir(struct ktk_dump *d, const char *dir);

/** @brief Print the record at @p offset (by offset, or with @p by_time the
 *  first record with timestamp >= @p target) of partition directory
 *  @p dir and the @p count - 1 after it, found through the indexes.
 *  @returns records printed, or -1 (problem reported). */
long ktk_dump_lookup(struct ktk_dump *d, const char *dir, int by_time,
		     int64_t target, long count);

/** @brief Flush output and emit the stderr summaries (index mismatches,
 *  time index errors, non-consecutive offsets) through note(). */
void ktk_dump_finish(struct ktk_dump *d);

/** @brief Release memory. */
void ktk_dump_free(struct ktk_dump *d);

#endif
