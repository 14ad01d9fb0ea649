/* SPDX-License-Identifier: Apache-2.0 */
/* topic_description.h -- a topic's description as plain data, and its output in
 * kafka-topics' text layout or in ktk's JSON schema. No librdkafka here:
 * lib/kafka/admin.c fills these structs from the cluster.
 *
 * Text layout (TopicCommand, one line per topic, then per partition):
 *   Topic: T\tTopicId: ID\tPartitionCount: N\tReplicationFactor: R\tConfigs: k=v,k=v
 *   \tTopic: T\tPartition: P\tLeader: L|none\tReplicas: a,b\tIsr: a,b\tElr: ..\tLastKnownElr: ..
 * TopicId is left out when unknown (as Kafka does for the zero UUID).
 */
#ifndef KTK_OUTPUT_TOPIC_DESCRIPTION_H
#define KTK_OUTPUT_TOPIC_DESCRIPTION_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

/** @brief A list of broker ids; known = 0 means "the cluster did not
 *  say" (printed as N/A). */
struct ktk_idlist {
	int32_t *ids;
	size_t cnt;
	int known;
};

/** @brief One partition as described by the cluster. */
struct ktk_tpart {
	int32_t partition;
	int32_t leader; /* -1: none */
	struct ktk_idlist replicas, isr, elr, last_known_elr;
	int64_t low, high; /* watermarks, -1 unknown (--offsets) */
};

/** @brief One topic configuration entry. */
struct ktk_tconfig {
	char *name;
	char *value; /* NULL for sensitive values */
	int is_default; /* source is DEFAULT_CONFIG */
	int is_sensitive;
};

/** @brief One topic. */
struct ktk_topic_description {
	char *name;
	char topic_id[32]; /* base64 UUID, "" when unknown */
	int internal;
	struct ktk_tpart *parts; /* sorted by partition */
	size_t part_cnt;
	struct ktk_tconfig *configs; /* in the broker's order */
	size_t config_cnt;
	int configs_known; /* the cluster said (JSON "configs": null if not) */
	int has_offsets; /* low/high were asked for */
};

/** @brief The partition reports of --describe (may be or-ed). */
enum ktk_treport {
	KTK_TREPORT_UNDER_REPLICATED = 1,
	KTK_TREPORT_UNAVAILABLE = 2,
	KTK_TREPORT_UNDER_MIN_ISR = 4,
	KTK_TREPORT_AT_MIN_ISR = 8,
	KTK_TREPORT_WITH_OVERRIDES = 16, /* topics, not partitions */
};

/** @brief What --describe shows, and the brokers alive now. */
struct ktk_tview {
	unsigned reports; /* enum ktk_treport bits */
	const int32_t *live; /* live broker ids */
	size_t live_cnt;
};

/** @brief Replication factor as Kafka computes it: replicas of the first
 *  partition (0 for a topic without partitions). */
int ktk_topic_description_rf(const struct ktk_topic_description *t);

/** @brief The topic's min.insync.replicas, or -1 when not known. */
int ktk_topic_description_min_isr(const struct ktk_topic_description *t);

/** @brief Whether the topic has a configuration entry not at its
 *  default (what --topics-with-overrides selects, like TopicCommand). */
int ktk_topic_description_has_overrides(const struct ktk_topic_description *t);

/** @brief Whether partition @p p of @p t is selected by the reports of
 *  @p v (always true without partition reports). */
int ktk_tpart_selected(const struct ktk_topic_description *t, const struct ktk_tpart *p,
		       const struct ktk_tview *v);

/** @brief Print @p t in TopicCommand's layout (honouring @p v's reports),
 *  with LowWatermark, HighWatermark and Records per partition when
 *  t->has_offsets. @returns the number of lines written, -1 on an output
 *  error. */
int ktk_topic_description_print(FILE *out, const struct ktk_topic_description *t,
		    const struct ktk_tview *v);

/** @brief @p t as a JSON object of ktk's schema (see ktk-topics(1)),
 *  holding only the partitions @p v selects; NULL when @p v's reports
 *  select nothing of it. */
json_t *ktk_topic_description_json(const struct ktk_topic_description *t, const struct ktk_tview *v);

/** @brief Whether the reports @p reports (enum ktk_treport bits) need
 *  the topics' configs: a plain describe, min.insync.replicas for the
 *  min-ISR reports, overrides; not --under-replicated-partitions or
 *  --unavailable-partitions. */
int ktk_topic_description_needs_configs(unsigned reports);

/** @brief Free what @p t holds (not @p t itself). */
void ktk_topic_description_free(struct ktk_topic_description *t);

/** @brief The outcome of a create, delete or alter on one topic. */
enum ktk_tres {
	KTK_TRES_OK = 0,
	KTK_TRES_EXISTS,  /* the topic already exists */
	KTK_TRES_UNKNOWN, /* the topic does not exist */
	KTK_TRES_FAILED,  /* the broker refused; msg says why */
};

struct ktk_topic_result {
	const char *name;
	int status;    /* enum ktk_tres */
	char msg[400]; /* the broker's reason, one line */
};

/** @brief Whether @p r counts as success: done, or an existing topic
 *  with @p if_not_exists, or a missing one with @p if_exists. */
int ktk_topic_description_result_ok(const struct ktk_topic_result *r,
				    int if_exists, int if_not_exists);

/** @brief The JSON "status" word of @p r for @p action ("create",
 *  "delete" or "alter"): created, deleted, altered, valid (@p dry_run),
 *  exists, not_found or failed. */
const char *ktk_topic_description_status(const char *action,
					 const struct ktk_topic_result *r,
					 int dry_run);

/** @brief {"action", "dry_run", "topics": [{"name", "status", "error"}]}
 *  for the @p n results @p res (see ktk-topics(1)). */
json_t *ktk_topic_description_results_json(const char *action, int dry_run,
					   const struct ktk_topic_result *res,
					   size_t n);

/** @brief {"topics": [NAME, ...]}, what --list -J prints. */
json_t *ktk_topic_description_names_json(char *const *names, size_t n);

/** @brief Write @p j compactly, in its order, on one line to @p out, and
 *  release it. @returns 0, or -1 on an output error. */
int ktk_topic_description_json_write(FILE *out, json_t *j);

#endif
