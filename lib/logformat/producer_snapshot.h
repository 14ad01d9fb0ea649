/* SPDX-License-Identifier: Apache-2.0 */
/* producer_snapshot.h -- producer state snapshots (<offset>.snapshot). */
#ifndef KTK_LOGFORMAT_PRODUCER_SNAPSHOT_H
#define KTK_LOGFORMAT_PRODUCER_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"

#define KTK_PRODUCER_SNAPSHOT_ENTRY 46

struct ktk_producer_entry {
	int64_t producer_id;
	int16_t producer_epoch;
	int32_t last_sequence;
	int64_t last_offset;
	int32_t offset_delta;
	int64_t timestamp;
	int32_t coordinator_epoch;
	int64_t current_txn_first_offset; /* -1 none */
};

/** @brief Check the snapshot's version and CRC-32C. @returns the number of
 *  entries, or -1 with @p err set (Kafka's CorruptSnapshotException text). */
long ktk_producer_snapshot_check(const uint8_t *p, size_t n, struct ktk_err *err);

/** @brief Entry @p i of a checked snapshot. */
void ktk_producer_snapshot_entry(const uint8_t *p, long i,
			struct ktk_producer_entry *e);

/** @brief Kafka's decrementSequence (wrapping below 0 to INT32_MAX). */
int32_t ktk_producer_snapshot_seq_sub(int32_t seq, int32_t dec);

#endif
