/* SPDX-License-Identifier: Apache-2.0 */
/* number.c -- strict number parsing; see number.h. */
#include "lib/base/number.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_prefix(const char *s, int64_t *out, const char **end,
			const char **why)
{
	char *e;
	long long v;

	if (s == NULL || *s == '\0') {
		*why = "empty";
		return -1;
	}
	if (isspace((unsigned char)*s)) {
		*why = "not a number";
		return -1;
	}
	errno = 0;
	v = strtoll(s, &e, 10);
	if (e == s) {
		*why = "not a number";
		return -1;
	}
	if (errno == ERANGE) {
		*why = "out of range";
		return -1;
	}
	*out = v;
	*end = e;
	return 0;
}

int ktk_number_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out,
		  const char **why)
{
	const char *end;
	int64_t v;

	if (parse_prefix(s, &v, &end, why) == -1)
		return -1;
	if (*end != '\0') {
		*why = "not a number";
		return -1;
	}
	if (v < min || v > max) {
		static __thread char buf[96];
		snprintf(buf, sizeof(buf), "out of range (%lld..%lld)",
			 (long long)min, (long long)max);
		*why = buf;
		return -1;
	}
	*out = v;
	return 0;
}

int ktk_number_parse_i64_n(const char *s, size_t len, int64_t min,
			   int64_t max, int64_t *out, const char **why)
{
	char buf[32];

	if (len >= sizeof(buf)) {
		*why = "too long";
		return -1;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	return ktk_number_parse_i64(buf, min, max, out, why);
}

int ktk_number_parse_i32(const char *s, int32_t min, int32_t max, int32_t *out,
		  const char **why)
{
	int64_t v;

	if (ktk_number_parse_i64(s, min, max, &v, why) == -1)
		return -1;
	*out = (int32_t)v;
	return 0;
}

int ktk_number_parse_duration_ms(const char *s, int64_t *out, const char **why)
{
	static const struct {
		const char *suffix;
		int64_t ms;
	} units[] = {{"", 1},	     {"ms", 1},	       {"s", 1000},
		     {"m", 60000}, {"h", 3600000}, {"d", 86400000}};
	const char *end;
	int64_t v;
	size_t i;

	if (parse_prefix(s, &v, &end, why) == -1)
		return -1;
	if (v < 0 || *s == '-' || *s == '+') {
		*why = "not a duration";
		return -1;
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].suffix) == 0) {
			if (v > INT64_MAX / units[i].ms) {
				*why = "out of range";
				return -1;
			}
			*out = v * units[i].ms;
			return 0;
		}
	}
	*why = "not a duration (use N, Nms, Ns, Nm, Nh or Nd)";
	return -1;
}
