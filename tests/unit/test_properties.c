/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of lib/config/properties.c: Java .properties parsing. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/config/properties.h"
#include "tests/unit/unit.h"

struct got {
	char keys[16][128], vals[16][256];
	int lines[16];
	int n;
};

static int collect(void *ctx, const char *key, const char *val, int line,
		   struct ktk_err *err)
{
	struct got *g = ctx;

	(void)err;
	if (g->n == 16)
		return -1;
	snprintf(g->keys[g->n], 128, "%s", key ? key : "[section]");
	snprintf(g->vals[g->n], 256, "%s", val);
	g->lines[g->n] = line;
	g->n++;
	return 0;
}

static struct got parse(const char *text, unsigned flags, int *rc,
			struct ktk_err *err)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	*rc = ktk_properties_parse(text, strlen(text), flags, collect, &g, err);
	return g;
}

static void t_separators(void)
{
	struct ktk_err err = {0};
	int rc;
	struct got g = parse("a=1\nb: 2\nc 3\n  d  =  4  \ne\n", 0, &rc, &err);

	CHECK_INT(rc, 0);
	CHECK_INT(g.n, 5);
	CHECK_STR(g.keys[0], "a");
	CHECK_STR(g.vals[0], "1");
	CHECK_STR(g.keys[1], "b");
	CHECK_STR(g.vals[1], "2");
	CHECK_STR(g.keys[2], "c");
	CHECK_STR(g.vals[2], "3");
	CHECK_STR(g.keys[3], "d");
	CHECK_STR(g.vals[3], "4  "); /* trailing blanks belong to the value */
	CHECK_STR(g.keys[4], "e");
	CHECK_STR(g.vals[4], "");
}

static void t_comments_and_blank_lines(void)
{
	struct ktk_err err = {0};
	int rc;
	struct got g = parse("# c\n! c\n\n   \n  # indented\nk=v # not a "
			     "comment\n",
			     0, &rc, &err);

	CHECK_INT(rc, 0);
	CHECK_INT(g.n, 1);
	CHECK_STR(g.vals[0], "v # not a comment");
	CHECK_INT(g.lines[0], 6);
}

static void t_escapes(void)
{
	struct ktk_err err = {0};
	int rc;
	struct got g = parse("k\\=x\\:y\\ z=a\\tb\\nc\\\\d\\qe\n", 0, &rc, &err);

	CHECK_INT(rc, 0);
	CHECK_STR(g.keys[0], "k=x:y z");
	CHECK_STR(g.vals[0], "a\tb\nc\\dqe");
}

static void t_unicode_escapes(void)
{
	struct ktk_err err = {0};
	int rc;
	/* e-acute, euro sign, and U+1F600 as a surrogate pair */
	struct got g = parse("u=\\u00e9\\u20AC\\ud83d\\ude00!\n", 0, &rc, &err);

	CHECK_INT(rc, 0);
	CHECK_STR(g.vals[0], "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80!");
	g = parse("bad=\\u12x4\n", 0, &rc, &err);
	CHECK_INT(rc, -1);
	CHECK_INT(err.code, KTK_EXIT_CONFIG);
	CHECK(strstr(err.msg, "line 1") != NULL);
}

static void t_continuations(void)
{
	struct ktk_err err = {0};
	int rc;
	struct got g = parse("list=a,\\\n    b,\\\r\n\tc\nnext=1\neven=x\\\\\n"
			     "after=2\n",
			     0, &rc, &err);

	CHECK_INT(rc, 0);
	CHECK_INT(g.n, 4);
	CHECK_STR(g.vals[0], "a,b,c");
	CHECK_STR(g.keys[1], "next");
	CHECK_INT(g.lines[1], 4);
	/* an even number of backslashes does not continue */
	CHECK_STR(g.vals[2], "x\\");
	CHECK_STR(g.keys[3], "after");
}

static void t_line_endings(void)
{
	struct ktk_err err = {0};
	int rc;
	struct got g = parse("a=1\r\nb=2\rc=3", 0, &rc, &err);

	CHECK_INT(rc, 0);
	CHECK_INT(g.n, 3);
	CHECK_STR(g.vals[1], "2");
	CHECK_STR(g.keys[2], "c");
	CHECK_STR(g.vals[2], "3");
}

static void t_duplicates_reported_in_order(void)
{
	struct ktk_err err = {0};
	int rc;
	struct got g = parse("k=1\nk=2\n", 0, &rc, &err);

	CHECK_INT(g.n, 2);
	CHECK_STR(g.vals[1], "2");
}

static void t_sections(void)
{
	struct ktk_err err = {0};
	int rc;
	struct got g = parse("top=1\n[prod]\nk=v\n", KTK_PROPERTIES_SECTIONS, &rc,
			     &err);

	CHECK_INT(rc, 0);
	CHECK_INT(g.n, 3);
	CHECK_STR(g.keys[1], "[section]");
	CHECK_STR(g.vals[1], "prod");
	g = parse("[broken\n", KTK_PROPERTIES_SECTIONS, &rc, &err);
	CHECK_INT(rc, -1);
	/* without the flag, [x] is an ordinary key */
	g = parse("[x]\n", 0, &rc, &err);
	CHECK_INT(rc, 0);
	CHECK_STR(g.keys[0], "[x]");
}

static void t_missing_file(void)
{
	struct ktk_err err = {0};

	CHECK_INT(ktk_properties_load("/nonexistent/x.properties", 0, collect, NULL,
				 &err),
		  -1);
	CHECK_INT(err.code, KTK_EXIT_CONFIG);
	CHECK(strstr(err.msg, "/nonexistent/x.properties") != NULL);
}

static int count(void *ctx, const char *key, const char *val, int line,
		 struct ktk_err *err)
{
	(void)key, (void)val, (void)line, (void)err;
	++*(int *)ctx;
	return 0;
}

/* F16: a file is read up to KTK_PROPERTIES_MAX, never without a bound */
static void t_size_cap(void)
{
	struct ktk_err err = {0};
	char path[] = "/tmp/ktk-unit-props-XXXXXX";
	int fd = mkstemp(path), n = 0;
	FILE *f = fdopen(fd, "w");
	size_t i;

	for (i = 0; i < KTK_PROPERTIES_MAX / 8; i++)
		fputs("a.b=cde\n", f);
	fclose(f);
	CHECK_INT(ktk_properties_load(path, 0, count, &n, &err), 0);
	CHECK_INT(n, KTK_PROPERTIES_MAX / 8);
	f = fopen(path, "a");
	fputc('\n', f);
	fclose(f);
	n = 0;
	CHECK_INT(ktk_properties_load(path, 0, count, &n, &err), -1);
	CHECK_INT(n, 0);
	CHECK_INT(err.code, KTK_EXIT_CONFIG);
	CHECK(strstr(err.msg, "larger than 1 MiB") != NULL);
	CHECK_INT(ktk_properties_load("/dev/zero", 0, count, &n, &err), -1);
	CHECK_STR(err.msg, "/dev/zero: larger than 1 MiB: not a properties file");
	unlink(path);
}

int main(void)
{
	RUN(t_separators);
	RUN(t_comments_and_blank_lines);
	RUN(t_escapes);
	RUN(t_unicode_escapes);
	RUN(t_continuations);
	RUN(t_line_endings);
	RUN(t_duplicates_reported_in_order);
	RUN(t_sections);
	RUN(t_missing_file);
	RUN(t_size_cap);
	return unit_done();
}
