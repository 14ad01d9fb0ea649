/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_iso8601 -- ISO-8601 dates (lib/base/iso8601.c) and durations
 * (lib/base/number.c) of arbitrary text. A date that parses is written back
 * in UTC, and that text must parse to the same milliseconds; strftime with
 * the input as the format is bounded by its buffer. Everything is UTC:
 * nothing depends on the clock or the machine's time zone. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/iso8601.h"
#include "lib/base/number.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[KTK_ISO8601_SIZE], out[256];
	const char *why;
	int64_t ms, back, d;
	size_t n;
	char *s;

	if (size > 256)
		return 0;
	s = fz_str(data, size);
	if (ktk_iso8601_parse(s, &ms, &why) == 0) {
		n = ktk_iso8601_format(ms, 0, buf);
		if (n == 0 || n >= sizeof(buf) || strlen(buf) != n)
			abort();
		if (ktk_iso8601_parse(buf, &back, &why) != 0 || back != ms)
			abort();
	}
	ktk_number_parse_duration_ms(s, &d, &why);
	if (size >= 8) {
		memcpy(&ms, data, 8);
		n = ktk_iso8601_format(ms, 0, buf);
		if (n == 0 || n >= sizeof(buf))
			abort();
		if (ktk_iso8601_parse(buf, &back, &why) == 0 && back != ms)
			abort();
		ktk_iso8601_strftime(ms, 0, s + 8, out, sizeof(out));
	}
	free(s);
	return 0;
}
