/* SPDX-License-Identifier: Apache-2.0 */
/* sink.h -- buffered output to a file descriptor that knows which bytes
 * its reader has taken.
 *
 * Formatters append to sink->buf; ktk_sink_flush() writes the buffer out
 * with write(2) (retrying short writes, EINTR ends it when *stop is set).
 * A writer may attach marks to positions in the output stream (a tag and a
 * value, e.g. partition and next offset); ktk_sink_confirm() reports every
 * mark whose bytes the reader has taken: all written bytes for a file or
 * a terminal, and for a pipe the written bytes less those still unread in
 * the pipe (FIONREAD), so records a reader never read (it exited, like
 * `head`) are not reported. ktk_sink_handoff() waits until a pipe's reader
 * has taken everything, for one-record-at-a-time handover.
 */
#ifndef KTK_OUTPUT_SINK_H
#define KTK_OUTPUT_SINK_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"
#include "lib/base/buffer.h"

struct ktk_sink_mark {
	uint64_t end; /* stream position just past the marked bytes */
	uint32_t tag;
	int64_t value;
};

struct ktk_sink {
	int fd;
	int is_pipe;
	int broken;          /* the reader is gone (EPIPE) */
	uint64_t written;    /* bytes accepted by write(2) */
	struct ktk_buffer buf; /* pending output */
	struct ktk_sink_mark *marks; /* a ring of marks not yet confirmed */
	size_t mhead, mlen, mcap;
	volatile sig_atomic_t *stop; /* set by a signal handler, or NULL */
};

/** @brief Initialise @p s to write to @p fd with a buffer of @p cap
 *  bytes. @p stop (may be NULL) ends blocked writes when set. */
void ktk_sink_init(struct ktk_sink *s, int fd, size_t cap,
		   volatile sig_atomic_t *stop);

/** @brief Free @p s's memory (does not close the descriptor). */
void ktk_sink_free(struct ktk_sink *s);

/** @brief Stream position of the end of what has been appended. */
static inline uint64_t ktk_sink_pos(const struct ktk_sink *s)
{
	return s->written + s->buf.len;
}

/** @brief Mark the output appended so far with (@p tag, @p value).
 *  @returns 0, or -1 when memory runs out. */
int ktk_sink_mark(struct ktk_sink *s, uint32_t tag, int64_t value);

/** @brief Write the buffer out. @returns 0; -1 with @p err set when the
 *  reader is gone (s->broken, KTK_EXIT_OK: a normal end), the write was
 *  interrupted by *stop, or it failed (KTK_EXIT_FAIL). */
int ktk_sink_flush(struct ktk_sink *s, struct ktk_err *err);

/** @brief Bytes of the stream the reader has taken. */
uint64_t ktk_sink_consumed(const struct ktk_sink *s);

/** @brief Call @p cb for each mark, in order, whose bytes the reader has
 *  taken, and forget it. */
void ktk_sink_confirm(struct ktk_sink *s,
		      void (*cb)(void *ctx, uint32_t tag, int64_t value),
		      void *ctx);

/** @brief For a pipe: wait until the reader has taken every written byte,
 *  polling with growing pauses of at most 5 ms. @returns 0, or -1 when the
 *  reader is gone (s->broken set) or *stop was set. No-op for non-pipes. */
int ktk_sink_handoff(struct ktk_sink *s);

#endif
