/* SPDX-License-Identifier: Apache-2.0 */
/* features.h -- which librdkafka APIs (and known bugs) ktk was built
 * against: the one place that tests RD_KAFKA_VERSION. Debian 12 ships
 * librdkafka 2.0.2, which lacks the APIs marked below; ktk reaches the same
 * result there with what exists (Metadata, DescribeConfigs, AlterConfigs
 * read-modify-write). docs/readme/librdkafka.md says what each release
 * gives; `ktk-xxx --version` prints the features line built from
 * KTK_FEATURES.
 */
#ifndef KTK_FEATURES_H
#define KTK_FEATURES_H

#include <librdkafka/rdkafka.h>

/* rd_kafka_IncrementalAlterConfigs (KIP-339): librdkafka 2.2.0 */
#if RD_KAFKA_VERSION >= 0x020200ff
#define KTK_HAVE_INCREMENTAL_ALTER_CONFIGS 1
#else
#define KTK_HAVE_INCREMENTAL_ALTER_CONFIGS 0
#endif

/* rd_kafka_DescribeTopics with topic ids, rd_kafka_Uuid_base64str
 * (KIP-117, KIP-516): librdkafka 2.3.0 */
#if RD_KAFKA_VERSION >= 0x020300ff
#define KTK_HAVE_DESCRIBE_TOPICS 1
#else
#define KTK_HAVE_DESCRIBE_TOPICS 0
#endif

/* rd_kafka_DescribeCluster (KIP-117): cluster id, controller, brokers
 * with racks; librdkafka 2.3.0 */
#if RD_KAFKA_VERSION >= 0x020300ff
#define KTK_HAVE_DESCRIBE_CLUSTER 1
#else
#define KTK_HAVE_DESCRIBE_CLUSTER 0
#endif

/* rd_kafka_Uuid_t, rd_kafka_TopicDescription_topic_id (KIP-516, partial):
 * librdkafka 2.3.0; topic ids only reach ktk through DescribeTopics */
#if RD_KAFKA_VERSION >= 0x020300ff
#define KTK_HAVE_TOPIC_ID 1
#else
#define KTK_HAVE_TOPIC_ID 0
#endif

/* rd_kafka_ListOffsets, the Admin API's ListOffsets with isolation level,
 * earliest/latest/max-timestamp specs (KIP-396): librdkafka 2.3.0. Before
 * it, rd_kafka_query_watermark_offsets and rd_kafka_offsets_for_times. */
#if RD_KAFKA_VERSION >= 0x020300ff
#define KTK_HAVE_ADMIN_LIST_OFFSETS 1
#else
#define KTK_HAVE_ADMIN_LIST_OFFSETS 0
#endif

/* rd_kafka_message_leader_epoch, leader epochs in partition lists
 * (KIP-320): librdkafka 2.1.0 */
#if RD_KAFKA_VERSION >= 0x020100ff
#define KTK_HAVE_LEADER_EPOCH 1
#else
#define KTK_HAVE_LEADER_EPOCH 0
#endif

/* fetch.queue.backoff.ms, how long a partition whose fetch queue is full
 * waits before the fetcher looks at it again: librdkafka 2.1.0 */
#if RD_KAFKA_VERSION >= 0x020100ff
#define KTK_HAVE_FETCH_QUEUE_BACKOFF 1
#else
#define KTK_HAVE_FETCH_QUEUE_BACKOFF 0
#endif

/* rd_kafka_ElectLeaders (KIP-460): librdkafka 2.6.0 */
#if RD_KAFKA_VERSION >= 0x020600ff
#define KTK_HAVE_ELECT_LEADERS 1
#else
#define KTK_HAVE_ELECT_LEADERS 0
#endif

/* rd_kafka_ConsumerGroupListing_type, rd_kafka_consumer_group_type_name:
 * the group type (Classic, Consumer) ListGroups v5 gives (KIP-848);
 * librdkafka 2.6.0 */
#if RD_KAFKA_VERSION >= 0x020600ff
#define KTK_HAVE_GROUP_TYPE 1
#else
#define KTK_HAVE_GROUP_TYPE 0
#endif

