/* SPDX-License-Identifier: Apache-2.0 */
/* metadata_records.c -- metadata and control record values (see
 * metadata_records.h).
 *
 * Metadata record value: uvarint frameVersion (1) | uvarint apiKey |
 *   uvarint version | message (nothing may follow).
 * Control record key: int16 version | int16 type (0 ABORT, 1 COMMIT,
 *   2 LEADER_CHANGE, 3 SNAPSHOT_HEADER, 4 SNAPSHOT_FOOTER, 5 KRAFT_VERSION,
 *   6 KRAFT_VOTERS). Value: int16 version + message (EndTxnMarker:
 *   int16 version | int32 coordinatorEpoch).
 */
#include "lib/logformat/metadata_records.h"

#include <inttypes.h>
#include <stdio.h>

#include "lib/logformat/message_schema.h"
#include "lib/logformat/wire.h"

static void decode(int64_t offset, const uint8_t *value, int32_t value_len,
		   struct ktk_buffer *out)
{
	struct ktk_wire rb;
	const struct ktk_message_schema *m;
	struct ktk_err err;
	char head[160];
	uint32_t frame, api, version;
	size_t mark = out->len, used;

	ktk_wire_init(&rb, value, value ? (size_t)value_len : 0);
	frame = ktk_wire_uvarint(&rb);
	api = ktk_wire_uvarint(&rb);
	version = ktk_wire_uvarint(&rb);
	if (value == NULL || rb.bad) {
		snprintf(head, sizeof(head),
			 "Error at %" PRId64 ", skipping. Could not read the "
			 "record frame",
			 offset);
		ktk_buffer_puts(out, head);
		return;
	}
	if (frame != 1) {
		snprintf(head, sizeof(head),
			 "Error at %" PRId64 ", skipping. Could not "
			 "deserialize metadata record due to unknown frame "
			 "version %u(must be 1)",
			 offset, frame);
		ktk_buffer_puts(out, head);
		return;
	}
	m = api <= 0x7fff ? ktk_message_schema_find(KTK_KF_METADATA, (int)api, NULL)
			  : NULL;
	if (m == NULL || version > 0x7fff) {
		snprintf(head, sizeof(head),
			 "Error at %" PRId64 ", skipping. Unknown metadata id "
			 "%u",
			 offset, api);
		ktk_buffer_puts(out, head);
		return;
	}
	snprintf(head, sizeof(head), "{\"type\":\"%s\",\"version\":%u,\"data\":",
		 m->type_name, version);
	ktk_buffer_puts(out, head);
	if (ktk_message_schema_json(m, (int)version, value + rb.pos,
			  (size_t)value_len - rb.pos, out, &used, &err) == -1) {
		out->len = mark;
		snprintf(head, sizeof(head), "Error at %" PRId64 ", skipping. ",
			 offset);
		ktk_buffer_puts(out, head);
		ktk_buffer_puts(out, err.msg);
		return;
	}
	if (used != (size_t)value_len - rb.pos) {
		out->len = mark;
		snprintf(head, sizeof(head),
			 "Error at %" PRId64 ", skipping. Found %zu byte(s) of "
			 "garbage after %s",
			 offset, (size_t)value_len - rb.pos - used, m->name);
		ktk_buffer_puts(out, head);
		return;
	}
	ktk_buffer_puts(out, "}");
}

void ktk_metadata_records_decode(int64_t offset, const uint8_t *value,
			 int32_t value_len, struct ktk_buffer *out)
{
	decode(offset, value, value_len, out);
	ktk_buffer_cstr(out);
}

static int control_text(const uint8_t *key, int32_t key_len,
			const uint8_t *value, int32_t value_len,
			struct ktk_buffer *out)
{
	static const char *const label[] = {
		NULL, NULL, " LeaderChange: ", " SnapshotHeader ",
		" SnapshotFooter ", " KRaftVersion ", " KRaftVoters "};
	static const char *const msg[] = {
		NULL, NULL, "LeaderChangeMessage", "SnapshotHeaderRecord",
		"SnapshotFooterRecord", "KRaftVersionRecord", "VotersRecord"};
	const struct ktk_message_schema *m;
	struct ktk_err err;
	char text[128];
	int16_t kversion, type, version;

	if (key == NULL || key_len < 4) {
		ktk_buffer_puts(out, " controlType: UNKNOWN(-1)");
		return -1;
	}
	kversion = (int16_t)ktk_wire_be16(key);
	type = (int16_t)ktk_wire_be16(key + 2);
	if (kversion < 0) {
		ktk_buffer_puts(out, " controlType: UNKNOWN(-1)");
		return -1;
	}
	if (type == 0 || type == 1) {
		if (value == NULL || value_len < 6) {
			ktk_buffer_puts(out, " endTxnMarker: invalid value");
			return -1;
		}
		snprintf(text, sizeof(text),
			 " endTxnMarker: %s coordinatorEpoch: %" PRId32,
			 type ? "COMMIT" : "ABORT",
			 (int32_t)ktk_wire_be32(value + 2));
		ktk_buffer_puts(out, text);
		return 0;
	}
	if (type < 2 || type > 6) {
		snprintf(text, sizeof(text), " controlType: UNKNOWN(%d)", type);
		ktk_buffer_puts(out, text);
		return 0;
	}
	m = ktk_message_schema_find(0, 0, msg[type]);
	ktk_buffer_puts(out, label[type]);
	if (m == NULL || value == NULL || value_len < 2) {
		ktk_buffer_puts(out, "invalid value");
		return -1;
	}
	version = (int16_t)ktk_wire_be16(value);
	/* the version is peeked: these messages start with a Version field */
	if (ktk_message_schema_json(m, version, value, (size_t)value_len, out, NULL,
			  &err) == -1) {
		ktk_buffer_puts(out, err.msg);
		return -1;
	}
	return 0;
}

int ktk_metadata_records_control_text(const uint8_t *key, int32_t key_len,
		     const uint8_t *value, int32_t value_len,
		     struct ktk_buffer *out)
{
	int rc = control_text(key, key_len, value, value_len, out);

	ktk_buffer_cstr(out);
	return rc;
}
