/* SPDX-License-Identifier: Apache-2.0 */
/* segment.c -- segment walking over windows read from the file (see
 * segment.h).
 *
 * File layout: batches back to back, each [baseOffset int64][size int32]
 * [size bytes], the magic byte at offset 16 of each. Only a window of the
 * file (1 MiB, or one batch when larger) is held at a time, so memory stays
 * bounded whatever the file size, and the window stays in the CPU's cache
 * while its batches are checked.
 *
 * Read-ahead: once the walk has moved from one window to the one after
 * it in a file of more than AHEAD_FROM windows, a thread reads window
 * k+1 into a spare buffer while window k is checked. The batch that
 * straddles the two windows (at most HEAD bytes of it before the new
 * window) is copied in front of the new window, so the window stays one
 * run of bytes. Anything the read-ahead cannot serve (a jump elsewhere, a
 * batch larger than a window, a short or failed read) is read again the
 * plain way, which also says what went wrong.
 */
#include "lib/logformat/segment.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/logformat/wire.h"

#define WINDOW (1u << 20)
#define HEAD (64u << 10) /* room for the straddling batch's start */
#define AHEAD_FROM 4     /* files of at most this many windows: no thread */

struct ktk_segment_ahead {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int fd;
	uint8_t *mem[2]; /* HEAD + WINDOW each; the window is in mem[cur] */
	int cur;
	/* the read asked for: [pos, pos + want) into mem[!cur] + HEAD */
	int64_t pos;
	size_t want, got;
	int err;   /* errno of a failed read */
	int state; /* IDLE, ASKED, DONE, STOP */
};

enum { IDLE, ASKED, DONE, STOP };

/* pread until @p n bytes or the end; @returns the count, -1 (errno) */
static ssize_t read_at(int fd, uint8_t *dst, size_t n, int64_t pos)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, dst + got, n - got, (off_t)(pos + (int64_t)got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static void *ahead_main(void *arg)
{
	struct ktk_segment_ahead *a = arg;

	pthread_mutex_lock(&a->mu);
	for (;;) {
		int64_t pos;
		size_t want;
		uint8_t *dst;
		ssize_t r;

		while (a->state != ASKED && a->state != STOP)
			pthread_cond_wait(&a->cv, &a->mu);
		if (a->state == STOP)
			break;
		pos = a->pos, want = a->want, dst = a->mem[!a->cur] + HEAD;
		pthread_mutex_unlock(&a->mu);
		r = read_at(a->fd, dst, want, pos);
		pthread_mutex_lock(&a->mu);
		a->err = r < 0 ? errno : 0;
		a->got = r < 0 ? 0 : (size_t)r;
		a->state = DONE;
		pthread_cond_broadcast(&a->cv);
	}
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

static void ahead_stop(struct ktk_segment *s)
{
	struct ktk_segment_ahead *a = s->ahead;

	if (a == NULL)
		return;
	pthread_mutex_lock(&a->mu);
	a->state = STOP;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->th, NULL);
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	free(a->mem[0]);
	free(a->mem[1]);
	free(a);
	s->ahead = NULL;
}

/* start the thread; on any failure the walk goes on without one */
static void ahead_start(struct ktk_segment *s)
{
	struct ktk_segment_ahead *a = calloc(1, sizeof(*a));

	s->no_ahead = 1;
	if (a == NULL)
		return;
	a->fd = s->fd;
	a->mem[0] = malloc(HEAD + WINDOW);
	a->mem[1] = malloc(HEAD + WINDOW);
	if (a->mem[0] == NULL || a->mem[1] == NULL ||
	    pthread_mutex_init(&a->mu, NULL) != 0) {
		free(a->mem[0]);
		free(a->mem[1]);
		free(a);
		return;
	}
	pthread_cond_init(&a->cv, NULL);
	if (pthread_create(&a->th, NULL, ahead_main, a) != 0) {
		pthread_mutex_destroy(&a->mu);
		pthread_cond_destroy(&a->cv);
		free(a->mem[0]);
		free(a->mem[1]);
		free(a);
		return;
	}
	s->ahead = a;
}

/* ask for the window after the current one */
static void ahead_ask(struct ktk_segment *s)
{
	struct ktk_segment_ahead *a = s->ahead;
	int64_t pos = s->off + (int64_t)s->len;

	if (pos >= s->end)
		return;
	pthread_mutex_lock(&a->mu);
	a->pos = pos;
	a->want = (uint64_t)(s->size - pos) < WINDOW ? (size_t)(s->size - pos)
						     : WINDOW;
	a->state = ASKED;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
}

/* make the window read ahead the current one if it holds [pos, pos + n)
 * (with the current window's bytes from pos on before it); @returns 1
 * when it does, 0 when the caller must read the plain way */
static int ahead_take(struct ktk_segment *s, int64_t pos, size_t n)
{
	struct ktk_segment_ahead *a = s->ahead;
	size_t tail;
	uint8_t *base;

	pthread_mutex_lock(&a->mu);
	while (a->state == ASKED)
		pthread_cond_wait(&a->cv, &a->mu);
	if (a->state != DONE) {
		pthread_mutex_unlock(&a->mu);
		return 0;
	}
	a->state = IDLE;
	pthread_mutex_unlock(&a->mu);
	if (a->err || a->got < a->want || pos < s->off || pos > a->pos ||
	    (uint64_t)(a->pos - pos) > HEAD ||
	    (uint64_t)(a->pos - pos) + a->got < n)
		return 0;
	tail = (size_t)(a->pos - pos);
	base = a->mem[!a->cur] + HEAD - tail;
	memcpy(base, s->buf + (pos - s->off), tail);
	a->cur = !a->cur;
	s->buf = base;
	s->off = pos;
	s->len = tail + a->got;
	return 1;
}

int ktk_segment_open(struct ktk_segment *s, const char *path,
		     int64_t max_bytes, struct ktk_err *err)
{
	struct stat st;
	int e;

	memset(s, 0, sizeof(*s));
	s->path = path;
	s->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd == -1)
		return ktk_err_set(err, KTK_EXIT_NOINPUT, "%s", strerror(errno));
	if (fstat(s->fd, &st) == -1) {
		e = errno;
		close(s->fd);
		s->fd = -1;
		return ktk_err_set(err, KTK_EXIT_NOINPUT, "%s", strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(s->fd);
		s->fd = -1;
		return ktk_err_set(err, KTK_EXIT_NOINPUT, "%s",
				   S_ISDIR(st.st_mode) ? "is a directory"
						       : "not a regular file");
	}
	s->size = st.st_size;
	s->end = max_bytes >= 0 && max_bytes < s->size ? max_bytes : s->size;
	s->window = WINDOW;
	return 0;
}

/* Read [pos, pos + n) of the file into the window (n > 0): from the
 * read-ahead when it has it, else with pread; then, walking on, ask for
 * the next window. */
static int fill(struct ktk_segment *s, int64_t pos, size_t n,
		struct ktk_err *err)
{
	size_t len = n < s->window ? s->window : n, got;
	int on = s->len > 0 && pos >= s->off && pos <= s->off + (int64_t)s->len;
	uint8_t *dst;
	ssize_t r;

	if (on && s->ahead == NULL && !s->no_ahead &&
	    s->size > (int64_t)AHEAD_FROM * WINDOW)
		ahead_start(s);
	if (s->ahead && ahead_take(s, pos, n)) {
		ahead_ask(s);
		return 0;
	}
	if ((uint64_t)len > (uint64_t)(s->size - pos))
		len = (size_t)(s->size - pos);
	if (s->ahead && len <= WINDOW) {
		dst = s->ahead->mem[s->ahead->cur] + HEAD;
	} else {
		if (len > s->cap) {
			uint8_t *nb = realloc(s->own, len);

			if (nb == NULL)
				return ktk_err_set(err, KTK_EXIT_SOFTWARE,
						   "out of memory for %zu bytes",
						   len);
			s->own = nb;
			s->cap = len;
		}
		dst = s->own;
	}
	s->len = 0;
	s->buf = dst;
	r = read_at(s->fd, dst, len, pos);
	if (r < 0)
		return ktk_err_set(err, KTK_EXIT_NOINPUT, "position %lld: %s",
				   (long long)pos, strerror(errno));
	got = (size_t)r;
	if (got < n)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "position %lld: file changed while reading: "
				   "it had %lld bytes, now ends at %lld",
				   (long long)(pos + (int64_t)got),
				   (long long)s->size,
				   (long long)(pos + (int64_t)got));
	s->off = pos;
	s->len = got;
	if (s->ahead && on)
		ahead_ask(s);
	return 0;
}

