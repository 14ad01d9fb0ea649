/* SPDX-License-Identifier: Apache-2.0 */
/* units.c -- plurals and human sizes; see units.h. */
#include "lib/base/units.h"

#include <stdio.h>

static const char *const big[] = {"kB", "MB", "GB", "TB", "PB"};

const char *ktk_units_plural(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* @p v (at least 1000) in the largest unit that keeps it at 1 or more */
static void scaled(double v, const char *after, char *buf, size_t size)
{
	size_t u = 0;

	v /= 1000;
	while (v >= 999.95 && u + 1 < sizeof(big) / sizeof(big[0])) {
		v /= 1000;
		u++;
	}
	snprintf(buf, size, "%.1f %s%s", v, big[u], after);
}

char *ktk_units_bytes(uint64_t n, char *buf, size_t size)
{
	if (n < 1000)
		snprintf(buf, size, "%llu %s", (unsigned long long)n,
			 ktk_units_plural(n, "byte", "bytes"));
	else
		scaled((double)n, "", buf, size);
	return buf;
}

char *ktk_units_rate(double n, char *buf, size_t size)
{
	if (!(n >= 999.5)) /* NaN too */
		snprintf(buf, size, "%.0f B/s", n > 0 ? n : 0.0);
	else
		scaled(n, "/s", buf, size);
	return buf;
}
