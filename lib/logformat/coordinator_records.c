/* SPDX-License-Identifier: Apache-2.0 */
/* coordinator_records.c -- coordinator record decoding (see coordinator_records.h).
 *
 * Key: int16 record type (the key message's apiKey) + key message at
 * version 0. Value: int16 value version + value message of the same
 * record type; a null value is a tombstone.
 */
#include "lib/logformat/coordinator_records.h"

#include <inttypes.h>
#include <stdio.h>

#include "lib/logformat/message_schema.h"
#include "lib/logformat/wire.h"

static void error_key(struct ktk_buffer *out, int64_t offset, const char *why)
{
	char head[96];

	snprintf(head, sizeof(head), "Error at offset %" PRId64 ", skipping. ",
		 offset);
	ktk_buffer_puts(out, head);
	ktk_buffer_puts(out, why);
}

static int decode(int kind, int64_t offset, const uint8_t *key,
		  int32_t key_len, const uint8_t *value, int32_t value_len,
		  struct ktk_buffer *out, long *key_out, long *value_out)
{
	int fk = kind == KTK_COORD_TXN ? KTK_KF_TXN_KEY : KTK_KF_GROUP_KEY;
	int fv = kind == KTK_COORD_TXN ? KTK_KF_TXN_VALUE : KTK_KF_GROUP_VALUE;
	const struct ktk_message_schema *km, *vm;
	struct ktk_err err;
	char head[128];
	int16_t type, version;
	size_t mark;

	out->len = 0;
	*key_out = *value_out = -1;
	if (key == NULL) {
		snprintf(head, sizeof(head),
			 "Failed to decode message at offset %" PRId64
			 " using the specified decoder (message had a missing "
			 "key)",
			 offset);
		ktk_buffer_puts(out, head);
		return -1;
	}
	*key_out = 0;
	if (key_len < 2) {
		error_key(out, offset, "Could not read version from key's "
				       "buffer.");
		return 0;
	}
	type = (int16_t)ktk_wire_be16(key);
	km = ktk_message_schema_find(fk, type, NULL);
	vm = ktk_message_schema_find(fv, type, NULL);
	if (km == NULL || vm == NULL) {
		snprintf(head, sizeof(head),
			 "Unknown record type %d at offset %" PRId64
			 ", skipping.",
			 type, offset);
		ktk_buffer_puts(out, head);
		return 0;
	}
	snprintf(head, sizeof(head), "{\"type\":\"%d\",\"data\":", type);
	ktk_buffer_puts(out, head);
	if (ktk_message_schema_json(km, 0, key + 2, (size_t)key_len - 2, out, NULL,
			  &err) == -1) {
		out->len = 0;
		snprintf(head, sizeof(head),
			 "Could not read record with version 0 from key's "
			 "buffer due to: ");
		error_key(out, offset, head);
		ktk_buffer_puts(out, err.msg);
		ktk_buffer_puts(out, ".");
		return 0;
	}
	ktk_buffer_puts(out, "}");
	ktk_buffer_put(out, "", 1); /* NUL between key and value */
	mark = out->len;
	if (value == NULL) {
		ktk_buffer_puts(out, "<DELETE>");
		*value_out = (long)mark;
		return 0;
	}
	if (value_len < 2) {
		out->len = 0;
		error_key(out, offset, "Could not read version from value's "
				       "buffer.");
		return 0;
	}
	version = (int16_t)ktk_wire_be16(value);
	snprintf(head, sizeof(head), "{\"version\":\"%d\",\"data\":", version);
	ktk_buffer_puts(out, head);
	if (ktk_message_schema_json(vm, version, value + 2, (size_t)value_len - 2, out,
			  NULL, &err) == -1) {
		out->len = 0;
		snprintf(head, sizeof(head),
			 "Could not read record with version %d from value's "
			 "buffer due to: ",
			 version);
		error_key(out, offset, head);
		ktk_buffer_puts(out, err.msg);
		ktk_buffer_puts(out, ".");
		return 0;
	}
	ktk_buffer_puts(out, "}");
	*value_out = (long)mark;
	return 0;
}

int ktk_coordinator_records_decode(int kind, int64_t offset, const uint8_t *key,
		     int32_t key_len, const uint8_t *value, int32_t value_len,
		     struct ktk_buffer *out, long *key_out, long *value_out)
{
	int rc = decode(kind, offset, key, key_len, value, value_len, out,
			key_out, value_out);

	ktk_buffer_cstr(out); /* the value (or message) ends with a NUL */
	return rc;
}
