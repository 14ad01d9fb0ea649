/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/logformat/crc.c: known vectors, hardware = software path. */
#include <stdlib.h>

#include "lib/logformat/crc.h"
#include "tests/unit/unit.h"

static void t_vectors(void)
{
	CHECK_INT(ktk_crc32c(0, "123456789", 9), 0xE3069283u);
	CHECK_INT(ktk_crc32c_sw(0, "123456789", 9), 0xE3069283u);
	CHECK_INT(ktk_crc32(0, "123456789", 9), 0xCBF43926u);
	CHECK_INT(ktk_crc32c(0, "", 0), 0);
	/* continuing a CRC equals one pass */
	CHECK_INT(ktk_crc32c(ktk_crc32c(0, "1234", 4), "56789", 5), 0xE3069283u);
	CHECK_INT(ktk_crc32(ktk_crc32(0, "1234", 4), "56789", 5), 0xCBF43926u);
}

static void t_hw_equals_sw(void)
{
	static unsigned char buf[40000];
	size_t off, len;

	srand(7);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)rand();
	for (off = 0; off < 9; off++)
		for (len = 0; len + off <= sizeof(buf); len += len < 2000 ? 37 : 3001)
			if (ktk_crc32c(0, buf + off, len) !=
			    ktk_crc32c_sw(0, buf + off, len)) {
				CHECK(!"hardware and software CRC-32C differ");
				return;
			}
}

int main(void)
{
	RUN(t_vectors);
	RUN(t_hw_equals_sw);
	return unit_done();
}
