/* SPDX-License-Identifier: Apache-2.0 */
/* test_line_reader.c -- LineMessageReader semantics and error texts, with the
 * cases of Kafka's LineMessageReaderTest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/input/line_reader.h"
#include "tests/unit/unit.h"

static struct ktk_line_reader lr;
static struct ktk_record rec;
static struct ktk_err err;

static void setup(const char *const *props)
{
	ktk_line_reader_free(&lr);
	CHECK(ktk_line_reader_init(&lr, &err) == 0);
	for (; props && props[0]; props += 2)
		CHECK(ktk_line_reader_set(&lr, props[0], props[1],
				      strlen(props[1]), &err) == 1);
	CHECK(ktk_line_reader_check(&lr, &err) == 0);
}

/* "key=K value=V h=N:V,N:V" with (null) for null */
static const char *show(const char *line)
{
	static char out[512];
	size_t o = 0, i;

	if (ktk_line_reader_parse(&lr, line, strlen(line), 7, &rec, &err) == -1) {
		snprintf(out, sizeof(out), "E %s", err.msg);
		return out;
	}
	o += (size_t)snprintf(out + o, sizeof(out) - o, "k=%s%.*s v=%s%.*s h=",
			      rec.key ? "" : "(null)", (int)rec.key_len,
			      rec.key ? (const char *)rec.key : "",
			      rec.value ? "" : "(null)", (int)rec.value_len,
			      rec.value ? (const char *)rec.value : "");
	for (i = 0; i < rec.nheaders; i++) {
		const struct ktk_header *h = &rec.headers[i];

		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%.*s:%s%.*s",
				      i ? "," : "", (int)h->name_len, h->name,
				      h->value ? "" : "(null)",
				      (int)h->value_len,
				      h->value ? (const char *)h->value : "");
	}
	return out;
}

static void t_defaults(void)
{
	setup(NULL);
	CHECK_STR(show("a\tb"), "k=(null) v=a\tb h=");
	CHECK_STR(show(""), "k=(null) v= h=");
	CHECK_INT(rec.number, 7);
}

static void t_key(void)
{
	static const char *const p[] = {"parse.key", " TRUE ", NULL};
	static const char *const q[] = {"parse.key", "true", "key.separator",
					"::", NULL};

	setup(p);
	CHECK_STR(show("k\tv\tw"), "k=k v=v\tw h=");
	CHECK_STR(show("key\t"), "k=key v= h=");
	CHECK_STR(show("\tv"), "k= v=v h=");
	CHECK_STR(show("novalue"),
		  "E No key separator found on line number 7: 'novalue'");
	CHECK_INT(err.code, KTK_EXIT_DATAERR);
	setup(q);
	CHECK_STR(show("a::b::c"), "k=a v=b::c h=");
}

static void t_headers(void)
{
	static const char *const p[] = {"parse.key", "true", "parse.headers",
					"true", NULL};

	setup(p);
	CHECK_STR(show("h1:v1,h2:v2\tkey1\tvalue1"),
		  "k=key1 v=value1 h=h1:v1,h2:v2");
	/* LineMessageReaderTest: ":\t\t" -> empty key, value and header */
	CHECK_STR(show(":\t\t"), "k= v= h=:");
	CHECK_STR(show("a:1,a:2,b:\tk\tv"), "k=k v=v h=a:1,a:2,b:");
	/* Java's split drops trailing empty pairs, keeps inner ones */
	CHECK_STR(show("a:1,,\tk\tv"), "k=k v=v h=a:1");
	CHECK_STR(show("a:1,,b:2\tk\tv"),
		  "E No header key separator found in pair '' on line number 7");
	CHECK_STR(show("nosep\tk\tv"),
		  "E No header key separator found in pair 'nosep' on line "
		  "number 7");
	CHECK_STR(show("only"),
		  "E No headers delimiter found on line number 7: 'only'");
	CHECK_STR(show("h:1\tonly"),
		  "E No key separator found on line number 7: 'h:1\\tonly'");
}

static void t_ignore_error(void)
{
	static const char *const p[] = {"parse.key", "true", "parse.headers",
					"true", "ignore.error", "true", NULL};

	setup(p);
	/* LineMessageReaderTest: the value is what follows the headers */
	CHECK_STR(show("h1:v1,h2:v2[MISSING]key1\tvalue1"),
		  "k=(null) v=value1 h=h1:v1,h2:v2[MISSING]key1");
	CHECK_STR(show("h1:v1,h2\tkey1value1"),
		  "k=(null) v=key1value1 h=h1:v1,h2:(null)");
}

static void t_null_marker(void)
{
	static const char *const p[] = {"parse.key",     "true",
					"parse.headers", "true",
					"null.marker",   "<NULL>", NULL};

	setup(p);
	CHECK_STR(show("h:<NULL>\t<NULL>\t<NULL>"),
		  "k=(null) v=(null) h=h:(null)");
	CHECK_STR(show("<NULL>\tk\t"), "k=k v= h=");
	CHECK_STR(show("<NULL>:x\tk\tv"),
		  "E Header keys should not be equal to the null marker "
		  "'<NULL>' as they can't be null");
}

static void t_regex_separator(void)
{
	static const char *const p[] = {"parse.headers", "true",
					"headers.separator", "[;|]", NULL};
	static const char *const q[] = {"parse.headers", "true",
					"headers.separator", " *, *", NULL};

	setup(p);
	CHECK_STR(show("a:1;b:2|c:3\tv"), "k=(null) v=v h=a:1,b:2,c:3");
	setup(q);
	CHECK_STR(show("a:1 , b:2\tv"), "k=(null) v=v h=a:1,b:2");
}

static void t_config_errors(void)
{
	static const struct {
		const char *k1, *v1, *k2, *v2, *msg;
	} c[] = {
		{"headers.delimiter", ",", NULL, NULL,
		 "headers.delimiter and headers.separator may not be equal"},
		{"headers.delimiter", ":", NULL, NULL,
		 "headers.delimiter and headers.key.separator may not be equal"},
		{"headers.separator", ":", NULL, NULL,
		 "headers.separator and headers.key.separator may not be equal"},
		{"null.marker", "\t", NULL, NULL,
		 "null.marker and key.separator may not be equal"},
		{"null.marker", ",", NULL, NULL,
		 "null.marker and headers.separator may not be equal"},
		{"null.marker", "|", "headers.delimiter", "|",
		 "null.marker and headers.delimiter may not be equal"},
		{"null.marker", ":", "key.separator", "x",
		 "null.marker and headers.key.separator may not be equal"},
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ktk_line_reader_free(&lr);
		ktk_line_reader_init(&lr, &err);
		ktk_line_reader_set(&lr, c[i].k1, c[i].v1, strlen(c[i].v1), &err);
		if (c[i].k2)
			ktk_line_reader_set(&lr, c[i].k2, c[i].v2,
					strlen(c[i].v2), &err);
		CHECK(ktk_line_reader_check(&lr, &err) == -1);
		CHECK_STR(err.msg, c[i].msg);
		CHECK_INT(err.code, KTK_EXIT_USAGE);
	}
	CHECK_INT(ktk_line_reader_set(&lr, "unknown.prop", "x", 1, &err), 0);
}

int main(void)
{
	RUN(t_defaults);
	RUN(t_key);
	RUN(t_headers);
	RUN(t_ignore_error);
	RUN(t_null_marker);
	RUN(t_regex_separator);
	RUN(t_config_errors);
	ktk_line_reader_free(&lr);
	ktk_record_free(&rec);
	return unit_done();
}
