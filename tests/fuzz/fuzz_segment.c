/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_segment -- the whole .log path: segment walk, batches, codecs,
 * records, control records and every payload decoder, text/JSON/verify.
 * The -J run prints records (and control records: regress/ holds a
 * LeaderChange whose JSON outgrows the scratch buffer) with the decoder
 * the last byte picks when the first byte is odd. */
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ktk_dump_opts o;
	int dec = size ? data[size - 1] % 4 : 0;

	fz_write("00000000000000000000.log", data, size);
	o = fz_opts(1, 1, dec, 0, 0);
	fz_dump("00000000000000000000.log", &o);
	o = fz_opts(1, size && (data[0] & 1), size && (data[0] & 1) ? dec : 0,
		    1, 0);
	fz_dump("00000000000000000000.log", &o);
	o = fz_opts(0, 0, 0, 0, 1);
	fz_dump("00000000000000000000.log", &o);
	return 0;
}
