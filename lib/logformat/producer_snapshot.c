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

/* One entry of the snapshot */
#define F(name, at) KTK_WIRE_FIELD(struct ktk_producer_entry, name, at)
static const struct ktk_wire_field entry_fields[] = {
	F(producer_id, 0),        F(producer_epoch, 8),
	F(last_sequence, 10),     F(last_offset, 14),
	F(offset_delta, 22),      F(timestamp, 26),
	F(coordinator_epoch, 34), F(current_txn_first_offset, 38),
};
#undef F

void ktk_producer_snapshot_entry(const uint8_t *p, long i,
			struct ktk_producer_entry *e)
{
	const uint8_t *q = p + 10 + (size_t)i * KTK_PRODUCER_SNAPSHOT_ENTRY;

	ktk_wire_fields(q, entry_fields,
			sizeof(entry_fields) / sizeof(entry_fields[0]), e);
}
