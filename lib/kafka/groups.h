/* SPDX-License-Identifier: Apache-2.0 */
/* groups.h -- consumer-group administration through librdkafka's Admin API:
 * list (ListConsumerGroups), describe (DescribeConsumerGroups, one request
 * for every group), committed offsets (ListConsumerGroupOffsets, one group
 * per request as librdkafka requires, every request in flight at once), log
 * start, end and time offsets of the union of partitions (one ListOffsets
 * round per leader through rd_kafka_offsets_for_times, read_uncommitted as
 * Java's Admin), alter offsets, delete groups and delete offsets.
 *
 * librdkafka 2.0.2 has no admin ListOffsets, no group types and no
 * describe of KIP-848 groups (they come back Dead with no members); see
 * features.h. Every call is bounded by the admin handle's timeout.
 */
#ifndef KTK_KAFKA_GROUPS_H
#define KTK_KAFKA_GROUPS_H

#include "lib/base/err.h"
#include "lib/kafka/admin.h"
#include "lib/output/group_description.h"

/** @brief Open an admin handle for groups: ktk_admin_open() with
 *  isolation.level=read_uncommitted unless @p conf sets it (Kafka's tool
 *  reports the high watermark as the log end). */
int ktk_groups_open(struct ktk_admin *a, struct ktk_conf *conf,
		    int verbosity, int timeout_ms, struct ktk_err *err);

/** @brief The consumer groups of the cluster (ids deduplicated, in the
 *  order the brokers gave them) into *@p out (free each with
 *  ktk_group_listing_free(), then free()). Brokers that failed to answer
 *  are said in @p partial (code 0 when none); *@p cannot is 1 when no
 *  broker has ListGroups (librdkafka's mock cluster: it has no
 *  DescribeGroups either, and a DescribeGroups sent to it leaves the
 *  group's later requests waiting forever in librdkafka 2.0.2).
 *  ListGroups waits for every broker: when one does not accept a
 *  connection, the request is bounded by KTK_GROUPS_DOWN_MS and
 *  @p partial names that broker (KTK_EXIT_FAIL).
 *  @returns the count, or -1 with @p err set. */
long ktk_groups_list(struct ktk_admin *a, struct ktk_group_listing **out,
		     int *cannot, struct ktk_err *partial, struct ktk_err *err);

/** @brief Describe the @p n groups @p ids in one request into @p out
 *  (@p n entries, zeroed by the caller): state, coordinator, assignor,
 *  members. A group the cluster could not describe gets ->error.
 *  @returns 0, or -1 with @p err set when the request itself failed (the
 *  cluster cannot describe groups: librdkafka's mock cluster). */
int ktk_groups_describe(struct ktk_admin *a, char *const *ids, size_t n,
			struct ktk_group_description *out, struct ktk_err *err);

/** @brief Committed offsets of each of the @p n groups @p ids (of the
 *  @p only_n partitions @p only; NULL: every partition the group has an
 *  offset for, which the mock cluster cannot answer): *@p rows[i]
 *  (topic, partition, committed; free with ktk_groups_rows_free()) and
 *  @p cnt[i]; @p errs[i] (may be NULL) gets a malloc'ed reason when that
 *  group's request failed. @returns 0 or -1 with @p err set. */
int ktk_groups_committed(struct ktk_admin *a, char *const *ids, size_t n,
			 const struct ktk_group_tp *only, size_t only_n,
			 struct ktk_group_row **rows, size_t *cnt, char **errs,
			 struct ktk_err *err);

/** @brief Free rows from ktk_groups_committed(). */
void ktk_groups_rows_free(struct ktk_group_row *rows, size_t n);

/* how long ListGroups waits for the brokers when one of them does not
 * accept connections (those that are up answer in milliseconds) */
#define KTK_GROUPS_DOWN_MS 3000

/** @brief Lines that say why some partitions had no answer. */
struct ktk_groups_fails {
	char **v; /* malloc'ed lines, one per partition */
	size_t n;
};

/** @brief Free the lines of @p f (and empty it). */
void ktk_groups_fails_free(struct ktk_groups_fails *f);

/** @brief The offset at @p when of each of @p n partitions (@p topics[i],
 *  @p parts[i]): when -1 the log end, -2 the log start, >= 0 the first
 *  offset whose timestamp is at or after @p when ms. @p out[i] is -1 when
 *  unknown (no leader, no such topic, no record that recent).
 *  Partitions whose leader the metadata does not name, or whose leader
 *  does not accept a connection (a broker that just stopped, which the
 *  metadata still names), are not asked, so that they cannot hold the
 *  others up for the whole timeout: with @p fails (may be NULL) one line
 *  each is appended, "T-P: no leader" or "T-P: its leader, broker N
 *  (HOST:PORT), is not reachable", as for a partition the leader answered
 *  with an error; a topic the cluster does not have is no failure.
 *  @returns 0, or -1 with @p err set when nothing could be asked. */
int ktk_groups_log_offsets(struct ktk_admin *a, const char *const *topics,
			   const int32_t *parts, size_t n, int64_t when,
			   int64_t *out, struct ktk_groups_fails *fails,
			   struct ktk_err *err);

/** @brief Commit @p offsets[i] for (@p topics[i], @p parts[i]) as @p group's
 *  offsets. A partition the broker refused is said in @p err.
 *  @returns 0 or -1 with @p err set. */
int ktk_groups_alter(struct ktk_admin *a, const char *group,
		     const char *const *topics, const int32_t *parts,
		     const int64_t *offsets, size_t n, struct ktk_err *err);

/** @brief Delete the @p n groups @p ids in one request; @p errs[i] gets a
 *  malloc'ed reason for each group not deleted (NULL when deleted).
 *  @returns 0 or -1 with @p err set when the request itself failed. */
int ktk_groups_delete(struct ktk_admin *a, char *const *ids, size_t n,
		      char **errs, struct ktk_err *err);

/** @brief Delete @p group's committed offsets of the @p n partitions;
 *  @p errs[i] gets a malloc'ed reason for each partition that failed, and
 *  @p top (may be "") the group-level error.
 *  @returns 0 or -1 with @p err set when the request itself failed. */
int ktk_groups_delete_offsets(struct ktk_admin *a, const char *group,
			      const char *const *topics, const int32_t *parts,
			      size_t n, char **errs, char *top, size_t top_size,
			      struct ktk_err *err);

/** @brief The partitions of @p topic from the metadata @p md:
 *  @returns their count (ids in *@p parts, malloc'ed), 0 when the topic
 *  does not exist. -1 out of memory. */
long ktk_groups_topic_partitions(const struct rd_kafka_metadata *md,
				 const char *topic, int32_t **parts);

#endif
