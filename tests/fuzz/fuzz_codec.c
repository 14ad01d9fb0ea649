/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_codec -- every decompressor, bounded output: first byte picks the
 * codec. */
#include "lib/logformat/codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ktk_buffer out;
	struct ktk_err err;

	if (size < 1)
		return 0;
	ktk_codec_decompress(data[0] % 5, data + 1, size - 1, &out, 1 << 20,
			     &err);
	return 0;
}
