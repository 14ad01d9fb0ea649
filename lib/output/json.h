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

/** @brief Append @p s[0..n) as a quoted, escaped JSON string (the bytes
 *  must be valid UTF-8). */
void ktk_json_put_str(struct ktk_buffer *b, const void *s, size_t n);

/** @brief Append bytes: a string if valid UTF-8, {"base64":"..."}
 *  otherwise, null when @p s is NULL. */
void ktk_json_put_bytes(struct ktk_buffer *b, const void *s, size_t n);

/** @brief Append the headers of @p r as [[name,value],...]. */
void ktk_json_put_headers(struct ktk_buffer *b, const struct ktk_record_view *r);

/** @brief Append @p r as one JSON object (no newline). */
void ktk_json_put_record(struct ktk_buffer *b, const struct ktk_record_view *r);

#endif
