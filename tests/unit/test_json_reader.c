/* SPDX-License-Identifier: Apache-2.0 */
/* test_json_reader.c -- JSON lines as ktk-consumer --json writes them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/input/json_reader.h"
#include "tests/unit/unit.h"

static struct ktk_json_reader j;
static struct ktk_record rec;
static struct ktk_err err;

static int parse(const char *s) { return ktk_json_reader_parse(&j, s, strlen(s), 3, &rec, &err); }

static void t_consumer_output(void)
{
	CHECK_INT(parse("{\"topic\":\"t\",\"partition\":2,\"offset\":9,"
			"\"timestamp\":1700000000000,\"timestamp_type\":"
			"\"CreateTime\",\"key\":\"k\",\"value\":{\"base64\":"
			"\"AAEC/w==\"},\"headers\":[[\"a\",\"1\"],[\"a\",null],"
			"[\"b\",{\"base64\":\"AA==\"}]],\"leader_epoch\":0}"),
		  1);
	CHECK_INT(rec.partition, 2);
	CHECK_INT(rec.timestamp, 1700000000000LL);
	CHECK_INT(rec.key_len, 1);
	CHECK(memcmp(rec.key, "k", 1) == 0);
	CHECK_INT(rec.value_len, 4);
	CHECK(memcmp(rec.value, "\0\1\2\377", 4) == 0);
	CHECK_INT(rec.nheaders, 3);
	CHECK(rec.headers[1].value == NULL);
	CHECK_INT(rec.headers[2].value_len, 1);
	CHECK_INT(((const char *)rec.headers[2].value)[0], 0);
	CHECK_INT(rec.number, 3);
}

static void t_nulls_and_defaults(void)
{
	CHECK_INT(parse("{\"key\":null,\"value\":\"\"}"), 1);
	CHECK(rec.key == NULL);
	CHECK(rec.value != NULL);
	CHECK_INT(rec.value_len, 0);
	CHECK_INT(rec.partition, -1);
	CHECK_INT(rec.timestamp, 0);
	CHECK_INT(parse("{}"), 1);
	CHECK(rec.key == NULL && rec.value == NULL);
	CHECK_INT(parse("{\"value\":\"a\\u0000b\",\"timestamp\":-1}"), 1);
	CHECK_INT(rec.value_len, 3);
	CHECK_INT(rec.timestamp, 0);
	CHECK_INT(parse("   "), 0);
	CHECK_INT(parse(""), 0);
}

static void t_errors(void)
{
	CHECK_INT(parse("{\"value\":"), -1);
	CHECK(strncmp(err.msg, "column ", 7) == 0);
	CHECK_INT(err.code, KTK_EXIT_DATAERR);
	CHECK_INT(parse("[1]"), -1);
	CHECK_STR(err.msg, "not a JSON object");
	CHECK_INT(parse("{\"key\":1}"), -1);
	CHECK_STR(err.msg, "\"key\" must be a string, {\"base64\": "
			   "\"...\"} or null");
	CHECK_INT(parse("{\"value\":{\"base64\":\"!!\"}}"), -1);
	CHECK_STR(err.msg, "\"value\" has invalid base64");
	CHECK_INT(parse("{\"headers\":[[\"a\"]]}"), -1);
	CHECK_INT(parse("{\"partition\":-2}"), -1);
	CHECK_STR(err.msg, "\"partition\" must be a partition number");
	CHECK_INT(parse("{\"timestamp\":\"x\"}"), -1);
}

/* a schema-registry producer: the value is any JSON value, kept as such */
static void t_datum_value(void)
{
	j.datum_value = 1;
	CHECK_INT(parse("{\"key\":\"k\",\"value\":{\"a\":[1,2]},"
			"\"value_schema_id\":4}"),
		  1);
	CHECK(rec.value == NULL);
	CHECK(j.value_datum != NULL && j.key_datum == NULL);
	CHECK_INT(rec.key_len, 1);
	CHECK_INT(parse("{\"key\":null}"), 1);
	CHECK(j.value_datum == NULL);
	j.datum_value = 0;
	CHECK_INT(parse("{\"value\":{\"a\":1}}"), -1);
}

int main(void)
{
	RUN(t_consumer_output);
	RUN(t_nulls_and_defaults);
	RUN(t_errors);
	RUN(t_datum_value);
	ktk_json_reader_free(&j);
	ktk_record_free(&rec);
	return unit_done();
}
