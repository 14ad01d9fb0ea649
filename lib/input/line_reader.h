/* SPDX-License-Identifier: Apache-2.0 */
/* line_reader.h -- Kafka's LineMessageReader: key, value and headers from a
 * line of text, with the same properties, defaults and error texts as
 * kafka-console-producer (org.apache.kafka.tools.LineMessageReader):
 *
 *   parse.key=false          key.separator=\t
 *   parse.headers=false      headers.delimiter=\t
 *   headers.separator=,      headers.key.separator=:
 *   null.marker (unset)      ignore.error=false
 *
 * A line is  [HEADERS headers.delimiter] [KEY key.separator] VALUE  where
 * HEADERS is  NAME headers.key.separator VALUE  pairs joined by
 * headers.separator. Each separator is found at its first occurrence.
 * A key, value or header value equal to null.marker is null; a HEADERS
 * part equal to it means no headers.
 *
 * headers.separator is a Java regular expression in Kafka. Here a
 * separator without regex metacharacters (\ ^ $ . | ? * + ( ) [ ] { })
 * is matched literally, and one with them is compiled as a POSIX extended
 * regular expression, which agrees with Java's for the usual separators
 * ("\\|", "\\s*,\\s*", "[,;]"); the split follows Java's String.split
 * (trailing empty pairs are dropped). Bytes are passed through unchanged
 * (Java decodes UTF-8 and would replace invalid bytes with U+FFFD).
 */
#ifndef KTK_INPUT_LINE_READER_H
#define KTK_INPUT_LINE_READER_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"
#include "lib/base/record.h"

struct ktk_line_reader_sep {
	char *s; /* may hold NUL bytes */
	size_t len;
};

struct ktk_line_reader {
	int parse_key, parse_headers, ignore_error;
	struct ktk_line_reader_sep key_sep, headers_delim, headers_sep, headers_key_sep;
	struct ktk_line_reader_sep null_marker; /* .s NULL: unset */
	int sep_regex;              /* headers.separator is a regex */
	regex_t re;
};

/** @brief Initialise @p lr with Kafka's defaults. @returns 0 or -1. */
int ktk_line_reader_init(struct ktk_line_reader *lr, struct ktk_err *err);

/* The properties ktk_line_reader_set() takes, as the completions offer
 * them (the choices of ktk-producer's --property; the completion tests
 * set each one) */
#define KTK_LINE_READER_KEYS                                                   \
	"parse.key=,key.separator=,parse.headers=,headers.delimiter=,"         \
	"headers.separator=,headers.key.separator=,null.marker=,ignore.error="

/** @brief Set reader property @p key to @p val (@p len bytes; values may
 *  hold NUL bytes when they come from -K). @returns 1 if @p key is a
 *  LineMessageReader property, 0 if not (Kafka ignores those), -1 on
 *  error (out of memory). */
int ktk_line_reader_set(struct ktk_line_reader *lr, const char *key,
		    const char *val, size_t len, struct ktk_err *err);

/** @brief Validate the properties as Kafka does (its messages verbatim,
 *  KTK_EXIT_USAGE) and compile headers.separator. @returns 0 or -1. */
int ktk_line_reader_check(struct ktk_line_reader *lr, struct ktk_err *err);

/** @brief Parse @p line[0..len) (line number @p number) into @p rec (whose
 *  pointers then point into @p line). @returns 0, or -1 with @p err set to
 *  Kafka's message (KTK_EXIT_DATAERR) for a missing separator. */
int ktk_line_reader_parse(const struct ktk_line_reader *lr, const char *line,
		      size_t len, uint64_t number, struct ktk_record *rec,
		      struct ktk_err *err);

/** @brief Free what ktk_line_reader_init/set/check allocated. */
void ktk_line_reader_free(struct ktk_line_reader *lr);

#endif
