/* SPDX-License-Identifier: Apache-2.0 */
/* record_view.h -- a plain view of one consumed Kafka record, for the
 * formatters (no librdkafka types here; headers as in lib/base/record.h).
 *
 * A record is what a v2 record batch holds for one offset (Kafka's
 * DefaultRecord): key and value as byte strings, each either null or a
 * (possibly empty) string; headers as an ordered list of (name, value)
 * where names may repeat and values may be null; plus what the batch adds:
 * timestamp and its type, partition leader epoch. A null key, value or
 * header value is a NULL pointer; an empty one is a non-NULL pointer with
 * length 0.
 */
#ifndef KTK_BASE_RECORD_VIEW_H
#define KTK_BASE_RECORD_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "lib/base/record.h"

enum ktk_tstype {
	KTK_TS_NONE = 0,      /* NoTimestampType (magic 0, or unknown) */
	KTK_TS_CREATE = 1,    /* CreateTime */
	KTK_TS_LOG_APPEND = 2 /* LogAppendTime */
};

struct ktk_record_view {
	const char *topic;
	size_t topic_len;
	int32_t partition;
	int64_t offset;
	int64_t timestamp; /* ms since the epoch; -1 when none */
	int tstype;        /* enum ktk_tstype */
	int32_t leader_epoch; /* -1 when not known */
	const void *key;      /* NULL: null */
	size_t key_len;
	const void *value; /* NULL: null */
	size_t value_len;
	const struct ktk_header *headers;
	size_t header_cnt;
};

struct ktk_buffer;

/** @brief What writes a consumed record's text into a buffer: the
 *  consumer's output (formatter_setup.h) and the schema-registry decoding
 *  step in front of it (registry/deserializer.h). */
typedef void ktk_record_write_fn(void *ctx, const struct ktk_record_view *r,
				 struct ktk_buffer *b);

/** @brief Kafka's name of a timestamp type: "CreateTime",
 *  "LogAppendTime" or "NoTimestampType". */
const char *ktk_record_view_tstype_name(int tstype);

#endif
