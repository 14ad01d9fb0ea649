/* SPDX-License-Identifier: Apache-2.0 */
/* segment.c -- segment walking over windows read from the file (see
 * segment.h).
 *
 * File layout: batches back to back, each [baseOffset int64][size int32]
 * [size bytes], the magic byte at offset 16 of each. Only a window of the
 * file (1 MiB, or one batch when larger) is held at a time, so memory stays
 * bounded whatever the file size, and the window stays in the CPU's cache
 * while its batches are checked.
 */
#include "lib/logformat/segment.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/logformat/wire.h"

#define WINDOW (1u << 20)

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

/* Read [pos, pos + n) of the file into the window (n > 0). */
static int fill(struct ktk_segment *s, int64_t pos, size_t n,
		struct ktk_err *err)
{
	size_t len = n < s->window ? s->window : n, got = 0;

	if ((uint64_t)len > (uint64_t)(s->size - pos))
		len = (size_t)(s->size - pos);
	if (len > s->cap) {
		uint8_t *nb = realloc(s->buf, len);

		if (nb == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "out of memory for %zu bytes", len);
		s->buf = nb;
		s->cap = len;
	}
	s->len = 0;
	while (got < len) {
		ssize_t r = pread(s->fd, s->buf + got, len - got,
				  (off_t)(pos + (int64_t)got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return ktk_err_set(err, KTK_EXIT_NOINPUT,
					   "position %lld: %s",
					   (long long)(pos + (int64_t)got),
					   strerror(errno));
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (got < n)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "position %lld: file changed while reading: "
				   "it had %lld bytes, now ends at %lld",
				   (long long)(pos + (int64_t)got),
				   (long long)s->size,
				   (long long)(pos + (int64_t)got));
	s->off = pos;
	s->len = got;
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
	free(s->buf);
	s->buf = NULL;
	s->cap = s->len = 0;
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}
