/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/base/units.c: "1 record" and "2 records", sizes in
 * bytes below 1000 and one decimal of kB, MB, GB above, rates with /s. */
#include <string.h>

#include "lib/base/units.h"
#include "tests/unit/unit.h"

static void t_plural(void)
{
	CHECK(strcmp(ktk_units_plural(0, "record", "records"), "records") == 0);
	CHECK(strcmp(ktk_units_plural(1, "record", "records"), "record") == 0);
	CHECK(strcmp(ktk_units_plural(2, "record", "records"), "records") == 0);
}

static int bytes_are(unsigned long long n, const char *want)
{
	char b[32];

	return strcmp(ktk_units_bytes(n, b, sizeof(b)), want) == 0;
}

static int rate_is(double n, const char *want)
{
	char b[32];

	return strcmp(ktk_units_rate(n, b, sizeof(b)), want) == 0;
}

static void t_bytes(void)
{
	CHECK(bytes_are(0, "0 bytes"));
	CHECK(bytes_are(1, "1 byte"));
	CHECK(bytes_are(999, "999 bytes"));
	CHECK(bytes_are(1000, "1.0 kB"));
	CHECK(bytes_are(1250, "1.2 kB"));
	CHECK(bytes_are(999940, "999.9 kB"));
	CHECK(bytes_are(999950, "1.0 MB")); /* not "1000.0 kB" */
	CHECK(bytes_are(123456789, "123.5 MB"));
	CHECK(bytes_are(2700000000ULL, "2.7 GB"));
	CHECK(bytes_are(18446744073709551615ULL, "18446.7 PB"));
}

static void t_rate(void)
{
	CHECK(rate_is(0, "0 B/s"));
	CHECK(rate_is(-1, "0 B/s"));
	CHECK(rate_is(512.4, "512 B/s"));
	CHECK(rate_is(2.34e6, "2.3 MB/s"));
	CHECK(rate_is(0.0 / 0.0, "0 B/s"));
}

int main(void)
{
	RUN(t_plural);
	RUN(t_bytes);
	RUN(t_rate);
	return unit_done();
}
