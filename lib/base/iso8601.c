/* SPDX-License-Identifier: Apache-2.0 */
/* iso8601.c -- ISO-8601 dates and date formats; see iso8601.h. */
#include "lib/base/iso8601.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t ktk_iso8601_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* H. Hinnant's days_from_civil */
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* exactly n digits at *p */
static int digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static const unsigned char mdays[] = {31, 29, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31};

int ktk_iso8601_parse(const char *s, int64_t *ms, const char **why)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0, frac = 0, oh = 0, om = 0, n;
	int64_t v, zone = 0;

	*why = "not an ISO-8601 date (YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|+HH:MM])";
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) ||
	    *p++ != '-' || digits(&p, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 &&
	     !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))) {
		*why = "no such date";
		return -1;
	}
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &sec))
				return -1;
			if (*p == '.' || *p == ',') {
				p++;
				for (n = 0; *p >= '0' && *p <= '9'; n++, p++)
					if (n < 3)
						frac = frac * 10 + (*p - '0');
				if (n == 0 || n > 9)
					return -1;
				for (; n < 3; n++)
					frac *= 10;
			}
		}
		if (h > 23 || mi > 59 || sec > 60) {
			*why = "no such time of day";
			return -1;
		}
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p++ == '-' ? -1 : 1;

		if (digits(&p, 2, &oh))
			return -1;
		if (*p == ':')
			p++;
		if (*p != '\0' && digits(&p, 2, &om))
			return -1;
		if (oh > 23 || om > 59) {
			*why = "bad time zone offset";
			return -1;
		}
		zone = sign * ((int64_t)oh * 3600 + om * 60);
	}
	if (*p != '\0')
		return -1;
	v = ktk_iso8601_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	    h * 3600 + mi * 60 + sec - zone;
	*ms = v * 1000 + frac;
	return 0;
}

static int split(int64_t ms, int local, struct tm *tm, int *msec)
{
	int64_t sec = ms / 1000;
	time_t t;

	*msec = (int)(ms % 1000);
	if (*msec < 0) {
		*msec += 1000;
		sec--;
	}
	t = (time_t)sec;
	return (local ? localtime_r(&t, tm) : gmtime_r(&t, tm)) ? 0 : -1;
}

size_t ktk_iso8601_format(int64_t ms, int local, char *buf)
{
	struct tm tm;
	int msec, n;
	long off;

	if (split(ms, local, &tm, &msec) == -1)
		n = snprintf(buf, KTK_ISO8601_SIZE, "%lld", (long long)ms);
	else if (!local)
		n = snprintf(buf, KTK_ISO8601_SIZE,
			     "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ",
			     (long long)tm.tm_year + 1900, tm.tm_mon + 1,
			     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, msec);
	else {
		off = tm.tm_gmtoff / 60;
		n = snprintf(buf, KTK_ISO8601_SIZE,
			     "%04lld-%02d-%02dT%02d:%02d:%02d.%03d%c%02ld:%02ld",
			     (long long)tm.tm_year + 1900, tm.tm_mon + 1,
			     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, msec,
			     off < 0 ? '-' : '+', (off < 0 ? -off : off) / 60,
			     (off < 0 ? -off : off) % 60);
	}
	/* every int64 millisecond fits (a 9-digit year at most); never
	 * return more than was written */
	if (n < 0)
		n = 0;
	if (n >= KTK_ISO8601_SIZE)
		n = KTK_ISO8601_SIZE - 1;
	return (size_t)n;
}

size_t ktk_iso8601_strftime(int64_t ms, int local, const char *fmt, char *buf,
		       size_t size)
{
	char f2[512];
	struct tm tm;
	size_t i, o = 0;
	int msec;

	if (split(ms, local, &tm, &msec) == -1 || size == 0)
		return 0;
	/* replace %L by the milliseconds, leave %% and the rest alone */
	for (i = 0; fmt[i] != '\0' && o + 4 < sizeof(f2); i++) {
		if (fmt[i] == '%' && fmt[i + 1] == 'L') {
			o += (size_t)snprintf(f2 + o, sizeof(f2) - o, "%03d",
					      msec);
			i++;
		} else if (fmt[i] == '%' && fmt[i + 1] != '\0') {
			f2[o++] = fmt[i++];
			f2[o++] = fmt[i];
		} else {
			f2[o++] = fmt[i];
		}
	}
	f2[o] = '\0';
	if (f2[0] == '\0') {
		buf[0] = '\0';
		return 0;
	}
	return strftime(buf, size, f2, &tm);
}
