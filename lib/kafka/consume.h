/* SPDX-License-Identifier: Apache-2.0 */
/* consume.h -- read records from Kafka to a sink, as a consumer group
 * member or from assigned partitions, with the start and stop rules of
 * ktk-consumer, committing only what the sink's reader has taken.
 *
 * The formatter is a callback over a plain record view (lib/base/record.h).
 * Group offsets: enable.auto.offset.store=false; after each write to the
 * output, the next offset of every record whose bytes the reader has taken
 * (lib/output/sink.h) is stored with rd_kafka_offsets_store(), and librdkafka's
 * periodic auto-commit commits only stored offsets; on a revocation and at
 * the end the output is flushed, stored and committed synchronously
 * before the partitions go, then the member leaves the group.
 */
#ifndef KTK_CONSUME_H
#define KTK_CONSUME_H

#include <signal.h>
#include <stdint.h>

#include "lib/config/conf.h"
#include "lib/base/err.h"
#include "lib/config/offset_spec.h"
#include "lib/base/record_view.h"
#include "lib/output/sink.h"

struct ktk_consume_opts {
	const char **topics; /* -t, in order */
	int ntopics;
	const char *include; /* --include: POSIX extended regex */
	const int32_t *partitions; /* -p */
	int npartitions;
	const char *group; /* -g */
	const char *strategy; /* librdkafka partition.assignment.strategy */
	int has_start;
	struct ktk_offset_spec start;
	int from_beginning;
	int has_until;
	struct ktk_offset_spec until;
	int64_t max_messages; /* -1: no limit */
	int64_t timeout_ms;   /* -1: none */
	int exit_at_end;
	const char *isolation; /* NULL: librdkafka's default */
	int no_commit;
	int unbuffered;
	int fetchers;     /* --fetchers: librdkafka clients; 0: ktk's choice */
	int need_headers; /* the formatter reads headers */
	int verbosity;
	/* formats one record into the buffer */
	void (*format)(void *ctx, const struct ktk_record_view *r,
		       struct ktk_buffer *b);
	void *format_ctx;
	/* a notice for stderr (assignments, transient errors), or NULL */
	void (*notice)(void *ctx, const char *msg);
	void *notice_ctx;
};

/** @brief What was read from one partition, for the -v summary. */
struct ktk_consume_part_stats {
	const char *topic;
	int32_t partition;
	uint64_t records, bytes; /* bytes: key + value */
	int64_t last_offset;     /* -1: none */
	int64_t committed;       /* next offset stored for commit, -1 none */
};

struct ktk_consume;

/** @brief Initialise @p conf with the client properties the consumer of
 *  @p o uses: @p client's, then its own on top (client.id, group.id,
 *  commits, auto.offset.reset, ...). For ktk_consume_new() and -X dump.
 *  @returns 0, or -1 with @p err set; free @p conf either way. */
int ktk_consume_conf(const struct ktk_conf *client,
		     const struct ktk_consume_opts *o, struct ktk_conf *conf,
		     struct ktk_err *err);

/** @brief Create the consumer for @p client properties and @p o, check
 *  that the cluster answers and the topics exist.
 *  @returns NULL with @p err set (KTK_EXIT_UNAVAILABLE, KTK_EXIT_FAIL for
 *  a missing topic or failed authentication, KTK_EXIT_USAGE,
 *  KTK_EXIT_CONFIG). */
struct ktk_consume *ktk_consume_new(const struct ktk_conf *client,
				    const struct ktk_consume_opts *o,
				    struct ktk_sink *out,
				    volatile sig_atomic_t *stop,
				    struct ktk_err *err);

/** @brief Read until a stop condition, *stop, or the reader of the output
 *  goes away (a normal end); then commit and leave the group.
 *  @returns 0, or -1 with @p err set. */
int ktk_consume_run(struct ktk_consume *c, struct ktk_err *err);

/** @brief Records written so far. */
uint64_t ktk_consume_count(const struct ktk_consume *c);

/** @brief The statistics of partition number @p i (0..), or NULL past the
 *  last. */
const struct ktk_consume_part_stats *
ktk_consume_part(const struct ktk_consume *c, size_t i);

/** @brief Combinations ktk-consumer's options cannot be given in (topics,
 *  --include, --partition, --group, --from-beginning, --offset).
 *  @returns 0, or -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_consume_check(const struct ktk_consume_opts *o, struct ktk_err *err);

/** @brief What needs a group (--offset stored, the assignment strategy),
 *  once group.id from the properties is known.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_consume_check_group(const struct ktk_consume_opts *o,
			    struct ktk_err *err);

/** @brief A ^REGEX topic after kcat's -G GROUP: --include (one at most).
 *  @returns 0, or -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_consume_kcat_include(struct ktk_consume_opts *o, const char *arg,
			     struct ktk_err *err);

enum ktk_consume_group_conf {
	KTK_CONSUME_GROUP_NONE,   /* no group.id, or --group given */
	KTK_CONSUME_GROUP_JOINED, /* o->group is now group.id */
	KTK_CONSUME_GROUP_UNUSED, /* --partition: read without it */
};

/** @brief group.id from the client properties (--consumer.config,
 *  --command-config, --consumer-property, -X): kafka-console-consumer
 *  joins that group, and so does ktk-consumer; --group wins, --partition
 *  reads without a group. @p *ent: the property, when there is one. */
enum ktk_consume_group_conf
ktk_consume_group_from_conf(struct ktk_consume_opts *o,
			    const struct ktk_conf *client,
			    const struct ktk_conf_ent **ent);

/** @brief The -v summary, one line a partition read or committed and the
 *  total, each "PROG: ...\n", appended to @p b. */
void ktk_consume_summary(const struct ktk_consume *c, const char *prog,
			 struct ktk_buffer *b);

/** @brief Close (if not yet) and free @p c. */
void ktk_consume_free(struct ktk_consume *c);

#endif
