/* SPDX-License-Identifier: Apache-2.0 */
/* admin.h -- topic administration through librdkafka: list, describe
 * (Metadata + DescribeConfigs, DescribeTopics where librdkafka has it,
 * watermarks), create, delete, add partitions, alter configurations, and
 * waiting until the cluster's metadata shows the change.
 *
 * Every call is bounded by the handle's timeout. Brokers that cannot be
 * reached fail fast with KTK_EXIT_UNAVAILABLE as soon as librdkafka reports
 * every broker down, instead of waiting out the timeout; a cluster that
 * refuses the login fails as fast, with KTK_EXIT_FAIL and its reason.
 * A cluster whose metadata names no controller among its brokers
 * (librdkafka's mock cluster, ktk-mock) cannot serve the requests
 * librdkafka sends to the controller (CreateTopics, DeleteTopics,
 * CreatePartitions, DescribeConfigs, AlterConfigs): those fail at once
 * with KTK_EXIT_FAIL, naming the request, instead of waiting out the
 * timeout for a controller that never comes.
 */
#ifndef KTK_ADMIN_H
#define KTK_ADMIN_H

#include <librdkafka/rdkafka.h>

#include "lib/config/conf.h"
#include "lib/config/opt.h"
#include "lib/base/err.h"
#include "lib/output/topic_description.h"
#include "lib/config/topic_spec.h"

struct ktk_admin_broker;

/** @brief An admin handle. */
struct ktk_admin {
	rd_kafka_t *rk;
	rd_kafka_queue_t *q;  /* admin results */
	rd_kafka_queue_t *mq; /* the main queue: error events */
	int timeout_ms;
	int down;    /* every broker reported down */
	int refused; /* the login refused: down_reason says why */
	int controller; /* 1: the metadata names a live controller */
	const struct ktk_conf *conf; /* for the reachability check */
	int reached;    /* 1: ktk_client_reachable() has passed */
	int stuck;   /* a request librdkafka never completes: do not wait
		      * for it when closing */
	char down_reason[256];
	char bootstrap[256];
	struct ktk_admin_broker *seen; /* every broker a metadata answer of
					* this handle named (librdkafka
					* keeps them all) */
	size_t seen_n;
};

/** @brief A broker that a metadata answer named. */
struct ktk_admin_broker {
	int32_t id;
	int port;
	char *host;
};

/** @brief A topic to create. */
struct ktk_new_topic {
	const char *name;
	int partitions; /* -1: the broker's default */
	int rf;         /* -1: the broker's default */
	const struct ktk_topic_spec_replica_assignment *ra; /* or NULL */
	char *const *cfg_names, *const *cfg_values;
	size_t cfg_cnt;
};

/** @brief A list of topic names (owned). */
struct ktk_names {
	char **v;
	size_t n;
};

/** @brief Connect lazily to the brokers of @p conf; every call waits at
 *  most @p timeout_ms. @returns 0 or -1 with @p err set. */
int ktk_admin_open(struct ktk_admin *a, const struct ktk_conf *conf,
		   int verbosity, int timeout_ms, struct ktk_err *err);

/** @brief ktk_meta_list_offsets() (meta.h) through @p a's client,
 *  within @p a's timeout. */
rd_kafka_resp_err_t ktk_admin_list_offsets(struct ktk_admin *a,
					   rd_kafka_topic_partition_list_t *l);

/* ktk_admin_start() flags */
#define KTK_ADMIN_GROUPS 1 /* open with ktk_groups_open() (groups.h) */
/* ktk_admin_start()'s answer to -X dump: nothing opened */
#define KTK_ADMIN_DUMP 1

/** @brief The opening of an admin binary's main() (ktk-topics,
 *  ktk-groups), once its command line is parsed and checked: gather
 *  @p common's client settings from every source (ktk_settings_resolve()),
 *  print their notes (ktk_common_notes()), and open @p a on them, each
 *  call bounded by @p timeout_ms: ktk_admin_open(), or ktk_groups_open()
 *  with KTK_ADMIN_GROUPS in @p flags. No broker is asked yet: the first
 *  request checks that one is reachable (ktk_client_reachable()).
 *  @returns 0; KTK_ADMIN_DUMP when -X dump asks for the settings only
 *  (nothing is opened: the caller prints them, ktk_opt_dump_exit()); or -1
 *  with @p err set (KTK_EXIT_CONFIG for a setting). */
int ktk_admin_start(struct ktk_admin *a, struct ktk_common *common,
		    int timeout_ms, unsigned flags, struct ktk_err *err);

/** @brief Close the handle. */
void ktk_admin_close(struct ktk_admin *a);

/** @brief Metadata of every topic, asked in growing slices so that an
 *  unreachable cluster is noticed as soon as librdkafka says so. Free with
 *  rd_kafka_metadata_destroy(). @returns 0 or -1 with @p err set. */
int ktk_admin_metadata(struct ktk_admin *a, const struct rd_kafka_metadata **md,
		       struct ktk_err *err);

/** @brief Admin options for @p op with the handle's timeout (and the
 *  operation timeout of topic operations). */
rd_kafka_AdminOptions_t *ktk_admin_options(struct ktk_admin *a,
					   rd_kafka_admin_op_t op,
					   int validate_only);

/** @brief Wait for the result of the one request in flight on @p a->q,
 *  ending early when the login is refused; @p what names the request in
 *  messages. @returns the event (destroy it), or NULL with @p err set. */
rd_kafka_event_t *ktk_admin_wait_result(struct ktk_admin *a, const char *what,
					struct ktk_err *err);

/** @brief ktk_admin_wait_result(), but an event whose request failed as a
 *  whole (rd_kafka_event_error()) is returned too, for the caller to
 *  tell one group's failure from the run's. */
