/* SPDX-License-Identifier: Apache-2.0 */
/* topic_spec.c -- --topic filters, replica assignments, NAME=VALUE configs
 * and topic name rules; see topic_spec.h for the text layouts read. */
#include "lib/config/topic_spec.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/iso8601.h"
#include "lib/base/number.h"

/* The most nodes a filter's regular expression may expand to, and the
 * most repetitions it may stack on one another. glibc's regcomp() copies
 * the operand of each '+' and {n,m}, so nested repetitions grow
 * exponentially ("a++++...+", 30 of them, takes gigabytes), and its
 * closure of empty-matching loops is worse still ("x*+++++" takes 20 s).
 * Java allows two quantifiers in a row (x*+ is possessive); topic filters
 * are far smaller than these bounds. */
#define FILTER_NODES_MAX 10000
#define FILTER_REPEAT_DEPTH_MAX 4
/* A repetition of something already repeated counts as this many nodes:
 * each such empty-matching loop multiplies regcomp()'s time ("a**" 16
 * times takes 0.1 s, 24 times 15 s), so there can be 8 of them, copies
 * made by '+' and {n,m} included. */
#define FILTER_STACKED_NODES 1200

static size_t sat_add(size_t a, size_t b)
{
	return a + b < a || a + b > FILTER_NODES_MAX ? FILTER_NODES_MAX + 1
						      : a + b;
}

static size_t sat_mul(size_t a, size_t k)
{
	return k && a > (FILTER_NODES_MAX + 1) / k ? FILTER_NODES_MAX + 1
						  : a * k;
}

/* One more repetition on an atom @p q deep, of @p last nodes in a
 * sequence of @p cur: whether that is too deep. A repetition of a
 * repetition adds FILTER_STACKED_NODES to both. */
static int repeat(size_t *q, size_t *qmax, size_t *cur, size_t *last)
{
	if (++*q > FILTER_REPEAT_DEPTH_MAX)
		return 1;
	if (*q >= 2) {
		*cur = sat_add(*cur, FILTER_STACKED_NODES);
		*last = sat_add(*last, FILTER_STACKED_NODES);
	}
	if (*q > *qmax)
		*qmax = *q;
	return 0;
}

/* An upper bound of the nodes regcomp() makes of the ERE @p re: each atom
 * counts 1, a group the sum of its alternatives, and a repetition its
 * operand times the copies made (2 for '+', the larger bound for {n,m});
 * FILTER_NODES_MAX + 1 when larger, or when repetitions are stacked more
 * than FILTER_REPEAT_DEPTH_MAX deep (directly or through groups). */
