/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_json_reader -- JSON-lines record input on arbitrary bytes. */
#include <stdint.h>
#include <string.h>

#include "lib/input/json_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ktk_json_reader j = {0};
	struct ktk_record rec = {0};
	struct ktk_err err;
	const char *p = (const char *)data, *end = p + size, *nl;
	uint64_t n = 0;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		ktk_json_reader_parse(&j, p, (size_t)(nl - p), ++n, &rec, &err);
		p = nl + 1;
	}
	ktk_json_reader_free(&j);
	ktk_record_free(&rec);
	return 0;
}
