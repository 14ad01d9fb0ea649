/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/logformat/message_schema.c, lib/logformat/coordinator_records.c and lib/logformat/metadata_records.c:
 * hand-encoded messages against the JSON Kafka prints. */
#include <string.h>

#include "lib/logformat/coordinator_records.h"
#include "lib/logformat/message_schema.h"
#include "lib/logformat/metadata_records.h"
#include "tests/unit/unit.h"

static void t_topic_record(void)
{
	/* frame 1, apiKey 2 (TopicRecord), version 0, flexible:
	 * compact string "foo", uuid, no tagged fields */
	uint8_t v[3 + 4 + 16 + 1] = {1, 2, 0, 4, 'f', 'o', 'o'};
	struct ktk_buffer out = {0};

	v[7] = 0x52;
	ktk_metadata_records_decode(5, v, sizeof(v), &out);
	CHECK_STR((char *)out.p, "{\"type\":\"TOPIC_RECORD\",\"version\":0,"
				 "\"data\":{\"name\":\"foo\",\"topicId\":"
				 "\"UgAAAAAAAAAAAAAAAAAAAA\"}}");
	out.len = 0;
	ktk_metadata_records_decode(6, v, sizeof(v) - 1, &out);
	CHECK(strncmp((char *)out.p, "Error at 6, skipping. ", 22) == 0);
	out.len = 0;
	v[0] = 2;
	ktk_metadata_records_decode(7, v, sizeof(v), &out);
	CHECK(strstr((char *)out.p, "unknown frame version 2") != NULL);
	ktk_buffer_free(&out);
}

static void t_offsets(void)
{
	/* OffsetCommitKey: type 1, group "g", topic "t", partition 3 */
	const uint8_t key[] = {0, 1, 0, 1, 'g', 0, 1, 't', 0, 0, 0, 3};
	/* OffsetCommitValue v3: offset 10, leaderEpoch -1, metadata "",
	 * commitTimestamp 99 */
	const uint8_t val[] = {0, 3, 0, 0, 0, 0, 0, 0, 0, 10, 0xff, 0xff, 0xff,
			       0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 99};
	const uint8_t unknown[] = {0x7f, 0xff};
	struct ktk_buffer out = {0};
	long k, v;

	CHECK(ktk_coordinator_records_decode(KTK_COORD_GROUP, 0, key, sizeof(key), val,
			       sizeof(val), &out, &k, &v) == 0);
	CHECK_STR((char *)out.p + k,
		  "{\"type\":\"1\",\"data\":{\"group\":\"g\",\"topic\":\"t\","
		  "\"partition\":3}}");
	CHECK_STR((char *)out.p + v,
		  "{\"version\":\"3\",\"data\":{\"offset\":10,\"leaderEpoch\":-1,"
		  "\"metadata\":\"\",\"commitTimestamp\":99}}");
	CHECK(ktk_coordinator_records_decode(KTK_COORD_GROUP, 0, key, sizeof(key), NULL, -1,
			       &out, &k, &v) == 0);
	CHECK_STR((char *)out.p + v, "<DELETE>");
	CHECK(ktk_coordinator_records_decode(KTK_COORD_GROUP, 4, unknown, 2, NULL, -1, &out,
			       &k, &v) == 0);
	CHECK_STR((char *)out.p + k,
		  "Unknown record type 32767 at offset 4, skipping.");
	CHECK(v == -1);
	CHECK(ktk_coordinator_records_decode(KTK_COORD_GROUP, 0, NULL, -1, NULL, -1, &out, &k,
			       &v) == -1);
	CHECK(strstr((char *)out.p, "(message had a missing key)") != NULL);
	/* value too short: an error text as the key, no value */
	CHECK(ktk_coordinator_records_decode(KTK_COORD_GROUP, 2, key, sizeof(key), val, 8,
			       &out, &k, &v) == 0);
	CHECK(strncmp((char *)out.p + k, "Error at offset 2, skipping. ", 29) == 0);
	CHECK(v == -1);
	ktk_buffer_free(&out);
}

static void t_control(void)
{
	const uint8_t commit_key[] = {0, 0, 0, 1};
	const uint8_t marker[] = {0, 0, 0, 0, 0, 100};
	const uint8_t kv_key[] = {0, 0, 0, 5};
	/* KRaftVersionRecord v0: Version int16 0, KRaftVersion int16 1, no tags */
	const uint8_t kv_val[] = {0, 0, 0, 1, 0};
	const uint8_t odd_key[] = {0, 0, 0, 9};
	struct ktk_buffer out = {0};

	CHECK(ktk_metadata_records_control_text(commit_key, 4, marker, 6, &out) == 0);
	CHECK_STR((char *)out.p, " endTxnMarker: COMMIT coordinatorEpoch: 100");
	out.len = 0;
	CHECK(ktk_metadata_records_control_text(kv_key, 4, kv_val, 5, &out) == 0);
	CHECK_STR((char *)out.p, " KRaftVersion {\"version\":0,\"kRaftVersion\":1}");
	out.len = 0;
	CHECK(ktk_metadata_records_control_text(odd_key, 4, NULL, -1, &out) == 0);
	CHECK_STR((char *)out.p, " controlType: UNKNOWN(9)");
	ktk_buffer_free(&out);
}

static void t_strings(void)
{
	struct ktk_buffer out = {0};

	ktk_message_schema_json_str(&out, (const uint8_t *)"a\"b\\\n\x01", 6);
	CHECK_STR((char *)out.p, "\"a\\\"b\\\\\\n\\u0001\"");
	out.len = 0;
	/* Java's replacement: a truncated 3-byte sequence at the end is one
	 * U+FFFD, a lone continuation byte another */
	ktk_buffer_put_utf8(&out, (const uint8_t *)"x\x80y\xed\xa4", 5);
	ktk_buffer_put(&out, "", 1);
	CHECK_STR((char *)out.p, "x\xef\xbf\xbdy\xef\xbf\xbd");
	ktk_buffer_free(&out);
}

int main(void)
{
	RUN(t_topic_record);
	RUN(t_offsets);
	RUN(t_control);
	RUN(t_strings);
	return unit_done();
}
