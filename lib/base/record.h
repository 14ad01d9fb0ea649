/* SPDX-License-Identifier: Apache-2.0 */
/* record.h -- one record to produce, as the input parsers hand it over.
 *
 * A record is what Kafka's ProducerRecord carries from a console tool:
 * key and value (each bytes or null), headers (an ordered list of
 * name/value pairs; names repeat; a value may be null), and optionally a
 * partition and a timestamp. The parsers (line_reader.h, json_reader.h) fill one
 * struct ktk_record whose byte pointers point into the input block or the
 * parser's scratch space, valid until the next record is parsed.
 * A NULL pointer means null; a non-NULL pointer with length 0 is empty.
 */
#ifndef KTK_BASE_RECORD_H
#define KTK_BASE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"

struct ktk_header {
	const char *name;  /* not NUL-terminated */
	size_t name_len;
	const void *value; /* NULL for a null value */
	size_t value_len;
};

struct ktk_record {
	const void *key;   /* NULL: null key */
	size_t key_len;
	const void *value; /* NULL: null value */
	size_t value_len;
	struct ktk_header *headers;
	size_t nheaders, headers_cap;
	int32_t partition; /* -1: not given by the input */
	int64_t timestamp; /* 0: not given by the input */
	uint64_t number;   /* line (or record) number in its input, from 1 */
};

/** @brief Forget the key, value, headers, partition and timestamp of
 *  @p rec (keeping its header array for reuse). */
void ktk_record_reset(struct ktk_record *rec);

/** @brief Append a header. @returns 0, or -1 (out of memory). */
int ktk_record_add_header(struct ktk_record *rec, const char *name,
			  size_t name_len, const void *value,
			  size_t value_len, struct ktk_err *err);

/** @brief Free the header array. */
void ktk_record_free(struct ktk_record *rec);

/** @brief Bytes of key, value and headers (for byte counts). */
size_t ktk_record_size(const struct ktk_record *rec);

/** @brief Write a printable, one-line rendering of @p p[0..n) into
 *  @p dst (size @p size, NUL-terminated), for error messages: control
 *  bytes become \\n, \\t, \\xNN; longer input is cut with "...". */
void ktk_record_quote(const void *p, size_t n, char *dst, size_t size);

#endif
