/* SPDX-License-Identifier: Apache-2.0 */
/* stream.c -- split an input stream into records; see stream.h.
 *
 * The buffer holds unread bytes in buf[start..end); buf[scan..end) has not
 * been searched for the delimiter yet. When no delimiter is found the
 * unread bytes move to the front and the rest of the buffer is filled with
 * one read(2).
 */
#include "lib/input/stream.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_SLACK (256 * 1024)

int ktk_stream_open(struct ktk_stream *r, const char *path,
		    enum ktk_stream_mode mode, const char *delim,
		    size_t delim_len, size_t max, struct ktk_err *err)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	r->size = -1;
	if (mode == KTK_STREAM_DELIM &&
	    (delim_len == 0 || delim_len > sizeof(r->delim)))
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "a delimiter must have 1 to %zu bytes",
				   sizeof(r->delim));
	if (mode == KTK_STREAM_LINES) {
		r->delim[0] = '\n';
		r->delim_len = 1;
	} else if (mode == KTK_STREAM_DELIM) {
		memcpy(r->delim, delim, delim_len);
		r->delim_len = delim_len;
	}
	r->mode = mode;
	r->max = max;
	if (strcmp(path, "-") == 0) {
		r->fd = 0;
		snprintf(r->name, sizeof(r->name), "stdin");
	} else {
		r->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (r->fd == -1)
			return ktk_err_set(err, KTK_EXIT_NOINPUT, "%s: %s",
					   path, strerror(errno));
		r->own_fd = 1;
		snprintf(r->name, sizeof(r->name), "%s", path);
	}
	if (fstat(r->fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			ktk_stream_close(r);
			return ktk_err_set(err, KTK_EXIT_NOINPUT,
					   "%s: is a directory", path);
		}
		if (S_ISREG(st.st_mode))
			r->size = (int64_t)st.st_size;
	}
	r->cap = max + r->delim_len + READ_SLACK;
	r->buf = malloc(r->cap);
	if (r->buf == NULL) {
		ktk_stream_close(r);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	return 0;
}

void ktk_stream_close(struct ktk_stream *r)
{
	if (r->own_fd && r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	free(r->buf);
	r->buf = NULL;
}

/* Wait until the input has something to read (or its end), calling the
 * idle hook every 100 ms meanwhile. @returns 1 to read; 0 when a signal
 * set the stop flag or the idle hook said to stop (the input ends). */
static int wait_input(struct ktk_stream *r)
{
	struct pollfd pfd = {.fd = r->fd, .events = POLLIN};

	for (;;) {
		int n = poll(&pfd, 1, 100);

		if (n > 0)
			return 1;
		if (n < 0 && errno != EINTR)
			return 1; /* let read(2) report it */
		if ((r->stop && *r->stop) ||
		    (n == 0 && r->idle(r->before_read_arg))) {
			r->eof = 1;
			return 0;
		}
	}
}

/* Move unread bytes to the front and read once more.
 * @returns 1 read something, 0 end of input, -1 error. */
static int fill(struct ktk_stream *r, struct ktk_err *err)
{
	ssize_t n;

	if (r->start > 0) {
		size_t keep = r->end - r->start;

		memmove(r->buf, r->buf + r->start, keep);
		r->scan -= r->start;
		r->end = keep;
		r->start = 0;
	}
	if (r->before_read)
		r->before_read(r->before_read_arg);
	for (;;) {
		if (r->idle && r->size < 0 && !wait_input(r))
			return 0;
		n = read(r->fd, r->buf + r->end, r->cap - r->end);
		if (n > 0) {
			r->end += (size_t)n;
			r->bytes_read += (uint64_t)n;
			return 1;
		}
		if (n == 0) {
			r->eof = 1;
			return 0;
		}
		if (errno == EINTR && !(r->stop && *r->stop))
			continue;
		if (errno == EINTR) {
			r->eof = 1;
			return 0;
		}
		return ktk_err_set(err, KTK_EXIT_NOINPUT, "%s: %s", r->name,
				   strerror(errno));
	}
}

static int next_raw(struct ktk_stream *r, const char **rec, size_t *len,
		    struct ktk_err *err)
{
	uint64_t seen = 0;

	if (r->done)
		return KTK_STREAM_EOF;
	while (!r->eof) {
		if (r->end == r->cap) {
			/* too big: count and drop what does not fit */
			seen += r->end;
			r->end = 0;
			r->skipping = 1;
		}
		if (fill(r, err) == -1)
			return -1;
	}
	r->done = 1;
	r->number++;
	if (r->skipping || r->end > r->max) {
		*len = (size_t)(seen + r->end);
		return KTK_STREAM_TOOBIG;
	}
	*rec = r->buf;
	*len = r->end;
	return KTK_STREAM_OK;
}

static const char *find_delim(const struct ktk_stream *r)
{
	const char *from = r->buf + r->scan;
	size_t n = r->end - r->scan;

	if (r->delim_len == 1)
		return memchr(from, r->delim[0], n);
	return memmem(from, n, r->delim, r->delim_len);
}

/* Hand out record s[0..n), which ended at a delimiter or at the end of
 * the input; @p skipped bytes of it were dropped already (too long). */
static int record(struct ktk_stream *r, const char *s, size_t n,
		  uint64_t skipped, const char **rec, size_t *len)
{
	r->number++;
	if (r->skipping || n > r->max) {
		r->skipping = 0;
		*len = (size_t)(skipped + n);
		return KTK_STREAM_TOOBIG;
	}
	if (r->mode == KTK_STREAM_LINES && n > 0 && s[n - 1] == '\r')
		n--;
	*rec = s;
	*len = n;
	return KTK_STREAM_OK;
}

int ktk_stream_next(struct ktk_stream *r, const char **rec, size_t *len,
		    struct ktk_err *err)
{
	uint64_t skipped = 0;

	if (r->mode == KTK_STREAM_RAW)
		return next_raw(r, rec, len, err);
	for (;;) {
		const char *d = find_delim(r);

		if (d != NULL) {
			const char *s = r->buf + r->start;

			r->start = r->scan = (size_t)(d - r->buf) + r->delim_len;
			return record(r, s, (size_t)(d - s), skipped, rec, len);
		}
		/* no delimiter in buf[scan..end): the next search starts
		 * where a delimiter split by the block boundary could */
		r->scan = r->end - r->start >= r->delim_len - 1
				  ? r->end - (r->delim_len - 1)
				  : r->start;
		if (r->eof) {
			const char *s = r->buf + r->start;
			size_t n = r->end - r->start;

			if (n == 0 && !r->skipping)
				return KTK_STREAM_EOF;
			r->start = r->scan = r->end;
			return record(r, s, n, skipped, rec, len);
		}
		if (r->end - r->start > r->max + r->delim_len - 1) {
			/* longer than max: drop all but a possible partial
			 * delimiter at the end, and keep looking for it */
			size_t keep = r->delim_len - 1;
			size_t drop = r->end - r->start - keep;

			skipped += drop;
			r->start += drop;
			r->scan = r->start;
			r->skipping = 1;
		}
		if (fill(r, err) == -1)
			return -1;
	}
}
