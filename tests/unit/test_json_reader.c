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
	CHECK_INT(parse("{\"key\":null,\"value\":null}"), 1);
	CHECK(rec.key == NULL && rec.value == NULL);
	CHECK_INT(parse("{\"key\":null,\"value\":\"a\\u0000b\",\"timestamp\":-1}"), 1);
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
	CHECK_INT(parse("{\"key\":1,\"value\":null}"), -1);
	CHECK_STR(err.msg, "\"key\" must be a string, {\"base64\": "
			   "\"...\"} or null");
	CHECK_INT(parse("{\"key\":null,\"value\":{\"base64\":\"!!\"}}"), -1);
	CHECK_STR(err.msg, "\"value\" has invalid base64");
	CHECK_INT(parse("{\"key\":null,\"value\":null,\"headers\":[[\"a\"]]}"), -1);
	CHECK_STR(err.msg, "\"headers\" must be an array of [name, value] pairs");
	CHECK_INT(parse("{\"key\":null,\"value\":null,\"partition\":-2}"), -1);
	CHECK_STR(err.msg, "\"partition\" must be a partition number");
	CHECK_INT(parse("{\"key\":null,\"value\":null,\"timestamp\":\"x\"}"), -1);
	CHECK_STR(err.msg, "\"timestamp\" must be milliseconds since the epoch");
}

/* Issue 17: a line without "value" (or "key") is not a tombstone */
static void t_missing_and_unknown_fields(void)
{
	CHECK_INT(parse("{}"), -1);
	CHECK_STR(err.msg, "no \"value\" field (write \"value\": null for a "
			   "record without a value)");
	CHECK_INT(parse("{\"partition\":6}"), -1);
	CHECK_INT(err.code, KTK_EXIT_DATAERR);
	CHECK_INT(parse("{\"value\":\"v\"}"), -1);
	CHECK_STR(err.msg, "no \"key\" field (write \"key\": null for a "
			   "record without a key)");
	CHECK_INT(parse("{\"key\":null,\"value\":\"v\",\"vaule\":1}"), -1);
	CHECK_STR(err.msg, "unknown field \"vaule\" (ktk fields: key, value, "
			   "headers, partition, timestamp)");
	CHECK_INT(parse("{\"key\":null,\"Value\":\"v\"}"), -1);
	CHECK_INT(parse("{\"key\":null,\"payload\":\"v\",\"value\":null}"), -1);
	CHECK_STR(err.msg, "unknown field \"payload\" (ktk fields: key, value, "
			   "headers, partition, timestamp)");
	CHECK_INT(parse("{\"key\":null,\"value\":null,\"\\u001b[2J\":1}"), -1);
	CHECK(strchr(err.msg, '\x1b') == NULL);
	/* F17: jansson's message quotes the raw input near the error */
	CHECK_INT(parse("{\"key\":null,\"value\":\x1b[2Jx}"), -1);
	CHECK(strncmp(err.msg, "column ", 7) == 0);
	CHECK(strchr(err.msg, '\x1b') == NULL);
	CHECK(strstr(err.msg, "\\x1b") != NULL);
}

/* kcat -J's envelope: payload, ts, flat headers */
static void t_kcat_envelope(void)
{
	CHECK_INT(parse("{\"topic\":\"t\",\"partition\":1,\"offset\":5,"
			"\"tstype\":\"create\",\"ts\":1700000000001,"
			"\"broker\":1,\"headers\":[\"a\",\"1\",\"b\",null],"
			"\"key\":\"k\",\"payload\":\"kcat-style\"}"),
		  1);
	CHECK_INT(rec.partition, 1);
	CHECK_INT(rec.timestamp, 1700000000001LL);
	CHECK_INT(rec.key_len, 1);
	CHECK_INT(rec.value_len, 10);
	CHECK(memcmp(rec.value, "kcat-style", 10) == 0);
	CHECK_INT(rec.nheaders, 2);
	CHECK_INT(rec.headers[0].name_len, 1);
	CHECK(rec.headers[1].value == NULL);
	CHECK_INT(parse("{\"key\":null,\"payload\":null}"), 1);
	CHECK(rec.key == NULL && rec.value == NULL);
	CHECK_INT(parse("{\"payload\":\"x\"}"), -1);
	CHECK_STR(err.msg, "no \"key\" field (write \"key\": null for a "
			   "record without a key)");
	CHECK_INT(parse("{\"key\":null,\"payload\":\"x\",\"headers\":[\"a\"]}"),
		  -1);
	CHECK_STR(err.msg, "\"headers\" must be an array of names and values "
			   "[name, value, name, value, ...]");
	CHECK_INT(parse("{\"key\":null,\"payload\":\"x\",\"timestamp\":1}"), -1);
	CHECK_STR(err.msg, "unknown field \"timestamp\" (kcat -J fields: key, "
			   "payload, headers, partition, ts)");
	CHECK_INT(parse("{\"key\":null,\"payload\":\"x\",\"ts\":\"x\"}"), -1);
	CHECK_STR(err.msg, "\"ts\" must be milliseconds since the epoch");
}

int main(void)
{
	RUN(t_consumer_output);
	RUN(t_nulls_and_defaults);
	RUN(t_errors);
	RUN(t_missing_and_unknown_fields);
	RUN(t_kcat_envelope);
	ktk_json_reader_free(&j);
	ktk_record_free(&rec);
	return unit_done();
}
