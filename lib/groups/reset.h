/* SPDX-License-Identifier: Apache-2.0 */
/* reset.h -- the reset planner of ktk-groups --reset-offsets, as pure
 * functions: what kafka-consumer-groups' GroupOffsetsResetter decides,
 * given what the cluster said about each partition (committed offset, log
 * start and end, the offset for a time).
 *
 * Inputs parsed here, with Kafka's messages:
 *   --topic T | T:P,P,...       a scope
 *   --to-datetime               yyyy-MM-ddTHH:mm:ss.SSS[zone], zone Z,
 *                               +HH:MM, +HHMM or +HH; none means UTC
 *   --by-duration               ISO-8601 duration [-]PnDTnHnMn.nS
 *   --from-file                 CSV lines topic,partition,offset (one
 *                               group) or group,topic,partition,offset
 * and written: Kafka's CSV (--export), fields quoted as Jackson's CSV
 * writer does when they hold a comma, a quote or a line break.
 */
#ifndef KTK_GROUPS_RESET_H
#define KTK_GROUPS_RESET_H

#include <stdint.h>
#include <stdio.h>

#include "lib/base/err.h"

/** @brief How the new offsets are chosen. */
enum ktk_reset_kind {
	KTK_RESET_NONE = 0,
	KTK_RESET_TO_OFFSET,   /* value, clamped */
	KTK_RESET_TO_EARLIEST, /* the log start */
	KTK_RESET_TO_LATEST,   /* the log end */
	KTK_RESET_TO_CURRENT,  /* the committed offset, else the log end */
	KTK_RESET_SHIFT_BY,    /* committed + value, clamped */
	KTK_RESET_TO_TIME,     /* the first offset at or after value (ms) */
	KTK_RESET_REQUESTED,   /* row.requested (a file, another group), clamped */
};

struct ktk_reset_spec {
	int kind; /* enum ktk_reset_kind */
	int64_t value;
};

/** @brief One partition of a plan: what the cluster said, what is decided. */
struct ktk_reset_row {
	const char *topic;
	int32_t partition;
	int64_t committed; /* -1: no committed offset */
	int64_t log_start; /* -1: unknown */
	int64_t log_end;   /* -1: unknown */
	int64_t at_time;   /* KTK_RESET_TO_TIME: the offset, -1 none */
	int64_t requested; /* KTK_RESET_REQUESTED */
	/* out */
	int64_t new_offset;
	int clamped;   /* +1 lowered to the log end, -1 raised to its start */
	int fell_back; /* TO_TIME found no record: the log end is used */
};

/** @brief Decide @p r->new_offset for @p spec as Kafka does.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_USAGE for Kafka's usage
 *  errors: no committed offset to shift, KTK_EXIT_FAIL when an offset the
 *  spec needs is unknown). */
int ktk_reset_apply(const struct ktk_reset_spec *spec, struct ktk_reset_row *r,
		    struct ktk_err *err);

/** @brief Kafka's warning for a clamped row, without a newline, into
 *  @p buf ("New offset (N) is higher than latest offset for topic partition
 *  t-0. Value will be set to E"); "" for a row not clamped. */
void ktk_reset_clamp_message(const struct ktk_reset_row *r, char *buf,
			     size_t size);

/** @brief A --topic value: "T" (*@p parts NULL, *@p n 0: every partition)
 *  or "T:P,P,...". *@p topic and *@p parts are malloc'ed.
 *  @returns 0 or -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_reset_topic_arg_parse(const char *arg, char **topic, int32_t **parts,
			      size_t *n, struct ktk_err *err);

/** @brief Check the --topic values @p args[0..n-1] with
 *  ktk_reset_topic_arg_parse(). @returns 0, or -1 with @p err set for the
 *  first bad one. */
int ktk_reset_topic_args_check(char *const *args, size_t n,
			       struct ktk_err *err);

/** @brief --to-datetime as Kafka's Utils.getDateTime reads it, into ms.
 *  @returns 0 or -1 with @p err set (KTK_EXIT_USAGE, naming the flag). */
int ktk_reset_datetime_parse(const char *s, int64_t *ms, struct ktk_err *err);

/** @brief --by-duration (java.time.Duration.parse) into ms (may be
 *  negative). @returns 0 or -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_reset_duration_parse(const char *s, int64_t *ms, struct ktk_err *err);

/** @brief One line of a CSV plan. */
struct ktk_reset_entry {
	char *group; /* NULL in the 3-column form */
	char *topic;
	int32_t partition;
	int64_t offset;
};

/** @brief Parse a CSV plan (@p text, @p len bytes). With @p single_group
 *  (exactly one --group) and a first line of 3 columns, every line is
 *  topic,partition,offset for that group; otherwise every line is
 *  group,topic,partition,offset. Empty lines are skipped.
 *  @returns the number of entries in *@p out (free with
 *  ktk_reset_entries_free()), or -1 with @p err set (KTK_EXIT_DATAERR,
 *  naming @p path and the line). */
long ktk_reset_csv_parse(const char *text, size_t len, const char *single_group,
			 const char *path, struct ktk_reset_entry **out,
			 struct ktk_err *err);

/** @brief Free what ktk_reset_csv_parse() returned. */
void ktk_reset_entries_free(struct ktk_reset_entry *e, size_t n);

/** @brief Write one CSV record (no group when @p group is NULL) as
 *  --export does. @returns what fprintf returns (negative on error). */
int ktk_reset_csv_write(FILE *out, const char *group, const char *topic,
			int32_t partition, int64_t offset);

#endif
