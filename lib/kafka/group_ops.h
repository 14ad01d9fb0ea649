/* SPDX-License-Identifier: Apache-2.0 */
/* group_ops.h -- what ktk-groups does on a cluster, built on the single
 * Admin calls of groups.h: the groups to work on, describing many groups
 * at once (committed offsets of all in parallel, log ends of the union of
 * their partitions once per leader), and planning and executing
 * --reset-offsets with the pure planner of lib/groups/.
 *
 * A session remembers what the cluster said across calls (--watch): its
 * ListGroups answer, and whether it has the group APIs at all (librdkafka's
 * mock cluster has neither ListGroups nor DescribeGroups; a DescribeGroups
 * sent there leaves librdkafka 2.0.2's later requests for the group
 * waiting forever, so it is never sent).
 */
#ifndef KTK_KAFKA_GROUP_OPS_H
#define KTK_KAFKA_GROUP_OPS_H

#include "lib/base/err.h"
#include "lib/groups/reset.h"
#include "lib/kafka/admin.h"
#include "lib/kafka/groups.h"
#include "lib/output/group_description.h"

struct ktk_group_ops {
	struct ktk_admin *a;
	int probed;
	int no_group_api;           /* the cluster has no ListGroups */
	struct ktk_err no_group_why; /* what ListGroups said then */
	struct ktk_group_listing *listed; /* what ListGroups said */
	size_t listed_n;
	struct ktk_err cannot_describe; /* DescribeGroups failed once */
	struct ktk_groups_fails fails;  /* the last describe's partitions
					 * with no log end: why, one a line */
	int time_lag; /* describe reads the record at each lagging
		       * committed offset for its age (--time-lag) */
};

/** @brief Start a session on @p a. */
void ktk_group_ops_init(struct ktk_group_ops *o, struct ktk_admin *a);

/** @brief Free what the session holds. */
void ktk_group_ops_free(struct ktk_group_ops *o);

/** @brief Ask ListGroups once per session (o->listed, o->no_group_api).
 *  @returns 0 or -1 with @p err set. */
int ktk_group_ops_probe(struct ktk_group_ops *o, struct ktk_err *err);

/** @brief The groups to work on into *@p ids (malloc'ed strings): the
 *  @p n @p given ones, or with @p all every group of the cluster; with
 *  @p sort in name order without duplicates (Kafka's TreeMap).
 *  @returns their count, or -1 with @p err set (a cluster that cannot
 *  list groups, with @p all, is an error; so is a list some brokers did
 *  not answer, but with @p all 2, which takes the groups the others
 *  gave: o->no_group_why says what is missing). */
long ktk_group_ops_ids(struct ktk_group_ops *o, char *const *given, size_t n,
		       int all, int sort, char ***ids, struct ktk_err *err);

/** @brief Free ids from ktk_group_ops_ids(). */
void ktk_group_ops_ids_free(char **ids, size_t n);

/** @brief Describe the @p n groups @p ids into @p g (@p n entries): state,
 *  coordinator and members, and with @p offsets the offsets view's rows
 *  with their log ends (and with o->time_lag their time lags: one
 *  consumer reads the record at every lagging committed offset, all
 *  partitions at once, ktk_record_times()). A KIP-848 group that
 *  librdkafka before 2.10 calls Dead takes its state from ListGroups and
 *  gets ->offsets_only. What the cluster could not tell (no
 *  DescribeGroups, log ends unknown, records that did not come in time)
 *  is in @p partial (code 0 when all was told).
 *  @returns 0, or -1 with @p err set (no broker, out of memory). */
int ktk_group_ops_describe(struct ktk_group_ops *o, char *const *ids, size_t n,
			   struct ktk_group_description *g, int offsets,
			   struct ktk_err *partial, struct ktk_err *err);

/** @brief The partitions of --topic values (T or T:P,...) into *@p out
 *  (topics malloc'ed; free with ktk_group_ops_tps_free()); topics given
 *  without partitions that the cluster does not have go to *@p missing
 *  (partition -1) when @p missing is not NULL, else they are an error.
 *  @returns the count, or -1 with @p err set. */
long ktk_group_ops_scope(struct ktk_group_ops *o, char *const *args, size_t n,
			 struct ktk_group_tp **out, struct ktk_group_tp **missing,
			 size_t *missing_n, struct ktk_err *err);

/** @brief Free a list from ktk_group_ops_scope(). */
void ktk_group_ops_tps_free(struct ktk_group_tp *v, size_t n);

/** @brief Where a reset takes its partitions and requested offsets. */
struct ktk_group_scope {
	const struct ktk_group_tp *tps; /* --topic partitions */
	size_t tps_n;
	int all_topics;                 /* --all-topics */
	const struct ktk_reset_entry *file; /* --from-file */
	size_t file_n;
	int from_file;
	const char *to_group;           /* --to-group */
};

/** @brief One group's reset plan. */
struct ktk_group_plan {
	char *group;
	char *state;
	int refused; /* active: Kafka keeps it in its table with no rows */
	struct ktk_reset_row *rows; /* sorted by topic, partition */
	size_t n;
	char *error; /* why this group was not (or could not be) reset */
	char **topics; /* owned topic names the rows point to */
	size_t topics_n;
};

/** @brief Plan the reset of the @p n groups @p ids with @p spec over
 *  @p scope, and with @p execute commit it, into @p out (@p n entries).
 *  Groups that are not Empty or Dead are refused (->refused, ->error
 *  Kafka's sentence); on a cluster that cannot tell states (no ListGroups:
 *  o->no_group_api, librdkafka's mock) every group is planned as an
 *  inactive one, and the caller says so. @returns 0 (see each plan's ->error), or -1 with
 *  @p err set for what stops the whole run (KTK_EXIT_USAGE: a shift of a
 *  partition without a committed offset, as Kafka). */
int ktk_group_ops_reset(struct ktk_group_ops *o, char *const *ids, size_t n,
			const struct ktk_reset_spec *spec,
			const struct ktk_group_scope *scope, int execute,
			struct ktk_group_plan *out, struct ktk_err *err);

/** @brief Free what @p p holds. */
void ktk_group_plan_free(struct ktk_group_plan *p);

#endif
