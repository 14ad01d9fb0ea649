/* SPDX-License-Identifier: Apache-2.0 */
/* reset.c -- the reset planner of ktk-groups; see reset.h.
 *
 * Decisions follow kafka-consumer-groups (GroupOffsetsResetter): --to-offset,
 * --shift-by, a file and another group's offsets are clamped to
 * [log start, log end]; --to-current uses the committed offset or, for a
 * partition without one, the log end; --to-datetime uses the offset for the
 * time or, when no record is that recent, the log end, unclamped. CSV lines
 * are split on ',' outside double quotes ("" is a quote inside quotes).
 */
#include "lib/groups/reset.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/iso8601.h"
#include "lib/base/number.h"

static void clamp(struct ktk_reset_row *r, int64_t want)
{
	r->requested = want;
	r->clamped = 0;
	if (r->log_end >= 0 && want > r->log_end) {
		r->new_offset = r->log_end;
		r->clamped = 1;
	} else if (r->log_start >= 0 && want < r->log_start) {
		r->new_offset = r->log_start;
		r->clamped = -1;
	} else {
		r->new_offset = want;
	}
}

/* The offset @first if there is one (>= 0), else @fallback; neither: the
 * error kafka-consumer-groups gives, "Error getting @what of ...". */
static int take(struct ktk_reset_row *r, int64_t first, int64_t fallback,
		const char *what, struct ktk_err *err)
{
	if (first >= 0) {
		r->new_offset = first;
		return 0;
	}
	if (fallback < 0)
		return ktk_err_set(err, KTK_EXIT_FAIL,
				   "Error getting %s of topic partition: %s-%d",
				   what, r->topic, (int)r->partition);
	r->new_offset = fallback;
	return 0;
}

int ktk_reset_apply(const struct ktk_reset_spec *spec, struct ktk_reset_row *r,
		    struct ktk_err *err)
{
	r->clamped = 0;
	r->fell_back = 0;
	switch (spec->kind) {
	case KTK_RESET_TO_OFFSET:
		clamp(r, spec->value);
		return 0;
	case KTK_RESET_TO_EARLIEST:
		return take(r, -1, r->log_start, "starting offset", err);
	case KTK_RESET_TO_LATEST:
		return take(r, -1, r->log_end, "ending offset", err);
	case KTK_RESET_TO_CURRENT:
		return take(r, r->committed, r->log_end, "ending offset", err);
	case KTK_RESET_SHIFT_BY: {
		int64_t want;

		if (r->committed < 0)
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "Cannot shift offset for partition "
					   "%s-%d since there is no current "
					   "committed offset",
					   r->topic, (int)r->partition);
		if (__builtin_add_overflow(r->committed, spec->value, &want))
			want = spec->value < 0 ? INT64_MIN : INT64_MAX;
		clamp(r, want);
		return 0;
	}
	case KTK_RESET_TO_TIME:
		if (take(r, r->at_time, r->log_end, "offset by timestamp",
			 err) != 0)
			return -1;
		r->fell_back = r->at_time < 0;
		return 0;
	case KTK_RESET_REQUESTED:
		clamp(r, r->requested);
		return 0;
	}
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "reset: no spec");
}

void ktk_reset_clamp_message(const struct ktk_reset_row *r, char *buf,
			     size_t size)
{
	int64_t want = r->requested;

	if (size == 0)
		return;
	buf[0] = '\0';
	if (r->clamped == 0)
		return;
	snprintf(buf, size,
		 "New offset (%lld) is %s than %s offset for topic partition "
		 "%s-%d. Value will be set to %lld",
		 (long long)want, r->clamped > 0 ? "higher" : "lower",
		 r->clamped > 0 ? "latest" : "earliest", r->topic,
		 (int)r->partition, (long long)r->new_offset);
}

/* Integer.parseInt: an optional sign and decimal digits, in range */
static int java_int(const char *s, size_t len, int32_t *out)
{
	const char *why;
	int64_t v;

	if (len >= 24)
		return -1;
	if (len > 0 && s[0] == '+') { /* Java's parseInt takes a '+' */
		s++;
		len--;
	}
	if (ktk_number_parse_i64_n(s, len, INT32_MIN, INT32_MAX, &v, &why) == -1)
		return -1;
	*out = (int32_t)v;
	return 0;
}

int ktk_reset_topic_args_check(char *const *args, size_t n,
			       struct ktk_err *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *t;
		int32_t *p;
		size_t cnt;

		if (ktk_reset_topic_arg_parse(args[i], &t, &p, &cnt, err))
			return -1;
		free(t);
		free(p);
	}
	return 0;
}

