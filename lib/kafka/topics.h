/* SPDX-License-Identifier: Apache-2.0 */
/* topics.h -- ktk-topics' actions over an admin handle (admin.h): list,
 * describe, create, delete and alter, and kcat's -L broker list and -Q
 * timestamp to offset query, each printing its data to a
 * stream in kafka-topics' text layout or ktk's JSON (topic_description.h)
 * and its per-topic refusals through a warning callback.
 *
 * The command line is checked by the caller; these take what it said.
 */
#ifndef KTK_TOPICS_H
#define KTK_TOPICS_H

#include <stdint.h>
#include <stdio.h>

#include "lib/base/err.h"
#include "lib/kafka/admin.h"

/** @brief What a ktk-topics command line asks for. */
struct ktk_topics_opts {
	const char *topic;    /* --topic values joined with ',', or NULL */
	const char *topic_id; /* --topic-id, or NULL */
	const char *ra;       /* --replica-assignment, or NULL */
	int32_t partitions;   /* --partitions, -1: not given */
	int32_t rf;           /* --replication-factor, -1: not given */
	char *const *cfg_names, *const *cfg_values; /* --config */
	size_t cfg_cnt;
	char *const *del_names; /* --delete-config */
	size_t del_cnt;
	unsigned reports; /* enum ktk_treport bits */
	int if_exists, if_not_exists, dry_run, exclude_internal, offsets;
	int json;
	int verbosity; /* 0: -q */
	/* a warning for stderr (a topic the broker refused, a name that
	 * may collide), one line without the program name */
	void (*warn)(void *ctx, const char *msg);
	void *warn_ctx;
};

/** @brief --list: the matching names, one a line (or JSON), to @p out.
 *  @returns 0 or -1 with @p err set. */
int ktk_topics_list(struct ktk_admin *a, const struct ktk_topics_opts *o,
		    FILE *out, struct ktk_err *err);

/** @brief --describe: the matching topics (or --topic-id's) to @p out.
 *  When part of the description could not be read, what could is printed
 *  and -1 returned with @p err saying what is missing.
 *  @returns 0 or -1 with @p err set. */
int ktk_topics_describe(struct ktk_admin *a, const struct ktk_topics_opts *o,
			FILE *out, struct ktk_err *err);

/** @brief --create: the topics named by o->topic, in one request, then
 *  wait until the metadata shows them; "Created topic T." (or JSON) to
 *  @p out. @returns how many topics failed (each warned about), or -1
 *  with @p err set. */
int ktk_topics_create(struct ktk_admin *a, const struct ktk_topics_opts *o,
		      FILE *out, struct ktk_err *err);

/** @brief --delete: the matching topics, then wait until they are gone.
 *  @returns as ktk_topics_create(). */
int ktk_topics_delete(struct ktk_admin *a, const struct ktk_topics_opts *o,
		      FILE *out, struct ktk_err *err);

/** @brief --alter: add partitions and set or remove configuration
 *  entries of the matching topics, then wait until the change is visible.
 *  @returns as ktk_topics_create(). */
int ktk_topics_alter(struct ktk_admin *a, const struct ktk_topics_opts *o,
		     FILE *out, struct ktk_err *err);

/** @brief --brokers: the cluster's brokers, one a line as kcat -L prints
 *  them ("broker ID at HOST:PORT", " (controller)" on the controller), or
 *  JSON, to @p out. @returns 0 or -1 with @p err set. */
int ktk_topics_brokers(struct ktk_admin *a, const struct ktk_topics_opts *o,
		       FILE *out, struct ktk_err *err);

/** @brief -Q/--offsets-for-times: for each "TOPIC[:PARTITION]:TIME" of
 *  o->topic (comma-separated), each partition's first offset at or after
 *  TIME, one a line as kcat -Q prints them ("TOPIC [P] offset O", -1 when
 *  no record is that late), or JSON, to @p out.
 *  @returns 0 or -1 with @p err set. */
int ktk_topics_offsets_for_times(struct ktk_admin *a,
				 const struct ktk_topics_opts *o, FILE *out,
				 struct ktk_err *err);

#endif
