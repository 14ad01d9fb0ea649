/* SPDX-License-Identifier: Apache-2.0 */
/* test_format_string.c -- kcat-style format strings and their extra tokens. */
#include "lib/output/format_string.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "tests/unit/unit.h"

static struct ktk_header hdrs[] = {
	{"n", 1, "v", 1}, {"n", 1, NULL, 0}, {"m", 1, "w", 1}};

static struct ktk_record_view rec(void)
{
	struct ktk_record_view r = {
		.topic = "tp", .topic_len = 2, .partition = 1, .offset = 7,
		.timestamp = 1706702400123, /* 2024-01-31T12:00:00.123Z */
		.tstype = KTK_TS_CREATE, .leader_epoch = 4,
		.key = "\x01k", .key_len = 2, .value = "val", .value_len = 3,
		.headers = hdrs, .header_cnt = 3,
	};
	return r;
}

static char *fmt(const char *f, const struct ktk_record_view *r, size_t *len)
{
	struct ktk_format_string fs;
	struct ktk_buffer b;
	struct ktk_err err;
	char *s;

	if (ktk_format_string_compile(&fs, f, &err) == -1)
		return NULL;
	ktk_buffer_init(&b, 0);
	ktk_format_string_write(&fs, r, &b);
	s = malloc(b.len + 1);
	memcpy(s, b.p, b.len);
	s[b.len] = '\0';
	if (len)
		*len = b.len;
	ktk_buffer_free(&b);
	ktk_format_string_free(&fs);
	return s;
}

#define EXPECT(f, want)                                                       \
	do {                                                                  \
		char *s_ = fmt((f), &r, NULL);                                \
		CHECK_STR(s_, (want));                                        \
		free(s_);                                                     \
	} while (0)

static void t_kcat_tokens(void)
{
	struct ktk_record_view r = rec();
	size_t n;
	char *s;

	EXPECT("%t [%p] @%o: %s (%S) %K %T %h %%\\n", "tp [1] @7: val (3) 2 "
		"1706702400123 n=v,n=NULL,m=w %\n");
	s = fmt("%R", &r, &n);
	CHECK(n == 4 && memcmp(s, "\0\0\0\3", 4) == 0);
	free(s);
	r.value = NULL;
	r.key = NULL;
	EXPECT("[%s][%k]%S%K", "[][]-1-1");
	EXPECT("\\t\\x41\\\\", "\tA\\");
}

static void t_extra_tokens(void)
{
	struct ktk_record_view r = rec();

	EXPECT("%{key:hex} %{value:base64} %{key:json}", "016b dmFs "
		"\"\\u0001k\"");
	EXPECT("%{headers:json}", "[[\"n\",\"v\"],[\"n\",null],[\"m\",\"w\"]]");
	EXPECT("%{header:m}|%{header:n}|%{header:x}", "w|v|");
	EXPECT("%{date}", "2024-01-31T12:00:00.123Z");
	EXPECT("%{date:%Y/%m/%d %H.%M.%S.%L}", "2024/01/31 12.00.00.123");
	EXPECT("%{tstype} %{epoch}", "CreateTime 4");
	EXPECT("%{topic}%{partition}%{offset}%{key:base64}", "tp17AWs=");
	EXPECT("%{json}", "{\"topic\":\"tp\",\"partition\":1,\"offset\":7,"
			  "\"timestamp\":1706702400123,\"timestamp_type\":"
			  "\"CreateTime\",\"key\":\"\\u0001k\",\"value\":"
			  "\"val\",\"headers\":[[\"n\",\"v\"],[\"n\",null],"
			  "[\"m\",\"w\"]],\"leader_epoch\":4}");
	setenv("TZ", "UTC+2", 1);
	tzset();
	EXPECT("%{date:local}", "2024-01-31T10:00:00.123-02:00");
	EXPECT("%{localdate:%H:%M}", "10:00");
}

/* F7: years of 7 digits and more, in a zone with an offset, wrote past
 * the 32-byte buffer (NULs and stack bytes in the output). */
static void t_date_far_future(void)
{
	struct ktk_record_view r = rec();
	size_t len;
	char *s;

	setenv("TZ", "IST-5:30", 1);
	tzset();
	r.timestamp = 320000000000000000LL;
	s = fmt("[%{date:local}] [%{date}]", &r, &len);
	CHECK_STR(s, "[10142366-04-28T22:23:20.000+05:30] "
		     "[10142366-04-28T16:53:20.000Z]");
	CHECK_INT(len, strlen(s));
	free(s);
	r.timestamp = INT64_MAX;
	s = fmt("[%{date:local}]", &r, &len);
	CHECK_INT(len, strlen(s));
	CHECK(strstr(s, "+05:30]") != NULL);
	free(s);
}

static void t_errors(void)
{
	struct ktk_format_string fs;
	struct ktk_err err;

	CHECK(ktk_format_string_compile(&fs, "ab%q", &err) == -1);
	CHECK_INT(err.code, KTK_EXIT_USAGE);
	CHECK(strstr(err.msg, "%q") && strstr(err.msg, "byte 3"));
	CHECK(ktk_format_string_compile(&fs, "%{nope}", &err) == -1);
	CHECK(strstr(err.msg, "%{nope}") != NULL);
	CHECK(ktk_format_string_compile(&fs, "%{key", &err) == -1);
	CHECK(ktk_format_string_compile(&fs, "x%", &err) == -1);
	CHECK(ktk_format_string_compile(&fs, "\\xZZ", &err) == -1);
	CHECK(ktk_format_string_compile(&fs, "%{date:nopercent}", &err) == -1);
	CHECK(ktk_format_string_compile(&fs, "%s", &err) == 0);
	CHECK(!ktk_format_string_uses_headers(&fs));
	ktk_format_string_free(&fs);
	CHECK(ktk_format_string_compile(&fs, "%h", &err) == 0);
	CHECK(ktk_format_string_uses_headers(&fs));
	ktk_format_string_free(&fs);
}

int main(void)
{
	RUN(t_kcat_tokens);
	RUN(t_extra_tokens);
	RUN(t_errors);
	RUN(t_date_far_future);
	return unit_done();
}
