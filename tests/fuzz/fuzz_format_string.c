/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_format_string -- --format strings (lib/output/format_string.c):
 * the input up to its first NUL is compiled; a format that compiles is
 * written for three fixed records (ordinary; all null with the smallest
 * timestamp; the bytes after the NUL as key, value and header values).
 * TZ is UTC so %{date:local} and %{localdate:...} do not depend on the
 * machine. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/output/format_string.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	setenv("TZ", "UTC", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ktk_header hs[3] = {
		{"h", 1, "v", 1}, {"h", 1, NULL, 0}, {"empty", 5, "", 0}};
	struct ktk_record_view r[3];
	struct ktk_format_string f;
	struct ktk_buffer b;
	struct ktk_err err;
	const uint8_t *nul;
	size_t i, n;
	char *fmt;

	if (size > 4096)
		return 0;
	nul = memchr(data, '\0', size);
	n = nul ? (size_t)(nul - data) : size;
	fmt = fz_str(data, n);
	if (ktk_format_string_compile(&f, fmt, &err) == -1) {
		free(fmt);
		return 0;
	}
	memset(r, 0, sizeof(r));
	r[0].topic = "topic";
	r[0].topic_len = 5;
	r[0].partition = 7;
	r[0].offset = 42;
	r[0].timestamp = 1700000000123;
	r[0].tstype = KTK_TS_CREATE;
	r[0].leader_epoch = 3;
	r[0].key = "key";
	r[0].key_len = 3;
	r[0].value = "va\"l\xff";
	r[0].value_len = 5;
	r[0].headers = hs;
	r[0].header_cnt = 3;
	r[1].topic = "";
	r[1].partition = INT32_MIN;
	r[1].offset = INT64_MIN;
	r[1].timestamp = INT64_MIN;
	r[1].tstype = KTK_TS_NONE;
	r[1].leader_epoch = -1;
	r[2] = r[0];
	r[2].offset = INT64_MAX;
	r[2].timestamp = INT64_MAX;
	r[2].tstype = KTK_TS_LOG_APPEND;
	if (nul) {
		r[2].key = nul + 1;
		r[2].key_len = size - n - 1;
		r[2].value = nul + 1;
		r[2].value_len = size - n - 1;
		hs[2].value = nul + 1;
		hs[2].value_len = size - n - 1;
	}
	ktk_format_string_uses_headers(&f);
	ktk_buffer_init(&b, 64);
	for (i = 0; i < 3; i++)
		ktk_format_string_write(&f, &r[i], &b);
	ktk_buffer_free(&b);
	ktk_format_string_free(&f);
	free(fmt);
	return 0;
}