/* Every feature above by the name `ktk-xxx --version` reports it under:
 * X(name, macro). */
#define KTK_FEATURES(X)                                                        \
	X("incremental-alter-configs", KTK_HAVE_INCREMENTAL_ALTER_CONFIGS)     \
	X("describe-topics", KTK_HAVE_DESCRIBE_TOPICS)                         \
	X("describe-cluster", KTK_HAVE_DESCRIBE_CLUSTER)                       \
	X("topic-id", KTK_HAVE_TOPIC_ID)                                       \
	X("admin-list-offsets", KTK_HAVE_ADMIN_LIST_OFFSETS)                   \
	X("leader-epoch", KTK_HAVE_LEADER_EPOCH)                               \
	X("fetch-queue-backoff", KTK_HAVE_FETCH_QUEUE_BACKOFF)                 \
	X("elect-leaders", KTK_HAVE_ELECT_LEADERS)                             \
	X("group-type", KTK_HAVE_GROUP_TYPE)

/* Known bugs of the librdkafka ktk is built against that a tool works
 * around or documents (docs/readme/librdkafka.md has the details; the
 * tests/cli/kafka/librdkafka-*.bats show them). 1 while the bug is there.
 *
 * Closing a cooperative-sticky consumer between its JoinGroup and its
 * first assignment fails an assertion in librdkafka (abort) -- #4312,
 * fixed in 2.3.0. */
#define KTK_RDK_BUG_COOP_CLOSE_ABORT (RD_KAFKA_VERSION < 0x020300ff)
/* rd_kafka_query_watermark_offsets waits for a ListOffsets reply past its
 * timeout -- #4460, fixed in 2.3.0. */
#define KTK_RDK_BUG_WATERMARK_TIMEOUT (RD_KAFKA_VERSION < 0x020300ff)
/* The idempotent producer raises a fatal "sequence desynchronization"
 * error after a possibly persisted failure (timeout, disconnect) -- #4438,
 * fixed in 2.3.0. */
#define KTK_RDK_BUG_IDEMPOTENT_DESYNC (RD_KAFKA_VERSION < 0x020300ff)
/* A cooperative consumer can hang in rd_kafka_consumer_close when an
 * assignment arrives while it closes -- #4527, fixed in 2.4.0. */
#define KTK_RDK_BUG_COOP_CLOSE_HANG (RD_KAFKA_VERSION < 0x020400ff)

/* A broker thread that stopped fetching because the consumer queue held
 * queued.min.messages (or .kbytes) looks at its partitions again only when
 * an operation reaches it or after a second (no fetch.queue.backoff.ms
 * before 2.1.0): a consumer faster than its fetcher waits for the rest of
 * each second. ktk-consumer wakes the leaders (consume.c). */
#define KTK_RDK_BUG_FETCH_QUEUE_STALL (!KTK_HAVE_FETCH_QUEUE_BACKOFF)

/* rd_kafka_destroy of a consumer takes a second, one time in five or so:
 * a broker thread (the group coordinator's, back in its INIT state when
 * the group handler ends) sees the TERMINATE only at the end of its
 * one-second wait; a simple consumer without a group.id has it too. Seen
 * with 2.8.0, not with 2.0.2 (versions between not measured). README,
 * "Seen with 2.8.0"; ktk-consumer starts extra fetchers only for larger
 * backlogs there (consume.c). */
#define KTK_RDK_BUG_CLOSE_SECOND (RD_KAFKA_VERSION >= 0x020100ff)

/* The group consumer's default assignment strategy: cooperative-sticky,
 * which moves only the partitions that must move, except with a librdkafka
 * whose cooperative rebalancing can abort or hang on close (2.0.2 of
 * Debian 12 among them): there, range, which has neither bug. */
#if KTK_RDK_BUG_COOP_CLOSE_ABORT || KTK_RDK_BUG_COOP_CLOSE_HANG
#define KTK_DEFAULT_ASSIGNMENT_STRATEGY "range"
#else
#define KTK_DEFAULT_ASSIGNMENT_STRATEGY "cooperative-sticky"
#endif

#endif
