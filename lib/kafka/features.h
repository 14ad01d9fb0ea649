/* features.h -- which librdkafka Admin APIs ktk was built against: the one
 * place that tests RD_KAFKA_VERSION. Debian 12 ships librdkafka 2.0.2,
 * which lacks the APIs marked below; ktk reaches the same result there with
 * what exists (Metadata, DescribeConfigs, AlterConfigs read-modify-write).
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

#endif
