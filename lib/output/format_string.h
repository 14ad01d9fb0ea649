/* SPDX-License-Identifier: Apache-2.0 */
/* format_string.h -- kcat-style format strings for records (-f/--format).
 *
 * A format is compiled once into a list of operations, then applied to
 * each record. Tokens:
 *
 *   kcat's     %s value  %S value length (-1 for null)  %R value length as
 *              a 4-byte big-endian integer  %k key  %K key length (-1 for
 *              null)  %T timestamp (ms, -1 for none)  %h headers as
 *              name=value,... (a null value as NULL)  %t topic
 *              %p partition  %o offset  %% a percent sign
 *   long forms %{topic} %{partition} %{offset} %{key} %{value}
 *              %{timestamp}  %{headers} (as %h)
 *   encodings  %{key:hex} %{key:base64} %{key:json} and the same for
 *              value: hex and base64 of the bytes (empty for null); json as
 *              in -J (a string, {"base64":...} or null)
 *   headers    %{headers:json} as [[name,value],...];  %{header:NAME} the
 *              value of the first header NAME (empty if none or null)
 *   dates      %{date} the timestamp as ISO-8601 in UTC
 *              (2024-01-31T12:00:00.123Z);  %{date:local} in local time
 *              with its offset;  %{date:FMT} strftime(3) FMT in UTC and
 *              %{localdate:FMT} in local time, where %L is milliseconds
 *              (FMT must contain a '%')
 *   more       %{tstype} CreateTime, LogAppendTime or NoTimestampType;
 *              %{epoch} the leader epoch (-1 when not known);
 *              %{json} the whole record as -J prints it
 *
 * Escapes outside tokens: \n \r \t \0 \\ \xNN.
 */
#ifndef KTK_OUTPUT_FORMAT_STRING_H
#define KTK_OUTPUT_FORMAT_STRING_H

#include <stddef.h>

#include "lib/base/err.h"
#include "lib/base/record_view.h"
#include "lib/base/buffer.h"

struct ktk_format_string_op;

struct ktk_format_string {
	struct ktk_format_string_op *ops;
	size_t n;
};

/** @brief Compile @p fmt. @returns 0, or -1 with @p err set
 *  (KTK_EXIT_USAGE, naming the byte position of a bad token). */
int ktk_format_string_compile(struct ktk_format_string *f, const char *fmt,
		       struct ktk_err *err);

/** @brief Whether @p f prints anything from the headers. */
int ktk_format_string_uses_headers(const struct ktk_format_string *f);

/** @brief Free @p f. */
void ktk_format_string_free(struct ktk_format_string *f);

/** @brief Append @p r formatted by @p f to @p b. */
void ktk_format_string_write(const struct ktk_format_string *f, const struct ktk_record_view *r,
		      struct ktk_buffer *b);

#endif
