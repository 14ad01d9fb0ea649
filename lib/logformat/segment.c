/* SPDX-License-Identifier: Apache-2.0 */
/* segment.c -- segment walking over mmap windows (see segment.h).
 *
 * File layout: batches back to back, each [baseOffset int64][size int32]
 * [size bytes], the magic byte at offset 16 of each. Only a window of the
 * file (32 MiB, or one batch when larger) is mapped at a time, so memory
 * stays bounded whatever the file size.
 */
#include "lib/logformat/segment.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/logformat/wire.h"

#define WINDOW (32u << 20)

int ktk_segment_open(struct ktk_segment *s, const char *path,
		     int64_t max_bytes, struct ktk_err *err)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	s->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd == -1)
		return ktk_err_set(err, KTK_EXIT_NOINPUT, "%s", strerror(errno));
	if (fstat(s->fd, &st) == -1) {
		int e = errno;
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

const uint8_t *ktk_segment_bytes(struct ktk_segment *s, int64_t pos,
				 size_t n, struct ktk_err *err)
{
	int64_t off, pg = sysconf(_SC_PAGESIZE);
	size_t len;
	void *m;

	if (pos < 0 || (uint64_t)pos > (uint64_t)s->size ||
	    n > (uint64_t)(s->size - pos)) {
		ktk_err_set(err, KTK_EXIT_DATAERR,
			    "bytes %lld..%lld are past the end of the file",
			    (long long)pos, (long long)pos + (long long)n);
		return NULL;
	}
	if (n == 0)
		return (const uint8_t *)"";
	if (s->map && pos >= s->map_off &&
	    (uint64_t)(pos - s->map_off) + n <= s->map_len)
		return s->map + (pos - s->map_off);
	if (s->map)
		munmap((void *)s->map, s->map_len);
	s->map = NULL;
	off = pos - pos % pg;
	len = (size_t)(pos - off) + n;
	if (len < s->window)
		len = s->window;
	if ((uint64_t)len > (uint64_t)(s->size - off))
		len = (size_t)(s->size - off);
	m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, s->fd, off);
	if (m == MAP_FAILED) {
		ktk_err_set(err, KTK_EXIT_NOINPUT, "mmap: %s",
			    strerror(errno));
		return NULL;
	}
	madvise(m, len, MADV_SEQUENTIAL);
	s->map = m;
	s->map_off = off;
	s->map_len = len;
	return s->map + (pos - off);
}

int ktk_segment_next(struct ktk_segment *s, int64_t pos, struct ktk_batch *b,
		     struct ktk_err *err)
{
	const uint8_t *h;
	int32_t size;

	memset(b, 0, sizeof(*b));
	if (pos >= s->end - 17)
		return 0;
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
	if (ktk_batch_parse(b, h, (size_t)size + KTK_LOG_OVERHEAD, pos,
			    err) == -1) {
		b->size = (uint32_t)size + KTK_LOG_OVERHEAD;
		return -2;
	}
	return 1;
}

void ktk_segment_close(struct ktk_segment *s)
{
	if (s->map)
		munmap((void *)s->map, s->map_len);
	s->map = NULL;
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}
