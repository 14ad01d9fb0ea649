/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_line_reader -- LineMessageReader parsing of arbitrary lines: the first
 * byte chooses parse.key / parse.headers / ignore.error / null.marker and
 * a literal or regex headers.separator; the rest is split into lines. */
#include <stdint.h>
#include <string.h>

#include "lib/input/line_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ktk_line_reader lr;
	struct ktk_record rec = {0};
	struct ktk_err err;
	const char *p, *end, *nl;
	uint64_t n = 0;

	if (size < 1)
		return 0;
	if (ktk_line_reader_init(&lr, &err) == -1)
		return 0;
	ktk_line_reader_set(&lr, "parse.key", data[0] & 1 ? "true" : "false", 4,
			&err);
	ktk_line_reader_set(&lr, "parse.headers", data[0] & 2 ? "true" : "false",
			4, &err);
	ktk_line_reader_set(&lr, "ignore.error", data[0] & 4 ? "true" : "false",
			4, &err);
	if (data[0] & 8)
		ktk_line_reader_set(&lr, "null.marker", "NULL", 4, &err);
	if (data[0] & 16)
		ktk_line_reader_set(&lr, "headers.separator", " *[,;] *", 8, &err);
	if (data[0] & 32)
		ktk_line_reader_set(&lr, "key.separator", "", 0, &err);
	if (ktk_line_reader_check(&lr, &err) == 0) {
		p = (const char *)data + 1;
		end = (const char *)data + size;
		while (p < end) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL)
				nl = end;
			ktk_line_reader_parse(&lr, p, (size_t)(nl - p), ++n, &rec,
					  &err);
			p = nl + 1;
		}
	}
	ktk_line_reader_free(&lr);
	ktk_record_free(&rec);
	return 0;
}
