/* SPDX-License-Identifier: Apache-2.0 */
/* test_segment.c -- walking a segment of many windows: the read-ahead
 * thread's windows join up (batches straddling two windows, batches larger
 * than a window, a straddling batch too long to copy in front), a jump
 * elsewhere in the middle of a walk, and a file cut short while it is
 * walked. */
#include "lib/logformat/segment.h"

#include <stdlib.h>
#include <unistd.h>

#include "lib/logformat/batch_writer.h"
#include "tests/unit/unit.h"

#define MAXB 64

struct layout {
	int64_t pos[4096], off[4096];
	int n;
	int64_t size;
};

/* a segment of about 9 MiB in @p path: batches of 1 to 60 records of 0 to
 * 400 bytes, and every 400th batch a large one (1.5 MiB, or 100 KiB) */
static void write_segment(const char *path, struct layout *l)
{
	struct ktk_batch_writer w = {0};
	struct ktk_err err;
	static char val[1600];
	FILE *f = fopen(path, "wb");
	unsigned seed = 7;
	int64_t off = 0, pos = 0;
	int i;

	CHECK(f != NULL);
	memset(val, 'x', sizeof(val));
	l->n = 0;
	while (pos < (9 << 20) && l->n < 4096) {
		int nrec, vlen;

		seed = seed * 1103515245u + 12345u;
		nrec = 1 + (int)((seed >> 16) % 60);
		vlen = (int)((seed >> 8) % 400);
		if (l->n % 400 == 399)
			nrec = 1000, vlen = 1500; /* 1.5 MiB: larger than a window */
		else if (l->n % 400 == 199)
			nrec = 100, vlen = 1000;  /* 100 KiB: more than HEAD */
		ktk_batch_writer_begin(&w, off, 1700000000000);
		for (i = 0; i < nrec; i++)
			ktk_batch_writer_add(&w, 1700000000000 + i, "k", 1, val,
					     (size_t)vlen, 0, NULL, NULL);
		CHECK(ktk_batch_writer_finish(&w, &err) == 0);
		CHECK(fwrite(w.out.p, 1, w.out.len, f) == w.out.len);
		l->pos[l->n] = pos;
		l->off[l->n++] = off;
		pos += (int64_t)w.out.len;
		off += nrec;
	}
	l->size = pos;
	ktk_batch_writer_free(&w);
	CHECK(fclose(f) == 0);
}

/* walk from the start; with @p jump_at >= 0, read the bytes of batch 5
 * when batch @p jump_at is reached, then go on. @returns the batches seen
 * (checked against @p l), or -1 with @p err set when the walk failed */
static int walk(const char *path, const struct layout *l, int jump_at,
		struct ktk_err *err)
{
	struct ktk_segment s;
	struct ktk_batch b;
	int64_t pos = 0;
	int n = 0, r;

	CHECK(ktk_segment_open(&s, path, -1, err) == 0);
	while ((r = ktk_segment_next(&s, pos, &b, err)) == 1) {
		CHECK(n < l->n);
		if (n >= l->n)
			break;
		CHECK(b.position == l->pos[n]);
		CHECK(b.base_offset == l->off[n]);
		CHECK(ktk_batch_valid(&b));
		CHECK(ktk_batch_compute_crc(&b) == b.crc);
		if (n == jump_at) {
			const uint8_t *p = ktk_segment_bytes(&s, l->pos[5], 17, err);

			CHECK(p != NULL);
			/* the base offset, big-endian, at the batch's start */
			CHECK(p != NULL && p[7] == (uint8_t)l->off[5]);
		}
		pos += b.size;
		n++;
	}
	ktk_segment_close(&s);
	return r == 0 ? n : -1;
}

static char *tmp_path(void)
{
	const char *d = getenv("TMPDIR");
	char *p = malloc(4096);
	int fd;

	snprintf(p, 4096, "%s/ktk-test-segment-XXXXXX", d && *d ? d : "/tmp");
	fd = mkstemp(p);
	CHECK(fd >= 0);
	close(fd);
	return p;
}

static void t_windows_join(void)
{
	static struct layout l;
	struct ktk_err err = {0};
	char *path = tmp_path();

	write_segment(path, &l);
	CHECK(l.size > 8 << 20);
	CHECK_INT(walk(path, &l, -1, &err), l.n);
	/* a jump back to batch 5 in the middle, then the walk goes on */
	CHECK_INT(walk(path, &l, l.n / 2, &err), l.n);
	unlink(path);
	free(path);
}

static void t_cut_short(void)
{
	static struct layout l;
	struct ktk_segment s;
	struct ktk_batch b;
	struct ktk_err err = {0};
	char *path = tmp_path();
	int64_t pos = 0;
	int r, n = 0;

	write_segment(path, &l);
	CHECK(ktk_segment_open(&s, path, -1, &err) == 0);
	while ((r = ktk_segment_next(&s, pos, &b, &err)) == 1) {
		if (n++ == l.n / 3)
			CHECK(truncate(path, l.size / 2) == 0);
		pos += b.size;
	}
	ktk_segment_close(&s);
	/* never a clean end with batches missing: the walk says where */
	CHECK_INT(r, -1);
	CHECK_INT(err.code, KTK_EXIT_DATAERR);
	CHECK(strstr(err.msg, "file changed while reading") != NULL);
	CHECK(n < l.n);
	unlink(path);
	free(path);
}

int main(void)
{
	RUN(t_windows_join);
	RUN(t_cut_short);
	return unit_done();
}
