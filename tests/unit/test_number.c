/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of lib/base/number.c: strict number parsing. */
#include <stdint.h>
#include <string.h>

#include "lib/base/number.h"
#include "tests/unit/unit.h"

static void t_i64(void)
{
	int64_t v;
	const char *why;

	CHECK_INT(ktk_number_parse_i64("42", 0, 100, &v, &why), 0);
	CHECK_INT(v, 42);
	CHECK_INT(ktk_number_parse_i64("-5", -10, 10, &v, &why), 0);
	CHECK_INT(v, -5);
	CHECK_INT(ktk_number_parse_i64("9223372036854775807", INT64_MIN, INT64_MAX, &v,
				&why),
		  0);
	CHECK_INT(ktk_number_parse_i64("9223372036854775808", INT64_MIN, INT64_MAX,
				&v, &why),
		  -1);
	CHECK_STR(why, "out of range");
	CHECK_INT(ktk_number_parse_i64("", 0, 1, &v, &why), -1);
	CHECK_STR(why, "empty");
	CHECK_INT(ktk_number_parse_i64("12abc", 0, 100, &v, &why), -1);
	CHECK_STR(why, "not a number");
	CHECK_INT(ktk_number_parse_i64(" 1", 0, 100, &v, &why), -1);
	CHECK_INT(ktk_number_parse_i64("1 ", 0, 100, &v, &why), -1);
	CHECK_INT(ktk_number_parse_i64("0x10", 0, 100, &v, &why), -1);
	CHECK_INT(ktk_number_parse_i64("101", 0, 100, &v, &why), -1);
	CHECK_STR(why, "out of range (0..100)");
	CHECK_INT(ktk_number_parse_i64(NULL, 0, 100, &v, &why), -1);
}

static void t_i32(void)
{
	int32_t v = 7;
	const char *why;

	CHECK_INT(ktk_number_parse_i32("2147483647", 0, INT32_MAX, &v, &why), 0);
	CHECK_INT(v, INT32_MAX);
	CHECK_INT(ktk_number_parse_i32("2147483648", 0, INT32_MAX, &v, &why), -1);
	CHECK_INT(v, INT32_MAX); /* untouched on failure */
	CHECK_INT(ktk_number_parse_i32("-1", 0, 10, &v, &why), -1);
}

/* a field of a longer string: only its @p len bytes count */
static void t_i64_n(void)
{
	int64_t v = 0;
	const char *why;

	CHECK(ktk_number_parse_i64_n("42 rest", 2, 0, 100, &v, &why) == 0);
	CHECK(v == 42);
	CHECK(ktk_number_parse_i64_n("42 rest", 3, 0, 100, &v, &why) == -1);
	CHECK(ktk_number_parse_i64_n("42", 0, 0, 100, &v, &why) == -1);
	CHECK_STR(why, "empty");
	CHECK(ktk_number_parse_i64_n("420", 3, 0, 100, &v, &why) == -1);
	CHECK(ktk_number_parse_i64_n("00000000000000000000000000000001", 32,
				     0, 100, &v, &why) == -1);
	CHECK_STR(why, "too long");
}

static void t_duration(void)
{
	int64_t v;
	const char *why;

	CHECK_INT(ktk_number_parse_duration_ms("250", &v, &why), 0);
	CHECK_INT(v, 250);
	CHECK_INT(ktk_number_parse_duration_ms("250ms", &v, &why), 0);
	CHECK_INT(v, 250);
	CHECK_INT(ktk_number_parse_duration_ms("15s", &v, &why), 0);
	CHECK_INT(v, 15000);
	CHECK_INT(ktk_number_parse_duration_ms("15m", &v, &why), 0);
	CHECK_INT(v, 900000);
	CHECK_INT(ktk_number_parse_duration_ms("2h", &v, &why), 0);
	CHECK_INT(v, 7200000);
	CHECK_INT(ktk_number_parse_duration_ms("1d", &v, &why), 0);
	CHECK_INT(v, 86400000);
	CHECK_INT(ktk_number_parse_duration_ms("1w", &v, &why), -1);
	CHECK(strstr(why, "duration") != NULL);
	CHECK_INT(ktk_number_parse_duration_ms("-1s", &v, &why), -1);
	CHECK_INT(ktk_number_parse_duration_ms("h", &v, &why), -1);
	CHECK_INT(ktk_number_parse_duration_ms("999999999999999999d", &v, &why), -1);
}

int main(void)
{
	RUN(t_i64);
	RUN(t_i32);
	RUN(t_i64_n);
	RUN(t_duration);
	return unit_done();
}
