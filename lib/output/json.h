/* SPDX-License-Identifier: Apache-2.0 */
/* json.h -- a fast JSON writer for consumed records (JSON lines).
 *
 * Byte strings become a JSON string when they are valid UTF-8 (with '"',
 * '\\' and control characters escaped: \b \f \n \r \t, others \u00XX; DEL
 * and non-ASCII are written as they are), {"base64":"..."} otherwise, and
 * null when null. A record is one object on one line:
 *
 *   {"topic":"t","partition":0,"offset":5,"timestamp":1700000000000,
 *    "timestamp_type":"CreateTime","key":"k","value":{"base64":"/w=="},
 *    "headers":[["h","v"],["h",null]],"leader_epoch":0}
 *
 * "leader_epoch" is left out when not known; "timestamp" is null when the
 * record has none. The output is checked against jansson's parser in
 * tests/unit/test_jsonout.c.
 */
#ifndef KTK_OUTPUT_JSON_H
#define KTK_OUTPUT_JSON_H

#include "lib/base/record_view.h"
#include "lib/base/buffer.h"

/** @brief Append @p s[0..n) as a quoted, escaped JSON string, checking
 *  UTF-8 on the way (one pass).
 *  @returns 0 (also when out of memory: b->oom is set), -1 when the bytes
 *  are not valid UTF-8 (nothing is appended). */
int ktk_json_put_str(struct ktk_buffer *b, const void *s, size_t n);

/** @brief The length of the leading run of @p s[0..n) that a JSON string
 *  holds as it is: ASCII bytes other than controls, '"' and '\\'. */
size_t ktk_json_plain_run(const void *s, size_t n);

/** @brief Append bytes: a string if valid UTF-8, {"base64":"..."}
 *  otherwise, null when @p s is NULL. */
void ktk_json_put_bytes(struct ktk_buffer *b, const void *s, size_t n);

/** @brief Append the headers of @p r as [[name,value],...]. */
void ktk_json_put_headers(struct ktk_buffer *b, const struct ktk_record_view *r);

/** @brief Append @p r as one JSON object (no newline). */
void ktk_json_put_record(struct ktk_buffer *b, const struct ktk_record_view *r);

/** @brief A key or value decoded elsewhere (a schema-registry datum): its
 *  JSON text, written as it is in place of the bytes, with
 *  "key_schema_id"/"value_schema_id" after it; or, when @p json is NULL
 *  and @p error is set, the bytes as usual with "key_error"/"value_error"
 *  after them (and the schema id when known, >= 0). */
struct ktk_json_datum {
	const char *json; /* NULL: not decoded */
	size_t len;
	int64_t schema_id; /* -1: none */
	const char *error; /* NULL: none */
};

/** @brief ktk_json_put_record() with the key and/or value decoded
 *  (@p key, @p value may be NULL: the bytes as usual). */
void ktk_json_put_record_with(struct ktk_buffer *b,
			      const struct ktk_record_view *r,
			      const struct ktk_json_datum *key,
			      const struct ktk_json_datum *value);

#endif
