/* SPDX-License-Identifier: Apache-2.0 */
/* index.c -- offset, time and transaction indexes (see index.h).
 *
 * .index entry (8 bytes): relativeOffset int32 | position int32 (byte
 *   position of the batch in the .log)
 * .timeindex entry (12 bytes): timestamp int64 | relativeOffset int32
 * .txnindex entry (34 bytes): version int16 | producerId int64 |
 *   firstOffset int64 | lastOffset int64 | lastStableOffset int64
 * All big-endian; relative offsets are from the file name's base offset.
 */
#include "lib/logformat/index.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/base/offset.h"
#include "lib/logformat/wire.h"

int ktk_index_open(struct ktk_index *ix, const char *path, int kind,
		   int64_t base_offset, struct ktk_err *err)
{
	struct stat st;
	size_t n, got = 0;
	uint8_t *m;
	int fd, e = 0;

	memset(ix, 0, sizeof(*ix));
	ix->kind = kind;
	ix->base_offset = base_offset;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return ktk_err_set(err, KTK_EXIT_NOINPUT, "%s", strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ktk_err_set(err, KTK_EXIT_NOINPUT,
				   "not a regular file");
	}
	ix->file_size = st.st_size;
	ix->entries = st.st_size / kind;
	n = (size_t)(ix->entries * kind);
	if (n == 0) {
		close(fd);
		return 0;
	}
	/* read, not mapped: an index trimmed while it is read (the broker
	 * does at a segment roll) is an error, not a SIGBUS */
	m = malloc(n);
	if (m == NULL) {
		close(fd);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE,
				   "out of memory for a %zu-byte index", n);
	}
	while (got < n) {
		ssize_t r = read(fd, m + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			e = errno;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got < n) {
		free(m);
		if (e)
			return ktk_err_set(err, KTK_EXIT_NOINPUT,
					   "position %zu: %s", got, strerror(e));
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "position %zu: file changed while reading: "
				   "it had %lld bytes, now ends at %zu",
				   got, (long long)ix->file_size, got);
	}
	ix->map = m;
	return 0;
}

void ktk_index_entry(const struct ktk_index *ix, int64_t i,
		     struct ktk_index_entry *e)
{
	const uint8_t *q = ix->map + i * ix->kind;

	e->overflow = 0;
	if (ix->kind == KTK_INDEX_OFFSET) {
		e->offset = ktk_offset_add(ix->base_offset,
					   (int32_t)ktk_wire_be32(q),
					   &e->overflow);
		e->position = (int32_t)ktk_wire_be32(q + 4);
		e->timestamp = -1;
	} else {
		e->timestamp = (int64_t)ktk_wire_be64(q);
		e->offset = ktk_offset_add(ix->base_offset,
					   (int32_t)ktk_wire_be32(q + 8),
					   &e->overflow);
		e->position = -1;
	}
}

int64_t ktk_index_valid_entries(const struct ktk_index *ix)
{
	struct ktk_index_entry e;
	int64_t i;

	for (i = 1; i < ix->entries; i++) {
		ktk_index_entry(ix, i, &e);
		if (e.offset == ix->base_offset)
			return i;
	}
	return ix->entries;
}

static int cmp_entry(const struct ktk_index *ix, int64_t i, int64_t target)
{
	struct ktk_index_entry e;
	int64_t key;

	ktk_index_entry(ix, i, &e);
	key = ix->kind == KTK_INDEX_OFFSET ? e.offset : e.timestamp;
	return key < target ? -1 : key > target;
}

static int64_t bsearch_lower(const struct ktk_index *ix, int64_t lo,
			     int64_t hi, int64_t target)
{
	while (lo < hi) {
		int64_t mid = (lo + hi + 1) / 2;
		int c = cmp_entry(ix, mid, target);

		if (c > 0)
			hi = mid - 1;
		else if (c < 0)
			lo = mid;
		else
			return mid;
	}
	return lo;
}

int64_t ktk_index_lower_slot(const struct ktk_index *ix, int64_t target)
{
	int64_t warm = 8192 / ix->kind, hot;

	if (ix->entries == 0)
		return -1;
	hot = ix->entries - 1 - warm;
	if (hot < 0)
		hot = 0;
	if (cmp_entry(ix, hot, target) < 0)
		return bsearch_lower(ix, hot, ix->entries - 1, target);
	if (cmp_entry(ix, 0, target) > 0)
		return -1;
	return bsearch_lower(ix, 0, hot, target);
}

int ktk_index_sanity(const struct ktk_index *ix, const char *abspath,
		     struct ktk_err *err)
{
	int time = ix->kind != KTK_INDEX_OFFSET;
	const char *what = time ? "time index" : "index";
	struct ktk_index_entry last, first;

	if (ix->entries > 0) {
		ktk_index_entry(ix, ix->entries - 1, &last);
		ktk_index_entry(ix, 0, &first);
		if (time && last.timestamp < first.timestamp)
			return ktk_err_set(
				err, KTK_EXIT_DATAERR,
				"Corrupt time index found, time index file (%s) "
				"has non-zero size but the last timestamp is "
				"%lld which is less than the first timestamp "
				"%lld",
				abspath, (long long)last.timestamp,
				(long long)first.timestamp);
		/* Kafka's two messages differ in "base"/"first" and a '.' */
		if (last.offset < ix->base_offset)
			return ktk_err_set(
				err, KTK_EXIT_DATAERR,
				"Corrupt %s found, %s file (%s) has non-zero "
				"size but the last offset is %lld which is less "
				"than the %s offset %lld%s",
				what, what, abspath, (long long)last.offset,
				time ? "first" : "base",
				(long long)ix->base_offset, time ? "" : ".");
	}
	if (ix->file_size % (time ? 12 : 8) != 0)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "%s file %s is corrupt, found %lld bytes "
				   "which is neither positive nor a multiple "
				   "of %d.",
				   time ? "Time index" : "Index", abspath,
				   (long long)ix->file_size, time ? 12 : 8);
	return 0;
}

void ktk_index_close(struct ktk_index *ix)
{
	free((void *)ix->map);
	ix->map = NULL;
}

int ktk_index_txn_entry(const uint8_t *p, size_t n, size_t i,
		       struct ktk_aborted_txn *t)
{
	const uint8_t *q;

	if (i >= n / KTK_TXNINDEX_ENTRY)
		return -1;
	q = p + i * KTK_TXNINDEX_ENTRY;
	t->version = (int16_t)ktk_wire_be16(q);
	t->producer_id = (int64_t)ktk_wire_be64(q + 2);
	t->first_offset = (int64_t)ktk_wire_be64(q + 10);
	t->last_offset = (int64_t)ktk_wire_be64(q + 18);
	t->last_stable_offset = (int64_t)ktk_wire_be64(q + 26);
	return 0;
}
