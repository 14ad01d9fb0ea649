/* SPDX-License-Identifier: Apache-2.0 */
/* json_reader.h -- records from JSON lines, the format ktk-consumer --json
 * writes:
 *
 *   {"key": K, "value": V, "headers": [[NAME, V], ...],
 *    "partition": N, "timestamp": MS, ...}
 *
 * K, V and header values are a JSON string (its UTF-8 bytes), an object
 * {"base64": "..."} (arbitrary bytes), or null. "key" and "value" must be
 * there (null for none: a missing value would silently be a tombstone).
 * Header names are strings (or {"base64": ...}). "headers", "partition"
 * and "timestamp" are optional (null, or -1 for the timestamp, means not
 * given); topic, offset, timestamp_type and leader_epoch are read and
 * ignored; any other field is an error. Blank lines are skipped.
 *
 * kcat's -J envelope is read too, recognised by "payload" and no "value":
 *
 *   {"topic": T, "partition": N, "offset": O, "tstype": "create",
 *    "ts": MS, "broker": B, "headers": [NAME, V, NAME, V, ...],
 *    "key": K, "payload": V}
 *
 * with "payload" the value, "ts" the timestamp and headers one flat array;
 * topic, offset, tstype and broker are ignored, other fields an error.
 */
#ifndef KTK_INPUT_JSON_READER_H
#define KTK_INPUT_JSON_READER_H

#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"
#include "lib/base/record.h"

struct ktk_json_reader {
	void *doc;       /* the json_t of the last record */
	char *scratch;   /* decoded base64 of the last record */
	size_t cap, used;
};

/** @brief Parse line @p number, @p line[0..len), into @p rec; its pointers
 *  stay valid until the next call. @returns 1 for a record, 0 for a blank
 *  line, -1 with @p err set (KTK_EXIT_DATAERR; the message names the
 *  field or column, the caller names the line) when the line is not such
 *  an object. */
int ktk_json_reader_parse(struct ktk_json_reader *j, const char *line, size_t len,
		     uint64_t number, struct ktk_record *rec,
		     struct ktk_err *err);

/** @brief Free what the parser holds; @p j is reusable afterwards. */
void ktk_json_reader_free(struct ktk_json_reader *j);

#endif
