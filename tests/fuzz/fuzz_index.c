/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_index -- .index, .timeindex and .txnindex against a log: the
 * input is split into the index bytes and the log bytes. The indexes are
 * read with base offset 10, and again (when the first byte is odd) with
 * the largest base offset and the smallest that a file name can give, where
 * relative offsets run past int64. */
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ktk_dump_opts o = fz_opts(0, 0, 0, 0, 0);
	size_t cut;

	if (size < 2)
		return 0;
	cut = ((size_t)data[0] << 8 | data[1]) % (size - 1);
	data += 2;
	size -= 2;
	fz_write("00000000000000000010.index", data, cut);
	fz_write("00000000000000000010.timeindex", data, cut);
	fz_write("00000000000000000010.txnindex", data, cut);
	fz_write("00000000000000000010.log", data + cut, size - cut);
	fz_dump("00000000000000000010.index", &o);
	fz_dump("00000000000000000010.timeindex", &o);
	fz_dump("00000000000000000010.txnindex", &o);
	o.verify = 1;
	fz_dump("00000000000000000010.index", &o);
	fz_dump("00000000000000000010.timeindex", &o);
	o.verify = 0;
	o.index_sanity = 1;
	fz_dump("00000000000000000010.index", &o);
	fz_dump("00000000000000000010.timeindex", &o);
	if (data[-2] & 1) {
		static const char *const base[] = {"09223372036854775807",
						   "-9223372036854775808"};
		char n[64];
		int i;
		const char *ext[] = {".index", ".timeindex"};

		o.index_sanity = 0;
		for (i = 0; i < 2; i++) {
			snprintf(n, sizeof(n), "%s.log", base[i]);
			fz_write(n, data + cut, size - cut);
			for (int k = 0; k < 2; k++) {
				snprintf(n, sizeof(n), "%s%s", base[i], ext[k]);
				fz_write(n, data, cut);
				fz_dump(n, &o);
			}
		}
	}
	return 0;
}
