/* SPDX-License-Identifier: Apache-2.0 */
/* group_description.h -- consumer groups as kafka-consumer-groups prints
 * them, or as JSON: the listing (--list, with --state/--type the
 * GROUP/TYPE/STATE table), the offsets view (GROUP TOPIC PARTITION
 * CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID), the members
 * view, the state view, the reset table (GROUP TOPIC PARTITION NEW-OFFSET)
 * and ktk's summary (one line per group with its total lag).
 *
 * Layouts are ConsumerGroupCommand's (Kafka 4.3): each column "%-Ns" with
 * N = max(15, the longest value) where Kafka computes it, '-' for a
 * missing value, every table opened by an empty line. No librdkafka type
 * here: lib/kafka/groups.c fills these structs.
 */
#ifndef KTK_OUTPUT_GROUP_DESCRIPTION_H
#define KTK_OUTPUT_GROUP_DESCRIPTION_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

/** @brief A topic partition. */
struct ktk_group_tp {
	char *topic;
	int32_t partition;
};

/** @brief A member of a group, as DescribeGroups gives it. */
struct ktk_group_member {
	char *member_id, *instance_id /* NULL: none */, *client_id, *host;
	struct ktk_group_tp *assign;
	size_t assign_cnt;
};

/** @brief One row of the offsets view: an assigned or committed partition. */
struct ktk_group_row {
	char *topic;
	int32_t partition;
	int64_t committed; /* -1: no committed offset */
	int64_t log_end;   /* -1: unknown */
	int member;        /* index into members, -1: no member owns it */
	int64_t time_lag_ms; /* age of the record at the committed offset
			      * (--time-lag), 0 with no lag; -1: unknown */
};

/** @brief A described group. */
struct ktk_group_description {
	char *group_id;
	char *state;         /* Kafka's spelling: Stable, Empty, Dead, ... */
	char *protocol_type; /* "consumer", "" for offsets-only groups */
	char *assignor;      /* "" when none */
	char *coord_host;    /* NULL: unknown */
	int coord_port;
	int32_t coord_id;
	struct ktk_group_member *members;
	size_t member_cnt;
	struct ktk_group_row *rows; /* in Kafka's order, see _rows() */
	size_t row_cnt;
	char *error; /* NULL, or why this group could not be described */
	int offsets_only; /* no description (a KIP-848 group that librdkafka
			   * before 2.10 calls Dead): the state is
			   * ListGroups', the rows committed offsets */
};

/** @brief A group of --list. */
struct ktk_group_listing {
	char *group_id;
	char *state; /* Kafka's spelling, "Unknown" */
	char *type;  /* "Classic", "Consumer", "Unknown" */
};

/** @brief Build @p g->rows in Kafka's order from @p g's members and the
 *  committed offsets @p committed (@p n of them; only topic, partition and
 *  committed are read): the partitions of members that have some, the
 *  member with most partitions first, each member's by topic then
 *  partition; then committed partitions no member owns, by topic then
 *  partition. log_end is -1 in every row. @returns 0, -1 out of memory. */
int ktk_group_description_rows(struct ktk_group_description *g,
			       const struct ktk_group_row *committed, size_t n);

/** @brief The lag of @p r: log end - committed, or -1 when either is
 *  unknown. */
int64_t ktk_group_description_lag(const struct ktk_group_row *r);

/** @brief The sum of the known lags of @p g's rows (0 when none is known)
 *  and, in @p max (may be NULL), the largest. */
int64_t ktk_group_description_total_lag(const struct ktk_group_description *g,
					int64_t *max);

/** @brief Free what @p g holds (not @p g itself). */
void ktk_group_description_free(struct ktk_group_description *g);

/** @brief Free what @p l holds. */
void ktk_group_listing_free(struct ktk_group_listing *l);

/** @brief Print --list: ids one a line, or with @p with_type /
 *  @p with_state the GROUP [TYPE] [STATE] table. @returns < 0 on a write
 *  error. */
int ktk_group_description_print_list(FILE *out,
				     const struct ktk_group_listing *l,
				     size_t n, int with_type, int with_state);

