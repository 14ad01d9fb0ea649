/* SPDX-License-Identifier: Apache-2.0 */
/* default_formatter.h -- Kafka's DefaultMessageFormatter, byte for byte.
 *
 * Properties (kafka-console-consumer --property / --formatter-property):
 * print.timestamp, print.partition, print.offset, print.delivery,
 * print.epoch, print.headers, print.key (default false), print.value
 * (default true); key.separator ("\t"), line.separator ("\n"),
 * headers.separator (","), null.literal ("null"). Booleans are true when
 * the trimmed value equals "true" in any case. Separators are taken
 * literally, as Kafka does for --property (a .properties file unescapes).
 * key/value/headers.deserializer are accepted when they leave the bytes as
 * they are (StringDeserializer, ByteArrayDeserializer).
 *
 * Layout of one record, fields in this order, each followed by
 * key.separator if a later field is printed, else by line.separator:
 *
 *   [CreateTime:<ts> | LogAppendTime:<ts> | NO_TIMESTAMP] [Partition:<p>]
 *   [Offset:<o>] [Delivery:NOT_PRESENT] [Epoch:<e> | Epoch:NOT_PRESENT]
 *   [<name>:<value><headers.separator>... | NO_HEADERS] [<key>] [<value>]
 *
 * Null key, value or header value print null.literal; bytes are written
 * as they are. One difference from Kafka's console consumer: print.epoch
 * shows the leader epoch when the broker sent it (Kafka's always shows
 * NOT_PRESENT).
 */
#ifndef KTK_OUTPUT_DEFAULT_FORMATTER_H
#define KTK_OUTPUT_DEFAULT_FORMATTER_H

#include "lib/base/err.h"
#include "lib/base/record_view.h"
#include "lib/base/buffer.h"

enum {
	KTK_DEFAULT_FORMATTER_TIMESTAMP = 1 << 0,
	KTK_DEFAULT_FORMATTER_PARTITION = 1 << 1,
	KTK_DEFAULT_FORMATTER_OFFSET = 1 << 2,
	KTK_DEFAULT_FORMATTER_DELIVERY = 1 << 3,
	KTK_DEFAULT_FORMATTER_EPOCH = 1 << 4,
	KTK_DEFAULT_FORMATTER_HEADERS = 1 << 5,
	KTK_DEFAULT_FORMATTER_KEY = 1 << 6,
	KTK_DEFAULT_FORMATTER_VALUE = 1 << 7,
};

struct ktk_default_formatter {
	unsigned print; /* KTK_DEFAULT_FORMATTER_* */
	char *key_sep, *line_sep, *headers_sep, *null_lit;
	size_t key_sep_len, line_sep_len, headers_sep_len, null_lit_len;
};

/** @brief Kafka's defaults: the value and "\n". @returns 0 or -1. */
int ktk_default_formatter_init(struct ktk_default_formatter *f, struct ktk_err *err);

/** @brief Free @p f's strings. */
void ktk_default_formatter_free(struct ktk_default_formatter *f);

/* The properties ktk_default_formatter_set() takes, as the completions
 * offer them (the choices of ktk-consumer's --property; the completion
 * tests set each one) */
#define KTK_DEFAULT_FORMATTER_KEYS                                             \
	"print.key=,print.value=,print.timestamp=,print.partition=,"           \
	"print.offset=,print.headers=,print.delivery=,print.epoch=,"           \
	"key.separator=,line.separator=,headers.separator=,null.literal=,"     \
	"key.deserializer=,value.deserializer=,headers.deserializer="

/** @brief Set property @p key to @p val. @returns 0, or -1 with @p err set
 *  (KTK_EXIT_USAGE) for an unknown property or unsupported
 *  deserializer. */
int ktk_default_formatter_set(struct ktk_default_formatter *f, const char *key, const char *val,
		 struct ktk_err *err);

/** @brief Set key.separator, line.separator, headers.separator or
 *  null.literal to the @p len bytes at @p val (NUL bytes too: kcat's
 *  -K, -D and -Z). @returns 0, or -1 with @p err set. */
int ktk_default_formatter_set_bytes(struct ktk_default_formatter *f,
				    const char *key, const char *val,
				    size_t len, struct ktk_err *err);

/** @brief kcat's consumer -K SEP (print.key=true, key.separator=SEP),
 *  -D SEP (line.separator=SEP), each NULL when not given, with escapes
 *  (\\n \\t \\r \\0 \\xNN, bytes.h), and -Z (@p null_word: null.literal=NULL).
 *  @returns 0, or -1 with @p err set (KTK_EXIT_USAGE naming the flag). */
int ktk_default_formatter_kcat(struct ktk_default_formatter *f,
			       const char *key_delim, const char *delim,
			       int null_word, struct ktk_err *err);

/** @brief Append @p r formatted to @p b. */
void ktk_default_formatter_write(const struct ktk_default_formatter *f, const struct ktk_record_view *r,
		    struct ktk_buffer *b);

#endif
