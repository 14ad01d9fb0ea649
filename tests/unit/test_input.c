/* SPDX-License-Identifier: Apache-2.0 */
/* test_input.c -- files in order, the three formats, and -k, -H, -Z. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/input/input.h"
#include "tests/unit/unit.h"

static char f1[64], f2[64];

static void write_to(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");

	fputs(data, f);
	fclose(f);
}

static void t_files_and_extras(void)
{
	char *files[2] = {f1, f2};
	struct ktk_input in;
	struct ktk_record rec = {0};
	struct ktk_err err;
	struct ktk_header fixed[1] = {{"h", 1, NULL, 0}};
	uint64_t pos;
	char where[128];

	write_to(f1, "k:v\n:\n");
	write_to(f2, "nosep\n");
	CHECK(ktk_input_init(&in, files, 2, &err) == 0);
	ktk_line_reader_set(&in.lr, "parse.key", "true", 4, &err);
	ktk_line_reader_set(&in.lr, "key.separator", ":", 1, &err);
	CHECK(ktk_line_reader_check(&in.lr, &err) == 0);
	in.fixed_key = "K";
	in.fixed_key_len = 1;
	in.fixed = fixed;
	in.nfixed = 1;
	in.empty_null = 1;
	CHECK_INT(in.total_size, 12);
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_RECORD);
	CHECK(rec.key_len == 1 && memcmp(rec.key, "k", 1) == 0);
	CHECK_INT(rec.nheaders, 1);
	CHECK(rec.headers[0].value == NULL);
	/* ":" -> empty key and value, made null by -Z (-k fills null keys
	 * before -Z, so the empty key stays null) */
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_RECORD);
	CHECK(rec.key == NULL);
	CHECK(rec.value == NULL);
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_BAD);
	CHECK_STR(in.bad, "not parsable");
	ktk_input_where(&in, pos, where, sizeof(where));
	CHECK(strstr(where, f2) != NULL && strstr(where, ":1") != NULL);
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_END);
	CHECK_INT(ktk_input_bytes(&in), 12);
	/* the progress line: plurals, and the rate in human units */
	ktk_input_progress(&in, 1, 1, 2.0, where, sizeof(where));
	CHECK_STR(where, "1 record, 1 delivered, 0 records/s, 6 B/s, 100%");
	ktk_input_progress(&in, 3000000, 2, 0.001, where, sizeof(where));
	CHECK_STR(where, "3000000 records, 2 delivered, 3000000000 records/s, "
			 "12.0 kB/s, 100%");
	ktk_input_free(&in);
	ktk_record_free(&rec);
}

static void t_json_and_raw(void)
{
	char *files[1] = {f1};
	struct ktk_input in;
	struct ktk_record rec = {0};
	struct ktk_err err;
	uint64_t pos;

	write_to(f1, "{\"key\":null,\"value\":\"v\"}\n\n{\"value\":3}\n");
	CHECK(ktk_input_init(&in, files, 1, &err) == 0);
	in.format = KTK_IN_JSON;
	in.fixed_key = "K";
	in.fixed_key_len = 1;
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_RECORD);
	CHECK(rec.key != NULL && memcmp(rec.key, "K", 1) == 0);
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_BAD);
	CHECK_INT(pos & 0xffffffffffffULL, 3);
	ktk_input_free(&in);
	CHECK(ktk_input_init(&in, files, 1, &err) == 0);
	in.format = KTK_IN_RAW;
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_RECORD);
	CHECK_INT(rec.value_len, strlen("{\"key\":null,\"value\":\"v\"}\n\n{\"value\":3}\n"));
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_END);
	ktk_input_free(&in);
	ktk_record_free(&rec);
}

static void t_too_big(void)
{
	char *files[1] = {f1};
	struct ktk_input in;
	struct ktk_record rec = {0};
	struct ktk_err err;
	uint64_t pos;

	write_to(f1, "short\nthis line is too long\nok\n");
	CHECK(ktk_input_init(&in, files, 1, &err) == 0);
	in.max = 10;
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_RECORD);
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_BAD);
	CHECK_STR(in.bad, "larger than message.max.bytes");
	CHECK_STR(err.msg, "record of 21 bytes is larger than "
			   "message.max.bytes (10)");
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_RECORD);
	CHECK(rec.value_len == 2 && memcmp(rec.value, "ok", 2) == 0);
	ktk_input_free(&in);
	ktk_record_free(&rec);
}

/* a JSON copy: the named partition checked, or dropped with the
 * timestamp */
static void t_partition_and_timestamp(void)
{
	char *files[1] = {f1};
	struct ktk_input in;
	struct ktk_record rec = {0};
	struct ktk_err err;
	uint64_t pos;

	write_to(f1, "{\"key\":null,\"value\":\"a\",\"partition\":1,\"timestamp\":1000}\n"
		     "{\"key\":null,\"value\":\"b\",\"partition\":5,\"timestamp\":2000}\n");
	CHECK(ktk_input_init(&in, files, 1, &err) == 0);
	in.format = KTK_IN_JSON;
	in.topic = "t";
	in.partitions = 3;
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_RECORD);
	CHECK_INT(rec.partition, 1);
	CHECK(rec.timestamp == 1000);
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), -1);
	CHECK_INT(err.code, KTK_EXIT_FAIL);
	CHECK(strstr(err.msg, ":2: topic t has no partition 5 (it has 3); "
			      "--ignore-partition") != NULL);
	ktk_input_free(&in);
	CHECK(ktk_input_init(&in, files, 1, &err) == 0);
	in.format = KTK_IN_JSON;
	in.partitions = 3;
	in.ignore_partition = 1;
	in.ignore_timestamp = 1;
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_RECORD);
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_RECORD);
	CHECK_INT(rec.partition, -1);
	CHECK(rec.timestamp == 0);
	CHECK_INT(ktk_input_next(&in, &rec, &pos, &err), KTK_INPUT_END);
	ktk_input_free(&in);
	ktk_record_free(&rec);
}

int main(void)
{
	snprintf(f1, sizeof(f1), "/tmp/ktk-test-input1-%d", (int)getpid());
	snprintf(f2, sizeof(f2), "/tmp/ktk-test-input2-%d", (int)getpid());
	RUN(t_files_and_extras);
	RUN(t_json_and_raw);
	RUN(t_too_big);
	RUN(t_partition_and_timestamp);
	unlink(f1);
	unlink(f2);
	return unit_done();
}
