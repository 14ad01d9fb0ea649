/* SPDX-License-Identifier: Apache-2.0 */
/* sink.c -- buffered output that knows what its reader took; see sink.h. */
#include "lib/output/sink.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

/* whether the reader of a pipe has closed it */
static int reader_gone(int fd)
{
	struct pollfd p = {.fd = fd, .events = 0};

	return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

int ktk_sink_handoff(struct ktk_sink *s)
{
	long pause_ns = 20000;

	if (!s->is_pipe)
		return 0;
	for (;;) {
		int unread = 0;
		struct timespec ts;

		if (s->stop && *s->stop)
			return -1;
		if (ioctl(s->fd, FIONREAD, &unread) == 0 && unread == 0)
			return 0;
		if (reader_gone(s->fd)) {
			s->broken = 1;
			return -1;
		}
		ts.tv_sec = 0;
		ts.tv_nsec = pause_ns;
		nanosleep(&ts, NULL);
		if (pause_ns < 5000000)
			pause_ns *= 2;
	}
}
