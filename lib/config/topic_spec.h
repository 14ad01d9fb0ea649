/* SPDX-License-Identifier: Apache-2.0 */
/* topic_spec.h -- what a kafka-topics command line says about topics:
 * Kafka's TopicFilter (a regular expression or a comma-separated list,
 * matched against the whole name), --replica-assignment lists, --config
 * NAME=VALUE pairs and topic name rules. No librdkafka here.
 *
 * Text layouts read:
 *   --topic        "a,b"  "'t.*'"  "foo\\.bar"   (TopicFilter.IncludeList)
 *   --replica-assignment  "1:2,2:3,3:1"   partitions split on ',', the
 *                  broker ids of one partition on ':', blanks trimmed
 *   --config       "name=value" split on the first '=' with blanks around
 *                  it dropped (Kafka: "\\s*=\\s*", exactly two parts)
 *   -Q -t          "TOPIC[:PARTITION]:TIME" (kcat -Q): the topic up to the
 *                  first ':' (names hold none), then a partition if digits
 *                  and ':' follow, then TIME: epoch milliseconds, ISO-8601
 *                  (iso8601.h), -1 (the end) or -2 (the beginning)
 */
#ifndef KTK_CONFIG_TOPIC_SPEC_H
#define KTK_CONFIG_TOPIC_SPEC_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"

/* Kafka's topic name rules (Topic.validate). */
#define KTK_TOPIC_NAME_MAX 249

/** @brief A compiled --topic filter. */
struct ktk_topic_spec_filter {
	regex_t re;
	char *pattern; /* the regular expression after Kafka's rewriting */
	int compiled;
};

/** @brief Compile @p raw as Kafka's TopicFilter.IncludeList does: trim,
 *  ',' becomes '|', spaces go, leading and trailing quotes go; the result
 *  must match a whole topic name. Java's \\d and \\D are accepted.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_topic_spec_filter_init(struct ktk_topic_spec_filter *f, const char *raw,
			  struct ktk_err *err);

/** @brief Whether @p name matches the whole filter. */
int ktk_topic_spec_filter_match(const struct ktk_topic_spec_filter *f, const char *name);

/** @brief Release a filter set up by ktk_topic_spec_filter_init(). */
void ktk_topic_spec_filter_free(struct ktk_topic_spec_filter *f);

/** @brief Whether @p name is one of Kafka's internal topics
 *  (__consumer_offsets, __transaction_state, __share_group_state). */
int ktk_topic_spec_is_internal(const char *name);

/** @brief Check @p name against Kafka's rules: 1..249 characters of
 *  [a-zA-Z0-9._-], not "." or "..". @returns 0 or -1 with @p err set. */
int ktk_topic_spec_name_check(const char *name, struct ktk_err *err);

/* what a --topic that is a list or a pattern should be instead */
enum ktk_topic_spec_hint {
	KTK_TOPIC_SPEC_ONE,  /* one topic only (ktk-producer) */
	KTK_TOPIC_SPEC_MANY, /* -t repeatable, --include REGEX (ktk-consumer) */
};

/** @brief Check that the --topic value @p name is one topic name, as
 *  ktk_topic_spec_name_check() does, and say what to type instead of a
 *  list ("a,b": repeat -t) or a pattern ("^de.*": --include) per @p hint.
 *  @returns 0 or -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_topic_spec_literal_check(const char *name, int hint,
				 struct ktk_err *err);

/** @brief Whether @p name holds '.' or '_' (Kafka warns about metric
 *  name collisions for those). */
int ktk_topic_spec_name_collides(const char *name);

/** @brief A parsed --replica-assignment: partition p's replicas are
 *  ids[p * rf .. p * rf + rf). */
struct ktk_topic_spec_replica_assignment {
	int32_t *ids;
	size_t partitions; /* number of partitions listed */
	size_t rf;         /* replicas per partition */
};

/** @brief Parse "1:2,2:3" into @p ra. Errors (KTK_EXIT_USAGE) name the
 *  partition: a bad broker id, a duplicate in one partition, partitions of
 *  different lengths. @returns 0 or -1. */
int ktk_topic_spec_replica_assignment_parse(const char *s,
				 struct ktk_topic_spec_replica_assignment *ra,
				 struct ktk_err *err);

/** @brief Release @p ra. */
void ktk_topic_spec_replica_assignment_free(struct ktk_topic_spec_replica_assignment *ra);

/** @brief Split "name = value" into @p name and @p value (both malloc'd).
 *  The value may not be empty and may not hold another '='.
 *  @returns 0 or -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_topic_spec_config_kv_parse(const char *s, char **name, char **value,
			struct ktk_err *err);

/** @brief A timestamp to offset query of -Q (kcat -Q). */
struct ktk_topic_spec_time_query {
	char topic[KTK_TOPIC_NAME_MAX + 1];
	int32_t partition; /* -1: every partition of the topic */
	int64_t time;      /* ms since the epoch; -1 the end, -2 the beginning */
};

/** @brief Parse "TOPIC[:PARTITION]:TIME" into @p q.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_USAGE, naming @p s). */
int ktk_topic_spec_time_query_parse(const char *s,
				    struct ktk_topic_spec_time_query *q,
				    struct ktk_err *err);

#endif
