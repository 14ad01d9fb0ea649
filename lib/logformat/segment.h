/* SPDX-License-Identifier: Apache-2.0 */
/* segment.h -- walking a .log segment (or a KRaft .checkpoint) batch by
 * batch in bounded memory, the way Kafka's FileLogInputStream does: a
 * batch needs 17 readable bytes (offset, size, magic) and must fit in the
 * file; otherwise the walk ends and the rest is "trailing bytes".
 *
 * The file is read (pread) a window at a time, never mapped: a file that
 * shrinks while it is read (a broker truncating a live segment) is an error
 * ("file changed while reading", KTK_EXIT_DATAERR) at the position where
 * its bytes went missing, not a SIGBUS. A walk that goes on from one
 * window to the next in a file of more than a few windows gets a thread
 * that reads the next window while the batches of this one are checked
 * (the copy from the page cache is a quarter of --verify's time). */
#ifndef KTK_LOGFORMAT_SEGMENT_H
#define KTK_LOGFORMAT_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/logformat/batch.h"
#include "lib/base/err.h"

struct ktk_segment_ahead;

struct ktk_segment {
	int fd;
	int64_t size;         /* file size when opened */
	int64_t end;          /* where the walk stops (size or --max-bytes) */
	uint8_t *buf;         /* the window read: bytes [off, off + len) */
	int64_t off;
	size_t len;
	size_t window;        /* usual window size */
	uint8_t *own;         /* a window read without read-ahead */
	size_t cap;           /* of own */
	struct ktk_segment_ahead *ahead; /* the read-ahead thread, or NULL */
	int no_ahead;         /* none could be started: do not try again */
	const char *path;     /* for messages (not owned) */
};

/** @brief Open @p path for walking; @p max_bytes (< 0: no limit) ends the
 *  walk early. @returns 0, -1 with @p err set (KTK_EXIT_NOINPUT). */
int ktk_segment_open(struct ktk_segment *s, const char *path,
		     int64_t max_bytes, struct ktk_err *err);

/** @brief Make bytes [@p pos, @p pos + @p n) of the file readable.
 *  @returns a pointer valid until the next call, or NULL with @p err set. */
const uint8_t *ktk_segment_bytes(struct ktk_segment *s, int64_t pos,
				 size_t n, struct ktk_err *err);

/** @brief The batch at file position @p pos.
 *  @returns 1 with @p b filled (its bytes readable until the next call),
 *  0 at the end of the walk (fewer than 18 bytes left or the batch does not
 *  fit), -1 with @p err set when the size field is below 14 (the walk
 *  cannot go on), -2 with @p err set when this batch's header is bad but
 *  b->size says where the next one starts. */
int ktk_segment_next(struct ktk_segment *s, int64_t pos, struct ktk_batch *b,
		     struct ktk_err *err);

/** @brief Free the window and close. */
void ktk_segment_close(struct ktk_segment *s);

#endif
