/* SPDX-License-Identifier: Apache-2.0 */
/* gen-segment -- writes a Kafka log segment for the ktk-dump-log benchmark:
 * record batches v2 of 100-byte records (no key), uncompressed or lz4,
 * written with lib/logformat/batch_writer.c.
 *
 *   gen-segment FILE BYTES none|lz4 [RECORDS VALUE]
 * stops at the first batch past BYTES; RECORDS records a batch (default 200)
 * of VALUE bytes each (default 100): `1 29` gives the 97-byte single-record
 * batches that the console producer and `ktk-producer --sync` write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/logformat/batch.h"
#include "lib/logformat/batch_writer.h"
#include "lib/base/number.h"

int main(int argc, char **argv)
{
	struct ktk_batch_writer w = {0};
	struct ktk_err err;
	char val[4096];
	int64_t limit, written = 0, off = 0, ts = 1700000000000;
	const char *why;
	FILE *f;
	int codec, i;
	int64_t nrec = 200, vlen = 100;
	unsigned seed = 1;

	if ((argc != 4 && argc != 6) ||
	    ktk_number_parse_i64(argv[2], 1, INT64_MAX, &limit, &why) ||
	    (argc == 6 && (ktk_number_parse_i64(argv[4], 1, 100000, &nrec, &why) ||
			   ktk_number_parse_i64(argv[5], 0, (int64_t)sizeof(val), &vlen, &why)))) {
		fprintf(stderr, "usage: gen-segment FILE BYTES none|lz4 [RECORDS VALUE]\n");
		return 2;
	}
	codec = strcmp(argv[3], "lz4") == 0 ? KTK_CODEC_LZ4 : KTK_CODEC_NONE;
	f = fopen(argv[1], "wb");
	if (f == NULL) {
		perror(argv[1]);
		return 1;
	}
	while (written < limit) {
		ktk_batch_writer_begin(&w, off, ts);
		w.attributes = (int16_t)codec;
		for (i = 0; i < nrec; i++) {
			/* text with some entropy: compresses like real data */
			for (int k = 0; k < vlen; k++) {
				seed = seed * 1103515245u + 12345u;
				val[k] = k < 40 ? "record payload 0123456789 abcdefghij ABCD"[k]
						: (char)('a' + (seed >> 16) % 26);
			}
			ktk_batch_writer_add(&w, ts + i, NULL, 0, val, (size_t)vlen, 0, NULL, NULL);
		}
		if (ktk_batch_writer_finish(&w, &err) == -1) {
			fprintf(stderr, "gen-segment: %s\n", err.msg);
			return 1;
		}
		if (fwrite(w.out.p, 1, w.out.len, f) != w.out.len) {
			perror(argv[1]);
			return 1;
		}
		written += (int64_t)w.out.len;
		off += nrec;
		ts += nrec;
	}
	ktk_batch_writer_free(&w);
	return fclose(f) ? 1 : 0;
}
