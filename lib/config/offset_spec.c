/* SPDX-License-Identifier: Apache-2.0 */
/* offset_spec.c -- start and stop positions; see offset_spec.h. */
#include "lib/config/offset_spec.h"

#include <string.h>
#include <strings.h>

#include "lib/base/iso8601.h"
#include "lib/base/names.h"
#include "lib/base/number.h"

/* @p t: after the '@' of @p s, which messages show */
static int parse_time(const char *flag, const char *s, const char *t,
		      int64_t now_ms, struct ktk_offset_spec *out,
		      struct ktk_err *err)
{
	const char *why;
	int64_t v;

	out->kind = KTK_OFFSET_SPEC_TIME;
	if (*t == '-') {
		if (ktk_number_parse_duration_ms(t + 1, &v, &why) == -1)
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "%s: '%s': duration %s", flag, s,
					   why);
		/* a duration reaching before the epoch means from the
		 * beginning: 0, never a negative time (-1 and -2 are latest
		 * and earliest to offsetsForTimes) nor an overflow */
		out->value = now_ms > v ? now_ms - v : 0;
		return 0;
	}
	if (*t >= '0' && *t <= '9' && strchr(t, '-') == NULL) {
		if (ktk_number_parse_i64(t, 0, INT64_MAX, &v, &why) == -1)
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "%s: '%s': timestamp %s", flag, s,
					   why);
		out->value = v;
		return 0;
	}
	if (ktk_iso8601_parse(t, &v, &why) == -1)
		return ktk_err_set(err, KTK_EXIT_USAGE, "%s: '%s': %s", flag, s,
				   why);
	out->value = v;
	return 0;
}

/* an absolute offset: digits only */
static int parse_absolute(const char *flag, const char *s,
			  const char *expected, struct ktk_offset_spec *out,
			  struct ktk_err *err)
{
	const char *why;
	int64_t v;

	if (s[0] < '0' || s[0] > '9' ||
	    ktk_number_parse_i64(s, 0, INT64_MAX, &v, &why) == -1)
		return ktk_err_set(err, KTK_EXIT_USAGE, "%s: '%s': expected %s",
				   flag, s, expected);
	out->kind = KTK_OFFSET_SPEC_ABSOLUTE;
	out->value = v;
	return 0;
}

int ktk_offset_spec_parse(const char *flag, const char *s, int64_t now_ms,
		      struct ktk_offset_spec *out, struct ktk_err *err)
{
	static const struct ktk_name_value words[] = {
		{"beginning", KTK_OFFSET_SPEC_BEGINNING},
		{"earliest", KTK_OFFSET_SPEC_BEGINNING},
		{"end", KTK_OFFSET_SPEC_END},
		{"latest", KTK_OFFSET_SPEC_END},
		{"stored", KTK_OFFSET_SPEC_STORED},
	};
	const struct ktk_name_value *w;
	const char *why;
	int64_t v;

	out->value = 0;
	if ((w = ktk_names_find(words, KTK_NAMES_N(words), s, 1)) != NULL) {
		out->kind = w->value;
		return 0;
	}
	if (s[0] == '@')
		return parse_time(flag, s, s + 1, now_ms, out, err);
	if (s[0] == 's' && s[1] == '@') /* kcat */
		return parse_time(flag, s, s + 2, now_ms, out, err);
	if (ktk_offset_spec_is_stop(s))
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "%s '%s': a stop, not a start; use --until "
				   "%s",
				   flag, s, s + 1);
	if (s[0] == '-') {
		if (ktk_number_parse_i64(s + 1, 1, INT64_MAX, &v, &why) == -1 ||
		    s[1] == '-' || s[1] == '+')
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "%s: '%s': expected beginning, end, "
					   "stored, N, -N, @TIMESTAMP or "
					   "@-DURATION",
					   flag, s);
		out->kind = KTK_OFFSET_SPEC_TAIL;
		out->value = v;
		return 0;
	}
	return parse_absolute(flag, s, "beginning, end, stored, N, -N, "
				       "@TIMESTAMP or @-DURATION",
			      out, err);
}

int ktk_offset_spec_parse_until(const char *flag, const char *s, int64_t now_ms,
			    struct ktk_offset_spec *out, struct ktk_err *err)
{
	if (s[0] == '@')
		return parse_time(flag, s, s + 1, now_ms, out, err);
	return parse_absolute(flag, s, "an offset N, @TIMESTAMP or @-DURATION",
			      out, err);
}

int ktk_offset_spec_is_stop(const char *s)
{
	return s[0] == 'e' && s[1] == '@';
}
