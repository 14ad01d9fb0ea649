/* SPDX-License-Identifier: Apache-2.0 */
/* kafka.h -- the upper layer, everything that includes rdkafka.h: the client
 * (configuration, logging, errors), metadata, the consumer loop, the
 * producer's run and its batches, delivery accounting and transactions, topic
 * administration and ktk-topics' actions over it, consumer-group
 * administration and ktk-groups' actions over it. features.h is the one
 * place that tests RD_KAFKA_VERSION.
 * The lower layer (every other lib/ folder) never includes anything here. */
#ifndef KTK_KAFKA_KAFKA_H
#define KTK_KAFKA_KAFKA_H

#include "lib/kafka/features.h"
#include "lib/kafka/client.h"
#include "lib/kafka/meta.h"
#include "lib/kafka/consume.h"
#include "lib/kafka/produce.h"
#include "lib/kafka/producer.h"
#include "lib/kafka/delivery.h"
#include "lib/kafka/txn.h"
#include "lib/kafka/admin.h"
#include "lib/kafka/topics.h"
#include "lib/kafka/groups.h"
#include "lib/kafka/group_ops.h"
#include "lib/kafka/groups_cmd.h"

#endif
