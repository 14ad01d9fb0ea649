/* SPDX-License-Identifier: Apache-2.0 */
/* json_path.c -- the place in a JSON document a check is at; see json_path.h. */
#include "lib/serdes/json_path.h"

#include <stdio.h>
#include <string.h>

size_t ktk_json_path_push(struct ktk_json_path *p, const char *key,
			  size_t idx)
{
	size_t old = p->len;
	int n;

	if (p->len >= sizeof(p->s) - 1)
		return old;
	if (key)
		n = snprintf(p->s + p->len, sizeof(p->s) - p->len, "%s%s",
			     p->len ? "." : "", key);
	else
		n = snprintf(p->s + p->len, sizeof(p->s) - p->len, "[%zu]",
			     idx);
	if (n > 0)
		p->len += (size_t)n;
	if (p->len >= sizeof(p->s))
		p->len = sizeof(p->s) - 1;
	return old;
}

const char *ktk_json_path_kind(const json_t *j, int article)
{
	static const char *const names[] = {
		[JSON_OBJECT] = "an object", [JSON_ARRAY] = "an array",
		[JSON_STRING] = "a string",  [JSON_INTEGER] = "an integer",
		[JSON_REAL] = "a number",    [JSON_TRUE] = "a boolean",
		[JSON_FALSE] = "a boolean",
	};
	unsigned t = (unsigned)json_typeof(j);
	const char *s;

	if (t >= sizeof(names) / sizeof(names[0]) || names[t] == NULL)
		return "null";
	s = names[t];
	return article ? s : strchr(s, ' ') + 1;
}

int ktk_json_path_fail(const struct ktk_json_path *p, struct ktk_err *err,
		       const char *fmt, const char *a, const char *b)
{
	char m[300];

	snprintf(m, sizeof(m), fmt, a, b);
	if (p->len)
		return ktk_err_set(err, KTK_EXIT_DATAERR, "field %.*s: %s",
				   (int)p->len, p->s, m);
	return ktk_err_set(err, KTK_EXIT_DATAERR, "%s", m);
}
