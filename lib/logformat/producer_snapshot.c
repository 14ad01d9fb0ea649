/* SPDX-License-Identifier: Apache-2.0 */
/* producer_snapshot.c -- producer state snapshots (see producer_snapshot.h).
 *
 * Layout (big-endian): version int16 (1) | crc uint32, CRC-32C of bytes
 * [6, end) | entryCount int32 | entries of 46 bytes: producerId int64 |
 * epoch int16 | lastSequence int32 | lastOffset int64 | offsetDelta int32 |
 * timestamp int64 | coordinatorEpoch int32 | currentTxnFirstOffset int64.
 */
#include "lib/logformat/producer_snapshot.h"

#include "lib/logformat/crc.h"
#include "lib/logformat/wire.h"

int32_t ktk_producer_snapshot_seq_sub(int32_t seq, int32_t dec)
{
	/* Java int arithmetic, wrapping */
	if (seq < dec)
		return (int32_t)((uint32_t)INT32_MAX -
				 ((uint32_t)dec - (uint32_t)seq) + 1u);
	return (int32_t)((uint32_t)seq - (uint32_t)dec);
}

long ktk_producer_snapshot_check(const uint8_t *p, size_t n, struct ktk_err *err)
{
	uint32_t stored, computed;
	int16_t version;
	int32_t count;

	if (n < 2)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "Snapshot failed schema validation: file has "
				   "%zu bytes",
				   n);
	version = (int16_t)ktk_wire_be16(p);
	if (version != 1)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "Snapshot contained an unknown file version %d",
				   version);
	if (n < 10)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "Snapshot failed schema validation: file has "
				   "%zu bytes",
				   n);
	stored = ktk_wire_be32(p + 2);
	computed = ktk_crc32c(0, p + 6, n - 6);
	if (stored != computed)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "Snapshot is corrupt (CRC is no longer valid). "
				   "Stored crc: %u. Computed crc: %u",
				   stored, computed);
	count = (int32_t)ktk_wire_be32(p + 6);
	if (count < 0 || (size_t)count != (n - 10) / KTK_PRODUCER_SNAPSHOT_ENTRY ||
	    (n - 10) % KTK_PRODUCER_SNAPSHOT_ENTRY != 0)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "Snapshot failed schema validation: %d "
				   "entries do not fill %zu bytes",
				   count, n - 10);
	return count;
}

void ktk_producer_snapshot_entry(const uint8_t *p, long i,
			struct ktk_producer_entry *e)
{
	const uint8_t *q = p + 10 + (size_t)i * KTK_PRODUCER_SNAPSHOT_ENTRY;

	e->producer_id = (int64_t)ktk_wire_be64(q);
	e->producer_epoch = (int16_t)ktk_wire_be16(q + 8);
	e->last_sequence = (int32_t)ktk_wire_be32(q + 10);
	e->last_offset = (int64_t)ktk_wire_be64(q + 14);
	e->offset_delta = (int32_t)ktk_wire_be32(q + 22);
	e->timestamp = (int64_t)ktk_wire_be64(q + 26);
	e->coordinator_epoch = (int32_t)ktk_wire_be32(q + 34);
	e->current_txn_first_offset = (int64_t)ktk_wire_be64(q + 38);
}
