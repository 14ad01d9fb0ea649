/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/logformat/producer_snapshot.c and lib/logformat/checkpoint.c. */
#include <string.h>

#include "lib/logformat/checkpoint.h"
#include "lib/logformat/crc.h"
#include "lib/logformat/producer_snapshot.h"
#include "tests/unit/unit.h"

static void be(uint8_t *q, uint64_t v, int w)
{
	for (int i = w - 1; i >= 0; i--)
		*q++ = (uint8_t)(v >> (8 * i));
}

static void t_snapshot(void)
{
	uint8_t b[10 + 46];
	struct ktk_producer_entry e;
	struct ktk_err err;

	memset(b, 0, sizeof(b));
	be(b, 1, 2);
	be(b + 6, 1, 4);
	be(b + 10, 42, 8);          /* producerId */
	be(b + 18, 3, 2);           /* epoch */
	be(b + 20, 9, 4);           /* lastSequence */
	be(b + 24, 100, 8);         /* lastOffset */
	be(b + 32, 4, 4);           /* offsetDelta */
	be(b + 36, 1700000000000, 8);
	be(b + 44, (uint32_t)-1, 4);
	be(b + 48, (uint64_t)-1, 8);
	be(b + 2, ktk_crc32c(0, b + 6, sizeof(b) - 6), 4);
	CHECK_INT(ktk_producer_snapshot_check(b, sizeof(b), &err), 1);
	ktk_producer_snapshot_entry(b, 0, &e);
	CHECK(e.producer_id == 42 && e.producer_epoch == 3 &&
	      e.last_sequence == 9 && e.last_offset == 100 &&
	      e.offset_delta == 4 && e.coordinator_epoch == -1 &&
	      e.current_txn_first_offset == -1);
	CHECK_INT(ktk_producer_snapshot_seq_sub(9, 4), 5);
	CHECK_INT(ktk_producer_snapshot_seq_sub(1, 3), INT32_MAX - 1);
	b[20] ^= 1;
	CHECK_INT(ktk_producer_snapshot_check(b, sizeof(b), &err), -1);
	CHECK(strstr(err.msg, "Snapshot is corrupt (CRC is no longer valid)") != NULL);
	be(b, 2, 2);
	CHECK_INT(ktk_producer_snapshot_check(b, sizeof(b), &err), -1);
	CHECK_STR(err.msg, "Snapshot contained an unknown file version 2");
	CHECK_INT(ktk_producer_snapshot_check(b, 1, &err), -1);
}

static int seen;
static int count_cb(void *ctx, const struct ktk_checkpoint_entry *e)
{
	(void)ctx;
	seen += (int)e->b;
	return 0;
}

static void t_checkpoint(void)
{
	const char *le = "0\n2\n0 0\n3 150\n";
	const char *rep = "0\n2\nfoo 0 10\nbar-baz 3 7\n";
	char id[23];
	struct ktk_err err;

	seen = 0;
	CHECK_INT(ktk_checkpoint_parse(le, strlen(le), 2, count_cb, NULL, &err), 2);
	CHECK_INT(seen, 150);
	seen = 0;
	CHECK_INT(ktk_checkpoint_parse(rep, strlen(rep), 3, count_cb, NULL, &err), 2);
	CHECK_INT(seen, 17);
	CHECK_INT(ktk_checkpoint_parse("0\n3\n0 0\n", 8, 2, NULL, NULL, &err), -1);
	CHECK(strstr(err.msg, "expected 3 entries") != NULL);
	CHECK_INT(ktk_checkpoint_parse("1\n0\n", 4, 2, NULL, NULL, &err), -1);
	CHECK_INT(ktk_checkpoint_parse("0\n1\nx y\n", 8, 2, NULL, NULL, &err), -1);
	CHECK(strstr(err.msg, "line 3") != NULL);
	CHECK(ktk_checkpoint_partition_metadata_parse("version: 0\ntopic_id: Uj5wn_FqTXirEASvVZRY1w",
					   43, id, &err) == 0);
	CHECK_STR(id, "Uj5wn_FqTXirEASvVZRY1w");
	CHECK(ktk_checkpoint_partition_metadata_parse("version: 1\ntopic_id: x", 22, id,
					   &err) == -1);
}

int main(void)
{
	RUN(t_snapshot);
	RUN(t_checkpoint);
	return unit_done();
}