int ktk_reset_topic_arg_parse(const char *arg, char **topic, int32_t **parts,
			      size_t *n, struct ktk_err *err)
{
	const char *colon = strchr(arg, ':'), *p;
	size_t cnt = 1, i = 0;

	*topic = NULL;
	*parts = NULL;
	*n = 0;
	if (colon == NULL) {
		if (*arg == '\0')
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--topic: empty topic name");
		if ((*topic = strdup(arg)) == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "out of memory");
		return 0;
	}
	/* Java's split(":") drops trailing empty parts: "t:" and "t:0:1"
	 * are both not "topic and partitions" */
	if (colon == arg || colon[1] == '\0' || strchr(colon + 1, ':'))
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--topic: Invalid topic arg '%s', expected "
				   "topic name and partitions",
				   arg);
	for (p = colon + 1; *p; p++)
		cnt += *p == ',';
	*parts = calloc(cnt, sizeof(int32_t));
	*topic = strndup(arg, (size_t)(colon - arg));
	if (*parts == NULL || *topic == NULL) {
		free(*parts);
		free(*topic);
		*parts = NULL;
		*topic = NULL;
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	for (p = colon + 1;; ) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (java_int(p, len, &(*parts)[i]) == -1 || (*parts)[i] < 0) {
			ktk_err_set(err, KTK_EXIT_USAGE,
				    "--topic: Invalid partition '%.*s' "
				    "specified in topic arg '%s'",
				    (int)len, p, arg);
			free(*parts);
			free(*topic);
			*parts = NULL;
			*topic = NULL;
			return -1;
		}
		i++;
		if (e == NULL)
			break;
		p = e + 1;
	}
	*n = i;
	return 0;
}

static int digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int ktk_reset_datetime_parse(const char *s, int64_t *ms, struct ktk_err *err)
{
	const char *t = strchr(s, 'T'), *z, *why = NULL;
	char tmp[64];

	if (t == NULL || t[1] == '\0')
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--to-datetime: '%s': Error parsing "
				   "timestamp. It does not contain a 'T' "
				   "according to ISO8601 format",
				   s);
	/* yyyy-MM-dd'T'HH:mm:ss.SSS, then a zone or nothing (UTC) */
	if (t - s != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) || !digits(t + 1, 2) ||
	    t[3] != ':' || !digits(t + 4, 2) || t[6] != ':' ||
	    !digits(t + 7, 2) || t[9] != '.' || !digits(t + 10, 3))
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--to-datetime: '%s': not of the form "
				   "yyyy-MM-ddTHH:mm:ss.SSS[Z|+HH:MM|+HH]",
				   s);
	z = t + 13;
	if (*z != '\0' && strcmp(z, "Z") != 0 &&
	    !((*z == '+' || *z == '-') && digits(z + 1, 2) &&
	      (z[3] == '\0' || (z[3] == ':' && digits(z + 4, 2) && z[6] == '\0') ||
	       (digits(z + 3, 2) && z[5] == '\0'))))
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--to-datetime: '%s': bad time zone '%s' "
				   "(Z, +HH:MM or +HH)",
				   s, z);
	if (strlen(s) >= sizeof(tmp))
		return ktk_err_set(err, KTK_EXIT_USAGE, "--to-datetime: too long");
	strcpy(tmp, s);
	if (ktk_iso8601_parse(tmp, ms, &why) == -1)
		return ktk_err_set(err, KTK_EXIT_USAGE, "--to-datetime: '%s': %s",
				   s, why);
	return 0;
}

/* [-+]digits, then *p past them */
static int dur_num(const char **p, int64_t *v)
{
	const char *s = *p;
	int neg = 0;
	int64_t x = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++)
		if (__builtin_mul_overflow(x, 10, &x) ||
		    __builtin_add_overflow(x, *s - '0', &x))
			return -1;
	*v = neg ? -x : x;
	*p = s;
	return 0;
}

int ktk_reset_duration_parse(const char *s, int64_t *ms, struct ktk_err *err)
{
	const char *p = s;
	int neg = 0, parts = 0;
	int64_t total = 0, v, mult;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p != 'P' && *p != 'p')
		goto bad;
	p++;
	if (*p && *p != 'T' && *p != 't') {
		if (dur_num(&p, &v) || (*p != 'D' && *p != 'd') ||
		    __builtin_mul_overflow(v, 86400000LL, &v) ||
		    __builtin_add_overflow(total, v, &total))
			goto bad;
		p++;
		parts++;
	}
	if (*p == 'T' || *p == 't') {
		int tparts = 0;

		p++;
		while (*p) {
			const char *q = p;
			int64_t frac = 0;

			if (dur_num(&q, &v))
				goto bad;
			if (*q == '.' || *q == ',') {
				int nd = 0;

				for (q++; isdigit((unsigned char)*q) && nd < 9; q++, nd++)
					frac = frac * 10 + (*q - '0');
				for (; nd < 3; nd++)
					frac *= 10;
				for (; nd > 3; nd--)
					frac /= 10;
				if (*q != 'S' && *q != 's')
					goto bad;
				if (v < 0 || (v == 0 && p[0] == '-'))
					frac = -frac;
			}
			switch (*q) {
			case 'H': case 'h': mult = 3600000; break;
			case 'M': case 'm': mult = 60000; break;
			case 'S': case 's': mult = 1000; break;
			default: goto bad;
			}
			if (__builtin_mul_overflow(v, mult, &v) ||
			    __builtin_add_overflow(v, frac, &v) ||
			    __builtin_add_overflow(total, v, &total))
				goto bad;
			tparts++;
			p = q + 1;
		}
		if (tparts == 0)
			goto bad;
		parts += tparts;
	}
	if (*p != '\0' || parts == 0)
		goto bad;
	*ms = neg ? -total : total;
	return 0;
