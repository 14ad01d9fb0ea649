/* SPDX-License-Identifier: Apache-2.0 */
/* input.h -- the producer's input: files (or stdin) in order, split into
 * records (stream.h), parsed in one of three formats, with the
 * command-line additions applied to every record:
 *
 *   line  LineMessageReader (line_reader.h) on each line or delimited record
 *   json  one JSON object per line (json_reader.h)
 *   raw   each whole file is one record's value
 *
 * then: a fixed key (-k) for records whose key is null, fixed headers
 * (-H) after the parsed ones, and empty keys and values made null (-Z);
 * the partition and timestamp a JSON record names dropped on request
 * (--ignore-partition, --ignore-timestamp). A named partition the topic
 * does not have (partitions, when known) ends the input: -1 with err
 * naming the record, before it is sent.
 * A record that cannot be parsed or is too large is returned as
 * KTK_INPUT_BAD with its position and the reason, and the input goes on.
 */
#ifndef KTK_INPUT_INPUT_H
#define KTK_INPUT_INPUT_H

#include <signal.h>
#include <stdint.h>

#include "lib/base/err.h"
#include "lib/input/json_reader.h"
#include "lib/input/line_reader.h"
#include "lib/input/stream.h"
#include "lib/base/record.h"

enum ktk_input_format { KTK_IN_LINE, KTK_IN_JSON, KTK_IN_RAW };

enum ktk_input_status {
	KTK_INPUT_END = 0,
	KTK_INPUT_RECORD = 1,
	KTK_INPUT_BAD = 2, /* err says why; the input goes on */
};

struct ktk_input {
	enum ktk_input_format format;
	enum ktk_stream_mode mode; /* lines or delimited, for format line */
	char delim[16];
	size_t delim_len;
	size_t max;              /* largest record (message.max.bytes) */
	struct ktk_line_reader lr;   /* format line: set up by the caller */
	struct ktk_json_reader js;
	const char *fixed_key;   /* -k, or NULL */
	size_t fixed_key_len;
	struct ktk_header *fixed; /* -H */
	size_t nfixed;
	int empty_null;          /* -Z */
	int ignore_partition;    /* the partition the input names goes */
	int ignore_timestamp;    /* the timestamp the input names goes */
	const char *topic;       /* for messages */
	int32_t partitions;      /* the topic's count; 0: unknown */
	const volatile sig_atomic_t *stop;
	void (*before_read)(void *arg); /* see stream.h */
	int (*idle)(void *arg);         /* see stream.h */
	void *before_read_arg;
	/* a last step on every parsed record (a schema encoder): 0, or -1
	 * with err set and the record returned as KTK_INPUT_BAD with
	 * bad = bad_transform */
	int (*transform)(void *ctx, struct ktk_input *in, struct ktk_record *rec,
			 struct ktk_err *err);
	void *transform_ctx;
	const char *bad_transform;
	/* files */
	char **files;
	int nfiles, cur;
	struct ktk_stream r;
	int open;
	uint64_t total_size;     /* sum of the files' sizes; 0: unknown */
	uint64_t done_bytes;     /* bytes read from closed files */
	const char *bad;         /* KTK_INPUT_BAD: the kind of problem */
	char *owned[3];          /* ktk_input_configure()'s unescaped copies */
	struct ktk_header *owned_fixed;
};

/** @brief The command line's additions to the input, as typed. */
struct ktk_input_flags {
	enum ktk_input_format format; /* --input-format */
	const char *keysep; /* -K: parse.key=true, key.separator */
	const char *delim;  /* -D: records end with these bytes */
	const char *key;    /* -k: the key of records without one */
	char *const *headers; /* -H NAME[=VALUE] */
	size_t nheaders;
	int null_empty;     /* -Z */
	int ignore_partition, ignore_timestamp; /* --ignore-partition, ... */
};

/** @brief The flags of @p f that do not fit its format: -K or reader
 *  properties (@p reader_props nonzero) but for format line, -D with
 *  json or raw. @returns 0, or -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_input_check(const struct ktk_input_flags *f, int reader_props,
		    struct ktk_err *err);

/** @brief Set @p in up for @p files (@p nfiles, none: stdin), with
 *  Kafka's LineMessageReader defaults; the caller then sets the fields
 *  and reader properties. @returns 0 or -1. */
int ktk_input_init(struct ktk_input *in, char **files, int nfiles,
		   struct ktk_err *err);

/** @brief Apply @p f to @p in (after its reader properties: -K sets two
 *  of them, then the reader's settings are checked), with the escapes
 *  \n \t \r \0 \\ \xNN of -K, -D and -k decoded. @returns 0, or -1
 *  with @p err set (KTK_EXIT_USAGE naming the flag). */
int ktk_input_configure(struct ktk_input *in, const struct ktk_input_flags *f,
			struct ktk_err *err);

/** @brief The next record into @p rec, and its position (ktk_delivery_pos
 *  form: input index << 48 | number) into *@p pos. @returns an enum
 *  ktk_input_status, or -1 with @p err set when a file cannot be read
 *  (KTK_EXIT_NOINPUT). */
int ktk_input_next(struct ktk_input *in, struct ktk_record *rec,
		   uint64_t *pos, struct ktk_err *err);

/** @brief "FILE:N" (or "line N" when the only input is stdin) for a
 *  position, into @p buf. */
void ktk_input_where(const struct ktk_input *in, uint64_t pos, char *buf,
		     size_t size);

/** @brief Bytes read so far from every input. */
uint64_t ktk_input_bytes(const struct ktk_input *in);

/** @brief The progress line of a producer that read @p read records of
 *  @p in and delivered @p delivered in @p secs seconds: "N records, N
 *  delivered, N records/s, N.N MB/s" and ", N%" of the files' size when
 *  it is known. */
void ktk_input_progress(const struct ktk_input *in, uint64_t read,
			uint64_t delivered, double secs, char *buf,
			size_t size);

/** @brief Close the current file and free everything. */
void ktk_input_free(struct ktk_input *in);

#endif
