/* SPDX-License-Identifier: Apache-2.0 */
/* line_reader.c -- Kafka's LineMessageReader on byte strings; see line_reader.h. */
#include "lib/input/line_reader.h"

#include <stdlib.h>
#include <string.h>

static int sep_set(struct ktk_line_reader_sep *s, const char *v, size_t len,
		   struct ktk_err *err)
{
	char *n = malloc(len + 1);

	if (n == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	memcpy(n, v, len);
	n[len] = '\0';
	free(s->s);
	s->s = n;
	s->len = len;
	return 0;
}

static int sep_eq(const struct ktk_line_reader_sep *a, const struct ktk_line_reader_sep *b)
{
	return a->s && b->s && a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* Java: String.trim().equalsIgnoreCase("true") */
static int java_bool(const char *v, size_t len)
{
	while (len && (unsigned char)*v <= ' ')
		v++, len--;
	while (len && (unsigned char)v[len - 1] <= ' ')
		len--;
	return len == 4 && strncasecmp(v, "true", 4) == 0;
}

int ktk_line_reader_init(struct ktk_line_reader *lr, struct ktk_err *err)
{
	memset(lr, 0, sizeof(*lr));
	if (sep_set(&lr->key_sep, "\t", 1, err) == -1 ||
	    sep_set(&lr->headers_delim, "\t", 1, err) == -1 ||
	    sep_set(&lr->headers_sep, ",", 1, err) == -1 ||
	    sep_set(&lr->headers_key_sep, ":", 1, err) == -1)
		return -1;
	return 0;
}

int ktk_line_reader_set(struct ktk_line_reader *lr, const char *key,
		    const char *val, size_t len, struct ktk_err *err)
{
	struct ktk_line_reader_sep *s = NULL;

	if (strcmp(key, "parse.key") == 0) {
		lr->parse_key = java_bool(val, len);
		return 1;
	}
	if (strcmp(key, "parse.headers") == 0) {
		lr->parse_headers = java_bool(val, len);
		return 1;
	}
	if (strcmp(key, "ignore.error") == 0) {
		lr->ignore_error = java_bool(val, len);
		return 1;
	}
	if (strcmp(key, "key.separator") == 0)
		s = &lr->key_sep;
	else if (strcmp(key, "headers.delimiter") == 0)
		s = &lr->headers_delim;
	else if (strcmp(key, "headers.separator") == 0)
		s = &lr->headers_sep;
	else if (strcmp(key, "headers.key.separator") == 0)
		s = &lr->headers_key_sep;
	else if (strcmp(key, "null.marker") == 0)
		s = &lr->null_marker;
	if (s == NULL)
		return 0;
	return sep_set(s, val, len, err) == -1 ? -1 : 1;
}

int ktk_line_reader_check(struct ktk_line_reader *lr, struct ktk_err *err)
{
	static const struct {
		size_t a, b;
		const char *msg;
	} pairs[] = {
#define OFF(f) offsetof(struct ktk_line_reader, f)
		{OFF(headers_delim), OFF(headers_sep),
		 "headers.delimiter and headers.separator may not be equal"},
		{OFF(headers_delim), OFF(headers_key_sep),
		 "headers.delimiter and headers.key.separator may not be equal"},
		{OFF(headers_sep), OFF(headers_key_sep),
		 "headers.separator and headers.key.separator may not be equal"},
		{OFF(key_sep), OFF(null_marker),
		 "null.marker and key.separator may not be equal"},
		{OFF(headers_sep), OFF(null_marker),
		 "null.marker and headers.separator may not be equal"},
		{OFF(headers_delim), OFF(null_marker),
		 "null.marker and headers.delimiter may not be equal"},
		{OFF(headers_key_sep), OFF(null_marker),
		 "null.marker and headers.key.separator may not be equal"},
#undef OFF
	};
	size_t i;
	const char *p;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const struct ktk_line_reader_sep *a =
			(const void *)((const char *)lr + pairs[i].a);
		const struct ktk_line_reader_sep *b =
			(const void *)((const char *)lr + pairs[i].b);

		if (sep_eq(a, b))
			return ktk_err_set(err, KTK_EXIT_USAGE, "%s",
					   pairs[i].msg);
	}
	if (lr->sep_regex) {
		regfree(&lr->re);
		lr->sep_regex = 0;
	}
	for (p = lr->headers_sep.s; p < lr->headers_sep.s + lr->headers_sep.len;
	     p++)
		if (*p && strchr("\\^$.|?*+()[]{}", *p))
			break;
	if (p < lr->headers_sep.s + lr->headers_sep.len) {
		int rc = regcomp(&lr->re, lr->headers_sep.s, REG_EXTENDED);

		if (rc != 0) {
			char why[128];

			regerror(rc, &lr->re, why, sizeof(why));
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "headers.separator '%s': %s",
					   lr->headers_sep.s, why);
		}
		lr->sep_regex = 1;
	} else if (lr->headers_sep.len == 0) {
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "headers.separator may not be empty");
	}
	return 0;
}