bad:
	return ktk_err_set(err, KTK_EXIT_USAGE,
			   "--by-duration: '%s' is not an ISO-8601 duration "
			   "(PnDTnHnMnS, e.g. PT1H30M)",
			   s);
}

void ktk_reset_entries_free(struct ktk_reset_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(e[i].group);
		free(e[i].topic);
	}
	free(e);
}

/* Split one CSV line into at most @p max fields (malloc'ed). @returns the
 * number of fields, -1 on a malformed quote or too many fields. */
static int csv_fields(const char *s, size_t len, char **f, int max)
{
	size_t i = 0;
	int n = 0;

	for (;;) {
		char *out = malloc(len + 1);
		size_t o = 0;

		if (out == NULL || n == max) {
			free(out);
			goto fail;
		}
		if (i < len && s[i] == '"') {
			for (i++;; i++) {
				if (i >= len) {
					free(out);
					goto fail;
				}
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"') {
						out[o++] = '"';
						i++;
						continue;
					}
					i++;
					break;
				}
				out[o++] = s[i];
			}
			if (i < len && s[i] != ',') {
				free(out);
				goto fail;
			}
		} else {
			while (i < len && s[i] != ',')
				out[o++] = s[i++];
		}
		out[o] = '\0';
		f[n++] = out;
		if (i >= len)
			return n;
		i++; /* the comma */
	}
fail:
	while (n > 0)
		free(f[--n]);
	return -1;
}

static int entry_from(char **f, int cnt, struct ktk_reset_entry *e)
{
	const char *why;
	int k = cnt == 4;

	if (ktk_number_parse_i32(f[k + 1], 0, INT32_MAX, &e->partition, &why) ||
	    ktk_number_parse_i64(f[k + 2], INT64_MIN, INT64_MAX, &e->offset,
				 &why) ||
	    f[k][0] == '\0')
		return -1;
	e->group = k ? f[0] : NULL;
	e->topic = f[k];
	return 0;
}

long ktk_reset_csv_parse(const char *text, size_t len, const char *single_group,
			 const char *path, struct ktk_reset_entry **out,
			 struct ktk_err *err)
{
	struct ktk_reset_entry *v = NULL;
	size_t n = 0, cap = 0, pos = 0, lineno = 0;
	int want = 0; /* columns: 3 or 4, decided by the first line */

	*out = NULL;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, l = end - pos;
		char *f[5];
		int cnt, i;

		lineno++;
		if (l > 0 && text[pos + l - 1] == '\r')
			l--;
		if (l == 0) {
			pos = end + 1;
			continue;
		}
		cnt = csv_fields(text + pos, l, f, 5);
		if (want == 0)
			want = single_group && cnt == 3 ? 3 : 4;
		if (n == cap) {
			struct ktk_reset_entry *nv;

			cap = cap ? 2 * cap : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (nv == NULL) {
				for (i = 0; i < cnt; i++)
					free(f[i]);
				ktk_reset_entries_free(v, n);
				return ktk_err_set(err, KTK_EXIT_SOFTWARE,
						   "out of memory");
			}
			v = nv;
		}
		if (cnt != want || entry_from(f, cnt, &v[n]) == -1) {
			for (i = 0; i < cnt; i++)
				free(f[i]);
			ktk_reset_entries_free(v, n);
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "%s: line %zu: expected %s", path,
					   lineno,
					   want == 3 ? "topic,partition,offset"
						     : "group,topic,partition,"
						       "offset");
		}
		for (i = want; i < cnt; i++)
			free(f[i]);
		if (want == 3)
			free(f[2]), free(f[1]);
		else
			free(f[3]), free(f[2]);
		if (want == 3 && (v[n].group = strdup(single_group)) == NULL) {
			free(v[n].topic);
			ktk_reset_entries_free(v, n);
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		}
		n++;
		pos = end + 1;
	}
	*out = v;
	return (long)n;
}

static int csv_put(FILE *out, const char *s)
{
	size_t l = strlen(s);

	if (strpbrk(s, ",\"\r\n") == NULL && (l == 0 || (s[0] != ' ' && s[l - 1] != ' ')))
		return fputs(s, out);
	if (fputc('"', out) == EOF)
		return -1;
	for (; *s; s++)
		if ((*s == '"' && fputc('"', out) == EOF) || fputc(*s, out) == EOF)
			return -1;
	return fputc('"', out) == EOF ? -1 : 0;
}

int ktk_reset_csv_write(FILE *out, const char *group, const char *topic,
			int32_t partition, int64_t offset)
{
	if (group && (csv_put(out, group) < 0 || fputc(',', out) == EOF))
		return -1;
	if (csv_put(out, topic) < 0)
		return -1;
	return fprintf(out, ",%d,%lld\n", (int)partition, (long long)offset);
}