static size_t filter_nodes(const char *re)
{
	/* an enclosing group's total, its atom, the repetition depth of its
	 * atom and the deepest repetition in it */
	size_t stack[64][4];
	size_t depth = 0, cur = 0, last = 0, k, n, m, q = 0, qmax = 0;
	const char *p = re;

	while (*p) {
		switch (*p) {
		case '\\':
			p += p[1] ? 2 : 1;
			last = 1;
			q = 0;
			cur = sat_add(cur, 1);
			continue;
		case '[':
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p && *p != ']') {
				if (*p == '[' && (p[1] == ':' || p[1] == '.' ||
						  p[1] == '=')) {
					const char *end = strchr(p + 2, p[1]);

					p = end && end[1] == ']' ? end + 2 : p + 1;
				} else
					p++;
			}
			if (*p)
				p++;
			last = 1;
			q = 0;
			cur = sat_add(cur, 1);
			continue;
		case '(':
			if (depth == sizeof(stack) / sizeof(stack[0]))
				return FILTER_NODES_MAX + 1;
			stack[depth][0] = cur;
			stack[depth][1] = last;
			stack[depth][2] = q;
			stack[depth++][3] = qmax;
			cur = last = q = qmax = 0;
			break;
		case ')':
			if (depth == 0) {
				last = 1;
				q = 0;
				cur = sat_add(cur, 1);
				break;
			}
			last = sat_add(cur, 1);
			q = qmax; /* the group is as deep as its deepest part */
			cur = sat_add(stack[--depth][0], last);
			qmax = stack[depth][3] > q ? stack[depth][3] : q;
			break;
		case '|':
			cur = sat_add(cur, 1);
			last = 0;
			q = 0;
			break;
		case '+':
			if (repeat(&q, &qmax, &cur, &last))
				return FILTER_NODES_MAX + 1;
			cur = sat_add(cur, last);
			last = sat_mul(last, 2);
			break;
		case '*':
		case '?': /* nothing copied: the operand stays as large */
			if (repeat(&q, &qmax, &cur, &last))
				return FILTER_NODES_MAX + 1;
			break;
		case '{':
			n = m = 0;
			for (p++; *p >= '0' && *p <= '9'; p++)
				n = n < 100000 ? n * 10 + (size_t)(*p - '0') : n;
			k = n;
			if (*p == ',') {
				for (p++; *p >= '0' && *p <= '9'; p++)
					m = m < 100000 ? m * 10 + (size_t)(*p - '0')
						       : m;
				k = m > n ? m : n + 1;
			}
			if (*p != '}')
				continue;
			if (repeat(&q, &qmax, &cur, &last))
				return FILTER_NODES_MAX + 1;
			cur = sat_add(cur, sat_mul(last, k ? k : 1));
			last = sat_mul(last, k ? k + 1 : 1);
			break;
		default: /* an atom (or an anchor) */
			last = 1;
			q = 0;
			cur = sat_add(cur, 1);
			break;
		}
		p++;
	}
	while (depth)
		cur = sat_add(stack[--depth][0], cur);
	return cur;
}

int ktk_topic_spec_filter_init(struct ktk_topic_spec_filter *f, const char *raw,
			  struct ktk_err *err)
{
	size_t n = strlen(raw), i, o = 0, b, e;
	char *re, errbuf[128];
	int rc;

	memset(f, 0, sizeof(*f));
	/* trim, then strip leading and trailing quotes */
	for (b = 0; b < n && isspace((unsigned char)raw[b]); b++)
		;
	for (e = n; e > b && isspace((unsigned char)raw[e - 1]); e--)
		;
	while (b < e && (raw[b] == '"' || raw[b] == '\''))
		b++;
	while (e > b && (raw[e - 1] == '"' || raw[e - 1] == '\''))
		e--;
	if (b == e)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--topic: empty topic name or pattern");
	/* "^(" + body (\d grows to [0-9], 5 bytes for 2) + ")$" */
	re = malloc(3 * (e - b) + 8);
	if (re == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	re[o++] = '^';
	re[o++] = '(';
	for (i = b; i < e; i++) {
		char c = raw[i];

		if (c == ' ')
			continue;
		if (c == ',') {
			re[o++] = '|';
		} else if (c == '\\' && i + 1 < e &&
			   (raw[i + 1] == 'd' || raw[i + 1] == 'D')) {
			const char *cls = raw[i + 1] == 'd' ? "[0-9]" : "[^0-9]";

			memcpy(re + o, cls, strlen(cls));
			o += strlen(cls);
			i++;
		} else {
			re[o++] = c;
		}
	}
	re[o++] = ')';
	re[o++] = '$';
	re[o] = '\0';
	if (filter_nodes(re) > FILTER_NODES_MAX) {
		ktk_err_set(err, KTK_EXIT_USAGE,
			    "--topic: '%.*s' is too large a regular expression "
			    "once its repetitions are expanded (more than %d "
			    "terms, or repetitions stacked more than %d deep)",
			    (int)(e - b), raw + b, FILTER_NODES_MAX,
			    FILTER_REPEAT_DEPTH_MAX);
		free(re);
		return -1;
	}
	rc = regcomp(&f->re, re, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		regerror(rc, &f->re, errbuf, sizeof(errbuf));
		ktk_err_set(err, KTK_EXIT_USAGE,
			    "--topic: '%.*s' is not a valid regular expression: "
			    "%s",
			    (int)(e - b), raw + b, errbuf);
		free(re);
		return -1;
	}
	/* keep the pattern without the anchors we added */
	re[o - 2] = '\0';
	memmove(re, re + 2, o - 3);
	f->pattern = re;
	f->compiled = 1;
	return 0;
}

int ktk_topic_spec_filter_match(const struct ktk_topic_spec_filter *f, const char *name)
{
	return f->compiled && regexec(&f->re, name, 0, NULL, 0) == 0;
}

void ktk_topic_spec_filter_free(struct ktk_topic_spec_filter *f)
{
	if (f->compiled)
		regfree(&f->re);
	free(f->pattern);
	memset(f, 0, sizeof(*f));
}

int ktk_topic_spec_is_internal(const char *name)
{
	return strcmp(name, "__consumer_offsets") == 0 ||
	       strcmp(name, "__transaction_state") == 0 ||
	       strcmp(name, "__share_group_state") == 0;
}

int ktk_topic_spec_name_check(const char *name, struct ktk_err *err)
{
	size_t n = strlen(name), i;

	if (n == 0)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--topic: topic name is empty");
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--topic: topic name cannot be \".\" or "
				   "\"..\"");
	if (n > KTK_TOPIC_NAME_MAX)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--topic: topic name is %zu characters, "
				   "longer than %d",
				   n, KTK_TOPIC_NAME_MAX);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!isalnum(c) && c != '.' && c != '_' && c != '-')
			return ktk_err_set(
				err, KTK_EXIT_USAGE,
				"--topic: topic name '%s' has an illegal "
				"character at position %zu (legal: "
				"ASCII letters, digits, '.', '_', '-')",
				name, i + 1);
	}
	return 0;
}