rd_kafka_event_t *ktk_admin_wait_any(struct ktk_admin *a, const char *what,
				     struct ktk_err *err);

/** @brief Names of the cluster's topics that match @p f (NULL: all),
 *  sorted, internal ones left out when @p exclude_internal.
 *  @returns 0 or -1 with @p err set. */
int ktk_admin_names(struct ktk_admin *a, const struct ktk_topic_spec_filter *f,
		    int exclude_internal, struct ktk_names *out,
		    struct ktk_err *err);

/** @brief Free @p n's names. */
void ktk_names_free(struct ktk_names *n);

/** @brief Describe the topics @p names (sorted by name) into @p *out
 *  (@p names->n entries; free each with ktk_topic_description_free(), then free()),
 *  with watermarks when @p offsets, with configs when @p configs; the
 *  live broker ids into @p *live.
 *  When the cluster cannot answer DescribeConfigs (librdkafka's mock
 *  cluster, a broker that does not have the API), the topics are still
 *  described, without configs, and @p partial (which may be NULL: then it
 *  is an error) is set to what is missing and why ("Configs not shown:
 *  ...", "TopicId not shown: ..."); partial->code stays 0 otherwise.
 *  @returns 0 or -1 with @p err set. */
int ktk_admin_describe(struct ktk_admin *a, const struct ktk_names *names,
		       int offsets, int configs,
		       struct ktk_topic_description **out, int32_t **live,
		       size_t *live_cnt, struct ktk_err *partial,
		       struct ktk_err *err);

/** @brief The name of the topic whose id is @p topic_id (base64), into
 *  @p name. @returns 1 found, 0 not, -1 with @p err set (KTK_EXIT_USAGE
 *  when this librdkafka cannot see topic ids). */
int ktk_admin_name_of_id(struct ktk_admin *a, const char *topic_id,
			 char *name, size_t size, struct ktk_err *err);

/** @brief Create @p n topics in one request; each outcome in @p res.
 *  @returns 0 (see @p res) or -1 when the request itself failed. */
int ktk_admin_create(struct ktk_admin *a, const struct ktk_new_topic *t,
		     size_t n, int validate_only, struct ktk_topic_result *res,
		     struct ktk_err *err);

/** @brief Delete the topics @p names in one request. @returns as above. */
int ktk_admin_delete(struct ktk_admin *a, const struct ktk_names *names,
		     struct ktk_topic_result *res, struct ktk_err *err);

/** @brief Grow each of @p names to @p total partitions; with @p ra, the
 *  new partitions get its entries from each topic's current count on.
 *  @returns as above. */
int ktk_admin_add_partitions(struct ktk_admin *a, const struct ktk_names *names,
			     int total, const struct ktk_topic_spec_replica_assignment *ra,
			     int validate_only, struct ktk_topic_result *res,
			     struct ktk_err *err);

/** @brief Set (@p set_names = @p set_values) and remove (@p del_names)
 *  topic configuration entries of @p names. Without IncrementalAlterConfigs
 *  this reads each topic's own entries and writes them back changed.
 *  @returns as above. */
int ktk_admin_alter_configs(struct ktk_admin *a, const struct ktk_names *names,
			    char *const *set_names, char *const *set_values,
			    size_t set_cnt, char *const *del_names,
			    size_t del_cnt, int validate_only,
			    struct ktk_topic_result *res, struct ktk_err *err);

/** @brief Wait until DescribeConfigs shows the change of
 *  ktk_admin_alter_configs() on each of @p names (brokers apply it
 *  asynchronously). @returns 0, or -1 with @p err set (KTK_EXIT_FAIL on
 *  timeout). */
int ktk_admin_wait_configs(struct ktk_admin *a, const struct ktk_names *names,
			   char *const *set_names, char *const *set_values,
			   size_t set_cnt, char *const *del_names,
			   size_t del_cnt, struct ktk_err *err);

/** @brief Wait until each of @p names is in the metadata with a leader
 *  for every partition (@p present) or gone from it (!@p present).
 *  @returns 0, or -1 with @p err set (KTK_EXIT_FAIL on timeout). */
int ktk_admin_wait(struct ktk_admin *a, const struct ktk_names *names,
		   int present, struct ktk_err *err);

/** @brief A broker of the cluster's metadata. */
struct ktk_broker {
	int32_t id;
	char host[256];
	int port;
};

/** @brief The cluster's brokers (sorted by id) into @p *out (free()),
 *  its controller's id into @p *controller (-1 when the metadata names
 *  none) and its id into @p cluster_id ("" when unknown).
 *  @returns 0 or -1 with @p err set. */
int ktk_admin_brokers(struct ktk_admin *a, struct ktk_broker **out,
		      size_t *n, int32_t *controller, char *cluster_id,
		      size_t size, struct ktk_err *err);

/** @brief One answer of ktk_admin_offsets_for_times(). */
struct ktk_offset_at {
	const char *topic; /* points into the query */
	int32_t partition;
	int64_t time;   /* as asked */
	int64_t offset; /* the first at or after time; -1 when none */
};

/** @brief For each query of @p q (-1 partitions expanded to every
 *  partition, in order), the first offset whose timestamp is at or after
 *  its time (ListOffsets; -1 the end, -2 the beginning) into @p *out
 *  (@p *n entries, free()). A topic or partition not in the metadata is
 *  an error (KTK_EXIT_FAIL) before anything is asked.
 *  @returns 0 or -1 with @p err set. */
int ktk_admin_offsets_for_times(struct ktk_admin *a,
				const struct ktk_topic_spec_time_query *q,
				size_t nq, struct ktk_offset_at **out,
				size_t *n, struct ktk_err *err);

#endif
