/* SPDX-License-Identifier: Apache-2.0 */
/* craft-log -- writes small crafted log files for ktk-dump-log's tests:
 *
 *   craft-log leaderchange FILE VOTERS
 *       one control batch (attributes 0x20) at offset 0 holding a KRaft
 *       LeaderChange record: key 00 00 00 02 (version 0, type 2), value
 *       LeaderChangeMessage v0 (flexible): version int16 0 | leaderId
 *       int32 1 | voters compact array of VOTERS {voterId int32, no tagged
 *       fields} | grantingVoters compact array of 1 {voterId 1} | no
 *       tagged fields
 *   craft-log zeros FILE MIB COUNT
 *       COUNT zstd batches (offsets 0, 1, ...) of one record each, whose
 *       value is MIB MiB of zero bytes
 *   craft-log batches FILE COUNT
 *       COUNT uncompressed one-record batches (offsets 0.., timestamps
 *       1000..), 8-byte values
 *   craft-log timeindex FILE ENTRIES FIRST
 *       a .timeindex of ENTRIES entries: timestamp 1000 + i, relative
 *       offset FIRST + i
 *
 * Batches are written with lib/logformat/batch_writer.c (CRC-32C filled
 * in). Exit 0, or 1 with a message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/number.h"
#include "lib/logformat/batch.h"
#include "lib/logformat/batch_writer.h"

static int64_t num(const char *s)
{
	const char *why;
	int64_t v;

	if (ktk_number_parse_i64(s, 0, INT64_MAX, &v, &why) == -1) {
		fprintf(stderr, "craft-log: %s: %s\n", s, why);
		exit(2);
	}
	return v;
}

static void be(uint8_t *q, uint64_t v, int n)
{
	while (n-- > 0) {
		q[n] = (uint8_t)v;
		v >>= 8;
	}
}

static void uvarint(struct ktk_buffer *b, uint64_t v)
{
	while (v >= 0x80) {
		ktk_buffer_putc(b, (char)(v | 0x80));
		v >>= 7;
	}
	ktk_buffer_putc(b, (char)v);
}

static int write_batch(FILE *f, struct ktk_batch_writer *w)
{
	struct ktk_err err;

	if (ktk_batch_writer_finish(w, &err) == -1) {
		fprintf(stderr, "craft-log: %s\n", err.msg);
		return -1;
	}
	return fwrite(w->out.p, 1, w->out.len, f) == w->out.len ? 0 : -1;
}

static int leaderchange(FILE *f, int64_t voters)
{
	struct ktk_batch_writer w = {0};
	struct ktk_buffer v = {0};
	static const uint8_t key[4] = {0, 0, 0, 2};
	uint8_t t[6];
	int64_t i;
	int rc;

	be(t, 0, 2);
	be(t + 2, 1, 4);
	ktk_buffer_put(&v, t, 6);
	uvarint(&v, (uint64_t)voters + 1);
	for (i = 0; i < voters; i++) {
		be(t, (uint64_t)i, 4);
		ktk_buffer_put(&v, t, 4);
		uvarint(&v, 0);
	}
	uvarint(&v, 2);
	be(t, 1, 4);
	ktk_buffer_put(&v, t, 4);
	uvarint(&v, 0);
	uvarint(&v, 0);
	ktk_batch_writer_begin(&w, 0, 1000);
	w.attributes = KTK_ATTR_CONTROL;
	ktk_batch_writer_add(&w, 1000, key, 4, v.p, (int32_t)v.len, 0, NULL,
			     NULL);
	rc = write_batch(f, &w);
	ktk_batch_writer_free(&w);
	ktk_buffer_free(&v);
	return rc;
}

static int zeros(FILE *f, int64_t mib, int64_t count)
{
	struct ktk_batch_writer w = {0};
	char *z = calloc((size_t)mib << 20, 1);
	int64_t i;
	int rc = 0;

	if (z == NULL)
		return -1;
	for (i = 0; i < count && rc == 0; i++) {
		ktk_batch_writer_begin(&w, i, 1000 + i);
		w.attributes = KTK_CODEC_ZSTD;
		ktk_batch_writer_add(&w, 1000 + i, NULL, -1, z,
				     (int32_t)(mib << 20), 0, NULL, NULL);
		rc = write_batch(f, &w);
	}
	ktk_batch_writer_free(&w);
	free(z);
	return rc;
}

static int batches(FILE *f, int64_t count)
{
	struct ktk_batch_writer w = {0};
	int64_t i;
	int rc = 0;

	for (i = 0; i < count && rc == 0; i++) {
		ktk_batch_writer_begin(&w, i, 1000 + i);
		ktk_batch_writer_add(&w, 1000 + i, NULL, -1, "12345678", 8, 0,
				     NULL, NULL);
		rc = write_batch(f, &w);
	}
	ktk_batch_writer_free(&w);
	return rc;
}

static int timeindex(FILE *f, int64_t entries, int64_t first)
{
	uint8_t e[12];
	int64_t i;

	for (i = 0; i < entries; i++) {
		be(e, (uint64_t)(1000 + i), 8);
		be(e + 8, (uint64_t)(first + i), 4);
		if (fwrite(e, 1, 12, f) != 12)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	FILE *f;
	int rc;

	if (argc < 4) {
		fprintf(stderr, "usage: craft-log leaderchange|zeros|batches|"
				"timeindex FILE ARGS...\n");
		return 2;
	}
	f = fopen(argv[2], "wb");
	if (f == NULL) {
		perror(argv[2]);
		return 1;
	}
	if (strcmp(argv[1], "leaderchange") == 0)
		rc = leaderchange(f, num(argv[3]));
	else if (strcmp(argv[1], "zeros") == 0 && argc == 5)
		rc = zeros(f, num(argv[3]), num(argv[4]));
	else if (strcmp(argv[1], "batches") == 0)
		rc = batches(f, num(argv[3]));
	else if (strcmp(argv[1], "timeindex") == 0 && argc == 5)
		rc = timeindex(f, num(argv[3]), num(argv[4]));
	else {
		fprintf(stderr, "craft-log: unknown command %s\n", argv[1]);
		return 2;
	}
	if (fclose(f) != 0 || rc != 0) {
		fprintf(stderr, "craft-log: %s: could not write\n", argv[2]);
		return 1;
	}
	return 0;
}