void ktk_line_reader_free(struct ktk_line_reader *lr)
{
	free(lr->key_sep.s);
	free(lr->headers_delim.s);
	free(lr->headers_sep.s);
	free(lr->headers_key_sep.s);
	free(lr->null_marker.s);
	if (lr->sep_regex)
		regfree(&lr->re);
	memset(lr, 0, sizeof(*lr));
}

/* Java's line.indexOf(sep, from): the offset, or -1. */
static long find(const char *line, size_t len, size_t from,
		 const struct ktk_line_reader_sep *sep)
{
	const char *p;

	if (from > len)
		return -1;
	if (sep->len == 0)
		return (long)from;
	if (sep->len == 1)
		p = memchr(line + from, sep->s[0], len - from);
	else
		p = memmem(line + from, len - from, sep->s, sep->len);
	return p ? (long)(p - line) : -1;
}

static int is_null(const struct ktk_line_reader *lr, const char *p, size_t n)
{
	return lr->null_marker.s && n == lr->null_marker.len &&
	       memcmp(p, lr->null_marker.s, n) == 0;
}

static int missing(const struct ktk_line_reader *lr, const char *what,
		   const char *line, size_t len, uint64_t number,
		   struct ktk_err *err)
{
	char q[300];

	(void)lr;
	ktk_record_quote(line, len, q, sizeof(q));
	return ktk_err_set(err, KTK_EXIT_DATAERR,
			   "No %s found on line number %llu: '%s'", what,
			   (unsigned long long)number, q);
}

/* the next match of headers.separator in s[from..len): *at, *mlen */
static int next_sep(const struct ktk_line_reader *lr, const char *s, size_t len,
		    size_t from, size_t *at, size_t *mlen)
{
	if (!lr->sep_regex) {
		long i = find(s, len, from, &lr->headers_sep);

		if (i < 0)
			return 0;
		*at = (size_t)i;
		*mlen = lr->headers_sep.len;
		return 1;
	}
	while (from <= len) {
		regmatch_t m[1];

		m[0].rm_so = (regoff_t)from;
		m[0].rm_eo = (regoff_t)len;
		if (regexec(&lr->re, s, 1, m, REG_STARTEND) != 0)
			return 0;
		/* Java: a zero-width match at the start splits nothing */
		if (m[0].rm_eo == m[0].rm_so && m[0].rm_so == 0) {
			from = 1;
			continue;
		}
		*at = (size_t)m[0].rm_so;
		*mlen = (size_t)(m[0].rm_eo - m[0].rm_so);
		return 1;
	}
	return 0;
}

static int add_pair(const struct ktk_line_reader *lr, const char *p, size_t n,
		    uint64_t number, struct ktk_record *rec,
		    struct ktk_err *err)
{
	long i = find(p, n, 0, &lr->headers_key_sep);
	char q[300];
	size_t v;

