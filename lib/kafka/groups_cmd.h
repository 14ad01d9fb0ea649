/* SPDX-License-Identifier: Apache-2.0 */
/* groups_cmd.h -- ktk-groups' actions (--list, --describe with --watch,
 * --delete, --delete-offsets, --reset-offsets, --validate-regex) over the
 * sessions of group_ops.h, with the output of group_description.h.
 *
 * Data goes to opts->out; what Kafka's tool writes to stderr goes to the
 * callbacks: ->warn for a diagnostic line (the caller prefixes the
 * program's name), ->note for text Kafka writes as it is. Each action
 * returns its exit status (0, KTK_EXIT_FAIL, 2 for --fail-on-lag, or a
 * partial answer's code), or -1 with @p err set for what stops the run.
 */
#ifndef KTK_KAFKA_GROUPS_CMD_H
#define KTK_KAFKA_GROUPS_CMD_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/base/err.h"
#include "lib/config/conf.h"
#include "lib/groups/reset.h"
#include "lib/kafka/group_ops.h"

struct ktk_groups_cmd_opts {
	FILE *out;
	char **groups;          /* --group values */
	size_t group_cnt;
	char **topics;          /* --topic values */
	size_t topic_cnt;
	int all_groups, all_topics;
	const char *state_arg;  /* --list --state's value (NULL: all) */
	const char *type_arg;   /* --list --type's value (NULL: all) */
	int type, state, members, summary, only_lag; /* given flags */
	int time_lag;           /* --time-lag */
	int fail_on_lag_set;
	int64_t fail_on_lag;
	int32_t watch_s;        /* --watch period (0: once) */
	int tty;                /* out is a terminal (--watch redraws) */
	volatile sig_atomic_t *stop; /* set by a signal: --watch ends */
	struct ktk_conf *conf;  /* to open a new handle (--watch) */
	int verbosity, timeout_ms;
	const struct ktk_reset_spec *spec;
	const char *from_file, *to_group;
	int execute, dry_run, export_csv;
	int json, verbose;
	void (*warn)(void *ctx, const char *msg);
	void (*note)(void *ctx, const char *text);
	void *warn_ctx;
};

/** @brief --list on @p a. */
int ktk_groups_cmd_list(struct ktk_admin *a, const struct ktk_groups_cmd_opts *o,
			struct ktk_err *err);

/** @brief --describe (and --watch until *o->stop). */
int ktk_groups_cmd_describe(struct ktk_group_ops *op,
			    const struct ktk_groups_cmd_opts *o,
			    struct ktk_err *err);

/** @brief --delete. */
int ktk_groups_cmd_delete(struct ktk_group_ops *op,
			  const struct ktk_groups_cmd_opts *o,
			  struct ktk_err *err);

/** @brief --delete-offsets of the one group. */
int ktk_groups_cmd_delete_offsets(struct ktk_group_ops *op,
				  const struct ktk_groups_cmd_opts *o,
				  struct ktk_err *err);

/** @brief --reset-offsets. */
int ktk_groups_cmd_reset(struct ktk_group_ops *op,
			 const struct ktk_groups_cmd_opts *o,
			 struct ktk_err *err);

/** @brief The time of --to-datetime (@p by_duration 0: Kafka's
 *  yyyy-MM-ddTHH:mm:ss.SSS[zone], or ktk-consumer's @TIMESTAMP and
 *  @-DURATION) or --by-duration (1: an ISO-8601 duration back from now)
 *  @p arg, in @p spec as a KTK_RESET_TO_TIME spec.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_USAGE, naming the flag). */
int ktk_groups_cmd_time_spec(int by_duration, const char *arg,
			     struct ktk_reset_spec *spec, struct ktk_err *err);

/** @brief Free the --group and --topic values of @p o. */
void ktk_groups_cmd_opts_free(struct ktk_groups_cmd_opts *o);

/** @brief Kafka's --validate-regex of @p re (POSIX extended) on @p out:
 *  0 and its line when valid, KTK_EXIT_FAIL and its line when not. */
int ktk_groups_cmd_validate_regex(FILE *out, const char *re);

#endif
