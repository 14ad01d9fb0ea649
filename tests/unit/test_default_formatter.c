/* SPDX-License-Identifier: Apache-2.0 */
/* test_default_formatter.c -- DefaultMessageFormatter layout, byte for byte. */
#include "lib/output/default_formatter.h"

#include <stdlib.h>

#include "tests/unit/unit.h"

static struct ktk_header hdrs[] = {
	{"h1", 2, "v1", 2},
	{"h2", 2, NULL, 0},
};

static struct ktk_record_view rec(void)
{
	struct ktk_record_view r = {
		.topic = "t", .topic_len = 1, .partition = 3, .offset = 42,
		.timestamp = 1700000000000, .tstype = KTK_TS_CREATE,
		.leader_epoch = -1, .key = "k", .key_len = 1,
		.value = "v", .value_len = 1, .headers = hdrs,
		.header_cnt = 2,
	};
	return r;
}

/* format r with the properties "k=v" in props (NULL-terminated) */
static char *fmt(const struct ktk_record_view *r, const char **props)
{
	struct ktk_default_formatter f;
	struct ktk_buffer b;
	struct ktk_err err;
	char *s;

	ktk_default_formatter_init(&f, &err);
	for (; props && *props; props++) {
		char key[64];
		const char *eq = strchr(*props, '=');

		snprintf(key, sizeof(key), "%.*s", (int)(eq - *props), *props);
		CHECK(ktk_default_formatter_set(&f, key, eq + 1, &err) == 0);
	}
	ktk_buffer_init(&b, 0);
	ktk_default_formatter_write(&f, r, &b);
	s = strndup(b.p, b.len);
	ktk_buffer_free(&b);
	ktk_default_formatter_free(&f);
	return s;
}

static void t_default(void)
{
	struct ktk_record_view r = rec();
	char *s = fmt(&r, NULL);

	CHECK_STR(s, "v\n");
	free(s);
	r.value = NULL;
	s = fmt(&r, NULL);
	CHECK_STR(s, "null\n");
	free(s);
}

static void t_all_fields(void)
{
	struct ktk_record_view r = rec();
	const char *p[] = {"print.timestamp=true", "print.partition=TRUE",
			   "print.offset= true ", "print.headers=true",
			   "print.key=true", "print.epoch=true",
			   "print.delivery=true", NULL};
	char *s = fmt(&r, p);

	CHECK_STR(s, "CreateTime:1700000000000\tPartition:3\tOffset:42\t"
		     "Delivery:NOT_PRESENT\tEpoch:NOT_PRESENT\t"
		     "h1:v1,h2:null\tk\tv\n");
	free(s);
}

static void t_no_value(void)
{
	struct ktk_record_view r = rec();
	const char *p[] = {"print.key=true", "print.value=false",
			   "key.separator= | ", "line.separator=;", NULL};
	const char *p2[] = {"print.value=false", NULL};
	char *s = fmt(&r, p);

	CHECK_STR(s, "k;");
	free(s);
	s = fmt(&r, p2);
	CHECK_STR(s, "");
	free(s);
}

static void t_separators_nulls(void)
{
	struct ktk_record_view r = rec();
	const char *p[] = {"print.headers=true", "print.key=true",
			   "headers.separator=|", "null.literal=NIL",
			   "key.separator=::", "print.timestamp=true", NULL};
	char *s;

	r.key = NULL;
	r.tstype = KTK_TS_LOG_APPEND;
	s = fmt(&r, p);
	CHECK_STR(s, "LogAppendTime:1700000000000::h1:v1|h2:NIL::NIL::v\n");
	free(s);
	r.header_cnt = 0;
	r.tstype = KTK_TS_NONE;
	s = fmt(&r, p);
	CHECK_STR(s, "NO_TIMESTAMP::NO_HEADERS::NIL::v\n");
	free(s);
}

/* kcat's consumer -K '\t' -D '\0' -Z */
static void t_kcat(void)
{
	struct ktk_record_view r = rec();
	struct ktk_default_formatter f;
	struct ktk_buffer b;
	struct ktk_err err;

	CHECK(ktk_default_formatter_init(&f, &err) == 0);
	CHECK(ktk_default_formatter_kcat(&f, "\\t", "\\0", 1, &err) == 0);
	ktk_buffer_init(&b, 0);
	r.value = NULL;
	ktk_default_formatter_write(&f, &r, &b);
	CHECK_INT((int)b.len, 7);
	CHECK(memcmp(b.p, "k\tNULL\0", 7) == 0);
	ktk_buffer_free(&b);
	CHECK(ktk_default_formatter_kcat(&f, "\\q", NULL, 0, &err) == -1);
	CHECK_INT(err.code, KTK_EXIT_USAGE);
	CHECK(strstr(err.msg, "-K '\\q'") != NULL);
	ktk_default_formatter_free(&f);
}

static void t_bad_props(void)
{
	struct ktk_default_formatter f;
	struct ktk_err err;

	ktk_default_formatter_init(&f, &err);
	CHECK(ktk_default_formatter_set(&f, "print.keys", "true", &err) == -1);
	CHECK_INT(err.code, KTK_EXIT_USAGE);
	CHECK(strstr(err.msg, "print.keys") != NULL);
	CHECK(ktk_default_formatter_set(&f, "key.deserializer",
			   "org.apache.kafka.common.serialization."
			   "StringDeserializer",
			   &err) == 0);
	CHECK(ktk_default_formatter_set(&f, "value.deserializer", "x.LongDeserializer",
			   &err) == -1);
	ktk_default_formatter_free(&f);
}

int main(void)
{
	RUN(t_default);
	RUN(t_all_fields);
	RUN(t_no_value);
	RUN(t_separators_nulls);
	RUN(t_bad_props);
	RUN(t_kcat);
	return unit_done();
}