int ktk_topic_spec_literal_check(const char *name, int hint,
				 struct ktk_err *err)
{
	const char *list = strchr(name, ',');

	if (list != NULL && list != name && list[1] != '\0' &&
	    strpbrk(name, "^$*+?()[]{}|\\") == NULL)
		return ktk_err_set(
			err, KTK_EXIT_USAGE,
			hint == KTK_TOPIC_SPEC_MANY
				? "--topic '%s': one topic name per --topic; "
				  "repeat -t for each topic"
				: "--topic '%s': one topic name; ktk-producer "
				  "writes one topic, run it once per topic",
			name);
	if (strpbrk(name, "^$*+?()[]{}|\\,") != NULL)
		return ktk_err_set(
			err, KTK_EXIT_USAGE,
			hint == KTK_TOPIC_SPEC_MANY
				? "--topic '%s': a topic name, not a pattern; "
				  "use --include '%s' for a regular expression"
				: "--topic '%s': a topic name, not a pattern "
				  "or a list%s",
			name, hint == KTK_TOPIC_SPEC_MANY ? name : "");
	return ktk_topic_spec_name_check(name, err);
}

int ktk_topic_spec_name_collides(const char *name)
{
	return strchr(name, '.') != NULL || strchr(name, '_') != NULL;
}

/* one broker id of a replica assignment: blanks trimmed, an int32 >= 0 */
static int ra_id(const char *s, size_t len, size_t part, int32_t *out,
		 struct ktk_err *err)
{
	char buf[32];
	const char *why;

	while (len > 0 && isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (ktk_number_parse_i32(buf, 0, INT32_MAX, out, &why) == -1)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--replica-assignment: partition %zu: broker "
				   "id '%s' %s",
				   part, buf, why);
	return 0;
}

int ktk_topic_spec_replica_assignment_parse(const char *s,
				 struct ktk_topic_spec_replica_assignment *ra,
				 struct ktk_err *err)
{
	size_t cap = 1, n = 0, part = 0, rf = 0, i, j;
	const char *p;
	int32_t *ids;

