/* SPDX-License-Identifier: Apache-2.0 */
/* sink.c -- buffered output that knows what its reader took; see sink.h. */
#include "lib/output/sink.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/base/clock.h"
#include "lib/base/stdfd.h"

void ktk_sink_init(struct ktk_sink *s, int fd, size_t cap,
		   volatile sig_atomic_t *stop)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->stop = stop;
	s->is_pipe = fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
	ktk_buffer_init(&s->buf, cap);
}

int ktk_sink_usable(const struct ktk_sink *s, struct ktk_err *err)
{
	if (ktk_stdfd_usable(s->fd, 1))
		return 0;
	if (s->fd == 1)
		return ktk_err_set(err, KTK_EXIT_FAIL,
				   "standard output is closed (nothing read, "
				   "nothing committed)");
	return ktk_err_set(err, KTK_EXIT_FAIL,
			   "descriptor %d is not open for writing", s->fd);
}

void ktk_sink_free(struct ktk_sink *s)
{
	ktk_buffer_free(&s->buf);
	free(s->marks);
	s->marks = NULL;
	s->mlen = s->mcap = 0;
}

int ktk_sink_mark(struct ktk_sink *s, uint32_t tag, int64_t value)
{
	struct ktk_sink_mark *m;

	if (s->mlen == s->mcap) {
		size_t cap = s->mcap ? s->mcap * 2 : 1024, i;

		m = malloc(cap * sizeof(*m));
		if (m == NULL)
			return -1;
		for (i = 0; i < s->mlen; i++)
			m[i] = s->marks[(s->mhead + i) % s->mcap];
		free(s->marks);
		s->marks = m;
		s->mcap = cap;
		s->mhead = 0;
	}
	m = &s->marks[(s->mhead + s->mlen) % s->mcap];
	m->end = ktk_sink_pos(s);
	m->tag = tag;
	m->value = value;
	s->mlen++;
	if (s->ramp)
		s->ramp_marks++;
	return 0;
}

int ktk_sink_flush(struct ktk_sink *s, struct ktk_err *err)
{
	size_t off = 0;

	if (s->buf.oom)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE,
				   "out of memory formatting output");
	while (off < s->buf.len) {
		ssize_t n = write(s->fd, s->buf.p + off, s->buf.len - off);

		if (n > 0) {
			off += (size_t)n;
			s->written += (uint64_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR && !(s->stop && *s->stop))
			continue;
		/* keep what was not written, so positions stay right */
		memmove(s->buf.p, s->buf.p + off, s->buf.len - off);
		s->buf.len -= off;
		if (n < 0 && errno == EPIPE) {
			s->broken = 1;
			return ktk_err_set(err, KTK_EXIT_OK,
					   "the reader closed standard output");
		}
		if (n < 0 && errno == EINTR)
			return ktk_err_set(err, KTK_EXIT_OK, "interrupted");
		return ktk_err_set(err, KTK_EXIT_FAIL,
				   "writing standard output: %s",
				   n < 0 ? strerror(errno) : "no progress");
	}
	s->buf.len = 0;
	return 0;
}

uint64_t ktk_sink_consumed(const struct ktk_sink *s)
{
	int unread = 0;

	if (s->is_pipe && ioctl(s->fd, FIONREAD, &unread) == 0 && unread > 0 &&
	    (uint64_t)unread <= s->written)
		return s->written - (uint64_t)unread;
	return s->written;
}

void ktk_sink_confirm(struct ktk_sink *s,
		      void (*cb)(void *ctx, uint32_t tag, int64_t value),
		      void *ctx)
{
	uint64_t done;

	if (s->mlen == 0)
		return;
	done = ktk_sink_consumed(s);
	while (s->mlen > 0) {
		struct ktk_sink_mark *m = &s->marks[s->mhead];

		if (m->end > done)
			break;
		cb(ctx, m->tag, m->value);
		s->mhead = (s->mhead + 1) % s->mcap;
		s->mlen--;
	}
}

/* whether the reader of @p fd has gone (for a pipe's write end: POLLERR) */
static int reader_gone(int fd)
{
	struct pollfd p = {.fd = fd, .events = 0};

	return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

int ktk_sink_reader_gone(struct ktk_sink *s)
{
	if (!s->broken && reader_gone(s->fd))
		s->broken = 1;
	return s->broken;
}

void ktk_sink_ramp_start(struct ktk_sink *s)
{
	if (!s->is_pipe)
		return;
	s->ramp = 1;
	s->ramp_singles = KTK_SINK_RAMP_SINGLES;
	s->ramp_marks = 0;
	s->ramp_pos = ktk_sink_pos(s);
}

/* the pipe is empty: the batch since the last handover is taken */
static void ramp_next(struct ktk_sink *s)
{
	uint64_t batch = s->written - s->ramp_pos;

	s->ramp_pos = s->written;
	if (s->ramp == 0 || s->ramp_marks == 0)
		return;
	s->ramp_marks = 0;
	if (s->ramp_singles > 0 && --s->ramp_singles > 0)
		return;
	if (batch >= KTK_SINK_RAMP_END || s->ramp >= (1u << 20))
		s->ramp = 0; /* full speed from here on */
	else
		s->ramp *= 2;
}

/* Wait until the pipe is empty, until @p deadline_ms (monotonic, -1: none)
 * passes (1), or until the reader goes or *stop is set (-1). A reader
 * usually takes the bytes within microseconds: yield for the first 50 us,
 * then sleep with growing pauses of at most 5 ms. */
static int wait_taken(struct ktk_sink *s, int64_t deadline_ms)
{
	long pause_ns = 20000;
	double spin_until = ktk_clock_s() + 50e-6;

	if (!s->is_pipe)
		return 0;
	for (;;) {
		int unread = 0;
		struct timespec ts;

		if (s->stop && *s->stop)
			return -1;
		if (ioctl(s->fd, FIONREAD, &unread) != 0 || unread == 0) {
			ramp_next(s);
			return 0;
		}
		if (reader_gone(s->fd)) {
			s->broken = 1;
			return -1;
		}
		if (deadline_ms >= 0 && ktk_clock_ms() >= deadline_ms)
			return 1;
		if (ktk_clock_s() < spin_until) {
			sched_yield();
			continue;
		}
		ts.tv_sec = 0;
		ts.tv_nsec = pause_ns;
		nanosleep(&ts, NULL);
		if (pause_ns < 5000000)
			pause_ns *= 2;
	}
}

int ktk_sink_handoff(struct ktk_sink *s)
{
	return wait_taken(s, -1);
}

int ktk_sink_drain(struct ktk_sink *s, int64_t timeout_ms)
{
	return wait_taken(s, ktk_clock_ms() + (timeout_ms > 0 ? timeout_ms : 0));
}
