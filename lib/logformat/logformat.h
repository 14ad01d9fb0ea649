/* SPDX-License-Identifier: Apache-2.0 */
/* logformat.h -- Kafka's on-disk log format, read and written with no broker:
 * the bounds-checked wire reader (big-endian integers, varints), record
 * batches v2 and legacy message sets v0/v1, their CRCs and codecs, segment
 * walking, offset/time/transaction indexes, producer snapshots, checkpoint
 * files, and the message schemas of the internal topics (__consumer_offsets,
 * __transaction_state, __cluster_metadata, control records). It builds on
 * lib/base/ only. */
#ifndef KTK_LOGFORMAT_LOGFORMAT_H
#define KTK_LOGFORMAT_LOGFORMAT_H

#include "lib/logformat/wire.h"
#include "lib/logformat/batch.h"
#include "lib/logformat/batch_writer.h"
#include "lib/logformat/crc.h"
#include "lib/logformat/codec.h"
#include "lib/logformat/segment.h"
#include "lib/logformat/index.h"
#include "lib/logformat/producer_snapshot.h"
#include "lib/logformat/checkpoint.h"
#include "lib/logformat/message_schema.h"
#include "lib/logformat/coordinator_records.h"
#include "lib/logformat/metadata_records.h"

#endif