	memset(ra, 0, sizeof(*ra));
	for (p = s; *p; p++)
		if (*p == ',' || *p == ':')
			cap++;
	ids = malloc(cap * sizeof(*ids));
	if (ids == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	p = s;
	for (;;) {
		const char *end = p + strcspn(p, ",");
		size_t start = n, cnt;

		for (;;) {
			const char *q = p + strcspn(p, ":,");

			if (q > end)
				q = end;
			if (ra_id(p, (size_t)(q - p), part, &ids[n], err) == -1)
				goto fail;
			n++;
			if (q == end)
				break;
			p = q + 1;
		}
		cnt = n - start;
		for (i = start; i < n; i++)
			for (j = i + 1; j < n; j++)
				if (ids[i] == ids[j]) {
					ktk_err_set(err, KTK_EXIT_USAGE,
						    "--replica-assignment: "
						    "partition %zu lists broker "
						    "%d twice",
						    part, ids[i]);
					goto fail;
				}
		if (part == 0) {
			rf = cnt;
		} else if (cnt != rf) {
			ktk_err_set(err, KTK_EXIT_USAGE,
				    "--replica-assignment: partition %zu has %zu "
				    "replicas, partition 0 has %zu",
				    part, cnt, rf);
			goto fail;
		}
		part++;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	ra->ids = ids;
	ra->partitions = part;
	ra->rf = rf;
	return 0;
fail:
	free(ids);
	return -1;
}

void ktk_topic_spec_replica_assignment_free(struct ktk_topic_spec_replica_assignment *ra)
{
	free(ra->ids);
	memset(ra, 0, sizeof(*ra));
}

int ktk_topic_spec_config_kv_parse(const char *s, char **name, char **value,
			struct ktk_err *err)
{
	const char *eq = strchr(s, '='), *ne, *vb, *ve;

	*name = *value = NULL;
	if (eq == NULL || strchr(eq + 1, '=') != NULL)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--config: '%s' is not in the format "
				   "NAME=VALUE",
				   s);
	for (ne = eq; ne > s && isspace((unsigned char)ne[-1]); ne--)
		;
	for (vb = eq + 1; isspace((unsigned char)*vb); vb++)
		;
	ve = vb + strlen(vb);
	if (ne == s || ve == vb)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--config: '%s' is not in the format "
				   "NAME=VALUE",
				   s);
	*name = strndup(s, (size_t)(ne - s));
	*value = strndup(vb, (size_t)(ve - vb));
	if (*name == NULL || *value == NULL) {
		free(*name);
		free(*value);
		*name = *value = NULL;
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	return 0;
}

int ktk_topic_spec_time_query_parse(const char *s,
				    struct ktk_topic_spec_time_query *q,
				    struct ktk_err *err)
{
	const char *colon = strchr(s, ':'), *rest, *why, *p;
	struct ktk_err e;
	char *name;

	memset(q, 0, sizeof(*q));
	q->partition = -1;
	if (colon == NULL)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--topic '%s': with -Q, expected "
				   "TOPIC[:PARTITION]:TIME",
				   s);
	if ((name = strndup(s, (size_t)(colon - s))) == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	if (ktk_topic_spec_name_check(name, &e)) {
		free(name);
		/* e.msg is "--topic: why" */
		return ktk_err_set(err, KTK_EXIT_USAGE, "--topic '%s': %s", s,
				   e.msg + strlen("--topic: "));
	}
	snprintf(q->topic, sizeof(q->topic), "%s", name);
	free(name);
	rest = colon + 1;
	for (p = rest; isdigit((unsigned char)*p); p++)
		;
	if (p > rest && *p == ':') {
		char part[16];

		if ((size_t)(p - rest) >= sizeof(part) ||
		    (memcpy(part, rest, (size_t)(p - rest)),
		     part[p - rest] = '\0',
		     ktk_number_parse_i32(part, 0, INT32_MAX, &q->partition,
					  &why)))
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--topic '%s': the partition is out "
					   "of range (0..2147483647)",
					   s);
		rest = p + 1;
	}
	if (strcmp(rest, "-1") == 0 || strcmp(rest, "-2") == 0)
		q->time = rest[1] == '1' ? -1 : -2;
	else if (ktk_number_parse_i64(rest, 0, INT64_MAX, &q->time, &why) &&
		 (ktk_iso8601_parse(rest, &q->time, &why) || q->time < 0))
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--topic '%s': '%s' is not a time (epoch "
				   "milliseconds, ISO-8601, -1 for the end or -2 "
				   "for the beginning)",
				   s, rest);
	return 0;
}