	if (i < 0) {
		if (lr->ignore_error)
			return ktk_record_add_header(rec, p, n, NULL, 0, err);
		ktk_record_quote(p, n, q, sizeof(q));
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "No header key separator found in pair "
				   "'%s' on line number %llu",
				   q, (unsigned long long)number);
	}
	if (is_null(lr, p, (size_t)i)) {
		ktk_record_quote(lr->null_marker.s, lr->null_marker.len, q,
				 sizeof(q));
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "Header keys should not be equal to the "
				   "null marker '%s' as they can't be null",
				   q);
	}
	v = (size_t)i + lr->headers_key_sep.len;
	if (is_null(lr, p + v, n - v))
		return ktk_record_add_header(rec, p, (size_t)i, NULL, 0, err);
	return ktk_record_add_header(rec, p, (size_t)i, p + v, n - v, err);
}

/* Java: headersSeparatorPattern.split(headers): pieces between matches,
 * trailing empty pieces dropped, and the whole input when nothing
 * matches. Empty pieces are held back until a non-empty one follows. */
static int split_headers(const struct ktk_line_reader *lr, const char *s,
			 size_t len, uint64_t number, struct ktk_record *rec,
			 struct ktk_err *err)
{
	size_t from = 0, search = 0, at, mlen, held = 0, guard;
	int matched = 0, rc = 0;
	const char *m = s;
	char *copy = NULL;

	/* regexec wants a NUL-terminated string, even with REG_STARTEND */
	if (lr->sep_regex) {
		copy = malloc(len + 1);
		if (copy == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "out of memory");
		memcpy(copy, s, len);
		copy[len] = '\0';
		m = copy;
	}
	for (guard = 0; guard <= len + 1 && rc == 0; guard++) {
		int last = !next_sep(lr, m, len, search, &at, &mlen);
		size_t plen;

		if (last)
			at = len, mlen = 0;
		else
			matched = 1;
		plen = at >= from ? at - from : 0;
		if (plen == 0) {
			held++;
		} else {
			for (; held && rc == 0; held--)
				rc = add_pair(lr, s + from, 0, number, rec, err);
			if (rc == 0)
				rc = add_pair(lr, s + from, plen, number, rec,
					      err);
		}
		if (last)
			break;
		from = at + mlen;
		search = mlen ? from : at + 1;
		if (search > len) {
			held++; /* the empty piece after the last match */
			break;
		}
	}
	if (rc == 0 && !matched && held)
		rc = add_pair(lr, s, 0, number, rec, err);
	free(copy);
	return rc;
}

int ktk_line_reader_parse(const struct ktk_line_reader *lr, const char *line,
		      size_t len, uint64_t number, struct ktk_record *rec,
		      struct ktk_err *err)
{
	size_t hoff = 0, koff = 0;
	const char *hdrs = NULL, *key = NULL;
	size_t hlen = 0, klen = 0;

	ktk_record_reset(rec);
	rec->number = number;
	if (lr->parse_headers) {
		long i = find(line, len, 0, &lr->headers_delim);

		if (i < 0) {
			if (!lr->ignore_error)
				return missing(lr, "headers delimiter", line,
					       len, number, err);
		} else {
			hdrs = line;
			hlen = (size_t)i;
			hoff = hlen + lr->headers_delim.len;
		}
	}
	if (lr->parse_key) {
		long i = find(line, len, hoff, &lr->key_sep);

		if (i < 0) {
			if (!lr->ignore_error)
				return missing(lr, "key separator", line, len,
					       number, err);
		} else {
			key = line + hoff;
			klen = (size_t)i - hoff;
			koff = klen + lr->key_sep.len;
		}
	}
	if (key != NULL && !is_null(lr, key, klen)) {
		rec->key = key;
		rec->key_len = klen;
	}
	if (!is_null(lr, line + hoff + koff, len - hoff - koff)) {
		rec->value = line + hoff + koff;
		rec->value_len = len - hoff - koff;
	}
	if (hdrs != NULL && !is_null(lr, hdrs, hlen))
		return split_headers(lr, hdrs, hlen, number, rec, err);
	return 0;
}