const uint8_t *ktk_segment_bytes(struct ktk_segment *s, int64_t pos,
				 size_t n, struct ktk_err *err)
{
	if (pos < 0 || (uint64_t)pos > (uint64_t)s->size ||
	    n > (uint64_t)(s->size - pos)) {
		ktk_err_set(err, KTK_EXIT_DATAERR,
			    "bytes %lld..%lld are past the end of the file",
			    (long long)pos, (long long)pos + (long long)n);
		return NULL;
	}
	if (n == 0)
		return (const uint8_t *)"";
	if (s->len && pos >= s->off &&
	    (uint64_t)(pos - s->off) + n <= s->len)
		return s->buf + (pos - s->off);
	if (fill(s, pos, n, err) == -1)
		return NULL;
	return s->buf;
}

int ktk_segment_next(struct ktk_segment *s, int64_t pos, struct ktk_batch *b,
		     struct ktk_err *err)
{
	const uint8_t *h;
	int32_t size;

	if (pos >= s->end - 17) {
		memset(b, 0, sizeof(*b));
		return 0;
	}
	/* the usual case: the batch is inside the window */
	if (s->len && pos >= s->off && (uint64_t)(pos - s->off) + 17 <= s->len) {
		h = s->buf + (pos - s->off);
		size = (int32_t)ktk_wire_be32(h + 8);
		if (size >= KTK_LEGACY_V0_OVERHEAD &&
		    pos <= s->end - KTK_LOG_OVERHEAD - size &&
		    (uint64_t)(pos - s->off) + KTK_LOG_OVERHEAD +
				    (uint64_t)size <= s->len)
			goto parse;
	}
	memset(b, 0, sizeof(*b));
	h = ktk_segment_bytes(s, pos, 17, err);
	if (h == NULL)
		return -1;
	size = (int32_t)ktk_wire_be32(h + 8);
	if (size < KTK_LEGACY_V0_OVERHEAD) {
		b->position = pos;
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "position %lld: record size %d is smaller "
				   "than the minimum record overhead (14)",
				   (long long)pos, size);
	}
	if (pos > s->end - KTK_LOG_OVERHEAD - size)
		return 0;
	h = ktk_segment_bytes(s, pos, (size_t)size + KTK_LOG_OVERHEAD, err);
	if (h == NULL)
		return -1;
parse:
	if (ktk_batch_parse(b, h, (size_t)size + KTK_LOG_OVERHEAD, pos,
			    err) == -1) {
		b->size = (uint32_t)size + KTK_LOG_OVERHEAD;
		return -2;
	}
	return 1;
}

void ktk_segment_close(struct ktk_segment *s)
{
	ahead_stop(s);
	free(s->own);
	s->buf = s->own = NULL;
	s->cap = s->len = 0;
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}
