/* SPDX-License-Identifier: Apache-2.0 */
/* index.h -- a segment's .index (offset index), .timeindex (time index)
 * and .txnindex (aborted transactions) files, read the way the broker
 * reads them (entries = floor(size / entry size), zero tail included). */
#ifndef KTK_LOGFORMAT_INDEX_H
#define KTK_LOGFORMAT_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"

enum ktk_index_kind { KTK_INDEX_OFFSET = 8, KTK_INDEX_TIME = 12 };

struct ktk_index {
	int kind;             /* entry size: 8 or 12 */
	int64_t base_offset;  /* from the file name */
	int64_t file_size;
	int64_t entries;      /* floor(file_size / kind) */
	const uint8_t *map;   /* the whole file, read (NULL when empty) */
};

struct ktk_index_entry {
	int64_t offset;       /* absolute: base + relativeOffset (wrapped as
			       * Java's long when it does not fit) */
	int overflow;         /* base + relativeOffset is outside int64 */
	int64_t timestamp;    /* time index only */
	int32_t position;     /* offset index only */
};

/** @brief Read the index @p path of @p kind with @p base_offset.
 *  @returns 0, -1 with @p err set (KTK_EXIT_DATAERR "file changed while
 *  reading" when it shrank meanwhile). */
int ktk_index_open(struct ktk_index *ix, const char *path, int kind,
		   int64_t base_offset, struct ktk_err *err);

/** @brief Entry @p i (0 <= i < entries). */
void ktk_index_entry(const struct ktk_index *ix, int64_t i,
		     struct ktk_index_entry *e);

/** @brief Number of entries before the zero-filled tail (entry i > 0 whose
 *  offset equals the base offset ends the index, as DumpLogSegments does). */
int64_t ktk_index_valid_entries(const struct ktk_index *ix);

/** @brief The broker's lookup: the slot of the largest entry whose offset
 *  (offset index) or timestamp (time index) is <= @p target, by the
 *  broker's binary search with its warm section; -1 when none. */
int64_t ktk_index_lower_slot(const struct ktk_index *ix, int64_t target);

/** @brief The broker's sanity check (the one run at startup).
 *  @returns 0, or -1 with @p err describing the problem. */
int ktk_index_sanity(const struct ktk_index *ix, const char *abspath,
		     struct ktk_err *err);

/** @brief Free. */
void ktk_index_close(struct ktk_index *ix);

/* .txnindex: 34-byte entries. */
struct ktk_aborted_txn {
	int16_t version;
	int64_t producer_id, first_offset, last_offset, last_stable_offset;
};

/** @brief Decode the aborted transaction @p i of the @p n bytes at @p p.
 *  @returns 0, -1 when the entry is incomplete. */
int ktk_index_txn_entry(const uint8_t *p, size_t n, size_t i,
		       struct ktk_aborted_txn *t);

#define KTK_TXNINDEX_ENTRY 34

#endif
