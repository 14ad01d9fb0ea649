/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/logformat/index.c: entries, zero tail, the broker's lookup,
 * sanity checks, aborted transactions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/base/offset.h"
#include "lib/logformat/index.h"
#include "tests/unit/unit.h"

static char path[64];

static void be(uint8_t *q, uint64_t v, int w)
{
	for (int i = w - 1; i >= 0; i--)
		*q++ = (uint8_t)(v >> (8 * i));
}

static void write_file(const uint8_t *p, size_t n)
{
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/ktk-test-index-%d", (int)getpid());
	f = fopen(path, "wb");
	fwrite(p, 1, n, f);
	fclose(f);
}

static void t_offset_index(void)
{
	uint8_t b[8 * 6] = {0};
	struct ktk_index ix;
	struct ktk_index_entry e;
	struct ktk_err err;
	int i;

	/* relative offsets 3, 10, 20 at positions 0, 500, 900; zero tail */
	for (i = 0; i < 3; i++) {
		be(b + 8 * i, (uint32_t)(i == 0 ? 3 : i * 10), 4);
		be(b + 8 * i + 4, (uint32_t)(i == 0 ? 0 : 100 + i * 400), 4);
	}
	write_file(b, sizeof(b));
	CHECK(ktk_index_open(&ix, path, KTK_INDEX_OFFSET, 1000, &err) == 0);
	CHECK_INT(ix.entries, 6);
	CHECK_INT(ktk_index_valid_entries(&ix), 3);
	ktk_index_entry(&ix, 1, &e);
	CHECK_INT(e.offset, 1010);
	CHECK_INT(e.position, 500);
	CHECK_INT(ktk_index_lower_slot(&ix, 1002), -1);
	CHECK(ktk_index_sanity(&ix, path, &err) == 0);
	ktk_index_close(&ix);
	/* trimmed file: proper lookups */
	write_file(b, 24);
	CHECK(ktk_index_open(&ix, path, KTK_INDEX_OFFSET, 1000, &err) == 0);
	CHECK_INT(ktk_index_lower_slot(&ix, 1003), 0);
	CHECK_INT(ktk_index_lower_slot(&ix, 1015), 1);
	CHECK_INT(ktk_index_lower_slot(&ix, 99999), 2);
	ktk_index_close(&ix);
	/* sizes not a multiple of 8 fail the sanity check */
	write_file(b, 20);
	CHECK(ktk_index_open(&ix, path, KTK_INDEX_OFFSET, 1000, &err) == 0);
	CHECK(ktk_index_sanity(&ix, "/x.index", &err) == -1);
	CHECK(strstr(err.msg, "neither positive nor a multiple of 8") != NULL);
	ktk_index_close(&ix);
	unlink(path);
}

static void t_time_index(void)
{
	uint8_t b[12 * 3];
	struct ktk_index ix;
	struct ktk_err err;
	int i;

	for (i = 0; i < 3; i++) {
		be(b + 12 * i, 5000 + (uint64_t)i * 100, 8);
		be(b + 12 * i + 8, (uint32_t)(i * 7 + 1), 4);
	}
	write_file(b, sizeof(b));
	CHECK(ktk_index_open(&ix, path, KTK_INDEX_TIME, 0, &err) == 0);
	CHECK_INT(ktk_index_lower_slot(&ix, 5150), 1);
	CHECK_INT(ktk_index_lower_slot(&ix, 4000), -1);
	CHECK(ktk_index_sanity(&ix, path, &err) == 0);
	ktk_index_close(&ix);
	/* last timestamp below the first */
	be(b + 24, 1, 8);
	write_file(b, sizeof(b));
	CHECK(ktk_index_open(&ix, path, KTK_INDEX_TIME, 0, &err) == 0);
	CHECK(ktk_index_sanity(&ix, path, &err) == -1);
	CHECK(strstr(err.msg, "less than the first timestamp 5000") != NULL);
	ktk_index_close(&ix);
	CHECK(ktk_index_open(&ix, "/nonexistent/x.index", KTK_INDEX_TIME, 0,
			     &err) == -1);
	CHECK_INT(err.code, KTK_EXIT_NOINPUT);
	unlink(path);
}

static void t_txnindex(void)
{
	uint8_t b[34 * 2 + 5] = {0};
	struct ktk_aborted_txn t;

	be(b + 2, 77, 8);
	be(b + 10, 5, 8);
	be(b + 18, 9, 8);
	be(b + 26, 4, 8);
	CHECK(ktk_index_txn_entry(b, sizeof(b), 0, &t) == 0);
	CHECK(t.producer_id == 77 && t.first_offset == 5 && t.last_offset == 9 &&
	      t.last_stable_offset == 4 && t.version == 0);
	CHECK(ktk_index_txn_entry(b, sizeof(b), 1, &t) == 0);
	CHECK(ktk_index_txn_entry(b, sizeof(b), 2, &t) == -1);
}

/* F2: base offsets near the ends of int64 (any file name Long.parseLong
 * reads) plus relative offsets: Java's wrapped value, flagged, no UB */
static void t_offset_overflow(void)
{
	uint8_t b[8 + 12] = {0};
	struct ktk_index ix;
	struct ktk_index_entry e;
	struct ktk_err err;
	int ovf = 0;

	CHECK_INT(ktk_offset_add(5, 7, &ovf), 12);
	CHECK_INT(ovf, 0);
	CHECK(ktk_offset_add(INT64_MAX, 1, &ovf) == INT64_MIN);
	CHECK_INT(ovf, 1);
	ovf = 0;
	CHECK(ktk_offset_add(INT64_MIN, -1, &ovf) == INT64_MAX);
	CHECK_INT(ovf, 1);
	CHECK(ktk_offset_add(INT64_MAX, 0, NULL) == INT64_MAX);

	be(b, 1, 4); /* relative offset 1, position 0 */
	write_file(b, 8);
	CHECK(ktk_index_open(&ix, path, KTK_INDEX_OFFSET, INT64_MAX, &err) == 0);
	ktk_index_entry(&ix, 0, &e);
	CHECK(e.offset == INT64_MIN && e.overflow == 1);
	CHECK_INT(ktk_index_lower_slot(&ix, 0), 0);
	ktk_index_close(&ix);
	CHECK(ktk_index_open(&ix, path, KTK_INDEX_OFFSET, 100, &err) == 0);
	ktk_index_entry(&ix, 0, &e);
	CHECK(e.offset == 101 && e.overflow == 0);
	ktk_index_close(&ix);

	be(b, 7, 8); /* timestamp 7, relative offset -2 */
	be(b + 8, (uint32_t)-2, 4);
	write_file(b, 12);
	CHECK(ktk_index_open(&ix, path, KTK_INDEX_TIME, INT64_MIN, &err) == 0);
	ktk_index_entry(&ix, 0, &e);
	CHECK(e.offset == INT64_MAX - 1 && e.overflow == 1 && e.timestamp == 7);
	CHECK_INT(ktk_index_valid_entries(&ix), 1);
	ktk_index_close(&ix);
	unlink(path);
}

int main(void)
{
	RUN(t_offset_index);
	RUN(t_time_index);
	RUN(t_txnindex);
	RUN(t_offset_overflow);
	return unit_done();
}
