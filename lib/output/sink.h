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
 *
 * What a reader takes out of a pipe it may not use: `head -n 3` reads 8 KiB
 * at once and exits after three lines. A pipe can only say what left it,
 * so a reader can only over-take what the pipe holds when it reads. The
 * ramp (ktk_sink_ramp_start) bounds that at the start of a stream, where
 * short readers stop: the first KTK_SINK_RAMP_SINGLES marks are handed over
 * one at a time (written, then waited for until the pipe is empty), then
 * 2, 4, 8 ... marks at a time, until a batch reaches KTK_SINK_RAMP_END
 * bytes; from there on the output goes at full speed, and a reader that
 * exits can have over-taken at most what it read ahead into its own buffer.
 * ktk_sink_reader_gone() notices a reader that went away while nothing is
 * written; ktk_sink_drain() waits, bounded, for a pipe to empty at the end.
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
	/* the ramp: marks per handover (0: off), single handovers still due,
	 * marks and stream position since the last handover */
	uint32_t ramp, ramp_singles;
	size_t ramp_marks;
	uint64_t ramp_pos;
};

/* marks handed over one at a time at the start of a ramp */
#define KTK_SINK_RAMP_SINGLES 64
/* a ramp ends after a batch of this many bytes (a pipe's default size) */
#define KTK_SINK_RAMP_END 65536

/** @brief Initialise @p s to write to @p fd with a buffer of @p cap
 *  bytes. @p stop (may be NULL) ends blocked writes when set. */
void ktk_sink_init(struct ktk_sink *s, int fd, size_t cap,
		   volatile sig_atomic_t *stop);

/** @brief Whether @p s's descriptor is open for writing (not closed at
 *  start: lib/base/stdfd.h). @returns 0, or -1 with @p err set
 *  (KTK_EXIT_FAIL). */
int ktk_sink_usable(const struct ktk_sink *s, struct ktk_err *err);

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

/** @brief Start the ramp (see above) if @p s writes to a pipe. */
void ktk_sink_ramp_start(struct ktk_sink *s);

/** @brief Whether the ramp asks for a flush and a ktk_sink_handoff() now. */
static inline int ktk_sink_ramp_due(const struct ktk_sink *s)
{
	return s->ramp != 0 && s->ramp_marks >= s->ramp;
}

/** @brief Whether the reader has gone away (a pipe with no reader, a hung
 *  up terminal or socket); sets s->broken. One poll(2), no wait. */
int ktk_sink_reader_gone(struct ktk_sink *s);

/** @brief For a pipe: wait until the reader has taken every written byte,
 *  polling with growing pauses of at most 5 ms. @returns 0, or -1 when the
 *  reader is gone (s->broken set) or *stop was set. No-op for non-pipes. */
int ktk_sink_handoff(struct ktk_sink *s);

/** @brief ktk_sink_handoff() for at most @p timeout_ms milliseconds.
 *  @returns 0 when the pipe is empty (or not a pipe), 1 when the time ran
 *  out, -1 as ktk_sink_handoff(). */
int ktk_sink_drain(struct ktk_sink *s, int64_t timeout_ms);

#endif