/** @brief Print the offsets view of @p g (every row, or with
 *  @p only_lagging the rows whose lag is above 0), with LEADER-EPOCH
 *  ('-') when @p verbose, and with @p time_lag ktk's TIME-LAG column
 *  after LAG (ktk_group_description_age()). Nothing when there is no row
 *  to print. @returns < 0 on a write error. */
int ktk_group_description_print_offsets(FILE *out,
					const struct ktk_group_description *g,
					int verbose, int only_lagging,
					int time_lag);

/** @brief @p ms as TIME-LAG prints it into @p buf (at least 24 bytes):
 *  "850ms" below a second, else whole seconds in units from the largest
 *  present down to seconds, "45s", "2m5s", "1h0m3s", "3d4h0m0s"; "-" for
 *  a negative @p ms (unknown). @returns @p buf. */
char *ktk_group_description_age(char *buf, int64_t ms);

/** @brief Print the members view of @p g; @p verbose adds the epoch and
 *  assignment columns (epochs and target assignments '-'). With
 *  @p header_only (an Empty group: Kafka prints its header alone), just
 *  the header. @returns < 0 on a write error. */
int ktk_group_description_print_members(FILE *out,
					const struct ktk_group_description *g,
					int verbose, int header_only);

/** @brief Print the state view of @p g (GROUP-EPOCH and
 *  TARGET-ASSIGNMENT-EPOCH '-' with @p verbose). @returns < 0 on error. */
int ktk_group_description_print_state(FILE *out,
				      const struct ktk_group_description *g,
				      int verbose);

/** @brief Print one round of --watch on a terminal for @p g: GROUP TOPIC
 *  PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG LAG-DELTA RATE, the deltas
 *  against @p prev (the same group a round earlier, @p dt seconds ago;
 *  NULL: '-'), RATE the committed records per second; then a line with the
 *  group's total lag, its change and rate. @returns < 0 on a write error. */
int ktk_group_description_print_watch(FILE *out,
				      const struct ktk_group_description *g,
				      const struct ktk_group_description *prev,
				      double dt);

/** @brief Print ktk's summary of the @p n groups @p g: a header, then
 *  one line per group (with @p only_lagging, per group whose total lag is
 *  above 0): GROUP STATE #MEMBERS PARTITIONS TOTAL-LAG MAX-LAG, GROUP as
 *  wide as the longest id (at least 15). @returns < 0 on a write error. */
int ktk_group_description_print_summary(FILE *out,
					const struct ktk_group_description *g,
					size_t n, int only_lagging);

/** @brief Print the lag per topic of the @p n groups @p g (rpk's -t): a
 *  header, then per group and topic (in name order) GROUP TOPIC PARTITIONS
 *  TOTAL-LAG MAX-LAG ('-' when no lag is known). @returns < 0 on error. */
int ktk_group_description_print_topics(FILE *out,
				       const struct ktk_group_description *g,
				       size_t n);

/** @brief One row of the reset table. */
struct ktk_group_reset {
	const char *group;
	const char *topic;
	int32_t partition;
	int64_t prior;      /* -1: none */
	int64_t new_offset; /* -1: nothing (a refused group's placeholder) */
};

/** @brief Print the reset table (GROUP TOPIC PARTITION NEW-OFFSET) of
 *  @p ngroups groups whose rows are @p r (rows with topic NULL stand for
 *  a group without partitions and widen the GROUP column only); with
 *  @p prior (ktk's own) a PRIOR-OFFSET column ('-': none) before
 *  NEW-OFFSET. @returns < 0 on a write error. */
int ktk_group_description_print_reset(FILE *out, const struct ktk_group_reset *r,
				      size_t n, size_t ngroups, int prior);

/** @brief @p g as JSON (schema in ktk-groups(1)); NULL out of memory. */
json_t *ktk_group_description_json(const struct ktk_group_description *g,
				   int only_lagging);

/** @brief @p l as JSON: {"group", "state", "type"}. */
json_t *ktk_group_listing_json(const struct ktk_group_listing *l);

/** @brief One JSON line of --watch piped for @p g at @p ts (ms since
 *  the epoch): total lag, its change since @p prev (NULL in the first
 *  round, @p dt seconds earlier) and the committed offsets' rate. */
void ktk_group_description_print_watch_json(FILE *out,
					    const struct ktk_group_description *g,
					    int64_t ts,
					    const struct ktk_group_description *prev,
					    double dt);

#endif
