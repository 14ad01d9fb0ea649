/* SPDX-License-Identifier: Apache-2.0 */
/* checkpoint.c -- text checkpoint files (see checkpoint.h).
 *
 *   <version>\n<count>\n<entry>\n...   entries "<epoch> <offset>" or
 *   "<topic> <partition> <offset>"; partition.metadata is
 *   "version: 0\ntopic_id: <base64url Uuid>".
 */
#include "lib/logformat/checkpoint.h"

#include <string.h>

#include "lib/base/number.h"

struct lines {
	const char *p, *end;
	long no;
};

static int next_line(struct lines *l, const char **s, size_t *len)
{
	const char *nl;

	if (l->p >= l->end)
		return 0;
	nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
	*s = l->p;
	*len = (size_t)((nl ? nl : l->end) - l->p);
	if (*len && (*s)[*len - 1] == '\r')
		(*len)--;
	l->p = nl ? nl + 1 : l->end;
	l->no++;
	return 1;
}

static int num(const char *s, size_t len, int64_t *out)
{
	const char *why;

	return ktk_number_parse_i64_n(s, len, INT64_MIN, INT64_MAX, out, &why);
}

long ktk_checkpoint_parse(const char *p, size_t n, int fields, ktk_checkpoint_cb cb,
			  void *ctx, struct ktk_err *err)
{
	struct lines l = {p, p + n, 0};
	const char *s;
	size_t len;
	int64_t version, count, i;

	if (!next_line(&l, &s, &len) || num(s, len, &version) == -1)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "line 1: expected the version number");
	if (version != 0)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "line 1: unrecognised version %lld",
				   (long long)version);
	if (!next_line(&l, &s, &len) || num(s, len, &count) == -1 ||
	    count < 0)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "line 2: expected the entry count");
	for (i = 0; i < count; i++) {
		struct ktk_checkpoint_entry e = {0};
		const char *sp1, *sp2 = NULL;

		if (!next_line(&l, &s, &len))
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "line %ld: expected %lld entries, "
					   "found %lld",
					   l.no + 1, (long long)count,
					   (long long)i);
		sp1 = memchr(s, ' ', len);
		if (sp1 && fields == 3)
			sp2 = memchr(sp1 + 1, ' ', (size_t)(s + len - sp1 - 1));
		if (sp1 == NULL || (fields == 3 && sp2 == NULL))
			goto bad;
		if (fields == 3) {
			e.topic = s;
			e.topic_len = (size_t)(sp1 - s);
			if (num(sp1 + 1, (size_t)(sp2 - sp1 - 1), &e.a) == -1 ||
			    num(sp2 + 1, (size_t)(s + len - sp2 - 1), &e.b) == -1)
				goto bad;
		} else if (num(s, (size_t)(sp1 - s), &e.a) == -1 ||
			   num(sp1 + 1, (size_t)(s + len - sp1 - 1), &e.b) == -1)
			goto bad;
		if (cb && cb(ctx, &e) == -1)
			return (long)i;
		continue;
bad:
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "line %ld: malformed entry '%.*s'", l.no,
				   (int)(len > 80 ? 80 : len), s);
	}
	while (next_line(&l, &s, &len))
		if (len != 0)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "line %ld: more entries than the "
					   "count %lld",
					   l.no, (long long)count);
	return (long)count;
}

int ktk_checkpoint_partition_metadata_parse(const char *p, size_t n, char topic_id[23],
				 struct ktk_err *err)
{
	struct lines l = {p, p + n, 0};
	const char *s;
	size_t len, i;

	if (!next_line(&l, &s, &len) || len != 10 ||
	    memcmp(s, "version: 0", 10) != 0)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "line 1: expected 'version: 0'");
	if (!next_line(&l, &s, &len) || len != 32 ||
	    memcmp(s, "topic_id: ", 10) != 0)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "line 2: expected 'topic_id: <22 chars>'");
	for (i = 10; i < 32; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '_'))
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "line 2: topic id has a character "
					   "outside base64url");
	memcpy(topic_id, s + 10, 22);
	topic_id[22] = '\0';
	return 0;
}
