/* SPDX-License-Identifier: Apache-2.0 */
/* snapshot.c -- a producer .snapshot as DumpLogSegments prints it, a line
 * per producer:
 *   producerId: P producerEpoch: E coordinatorEpoch: C
 *   currentTxnFirstOffset: OptionalLong[..] lastTimestamp: T
 *   firstSequence: F lastSequence: L lastOffset: O offsetDelta: D
 *   timestamp: T
 * (-J: {"type":"producer",...}).
 */
#include "lib/dump/dump_int.h"

#include "lib/logformat/producer_snapshot.h"

int dump_snapshot_producers(struct ktk_dump *d, const char *path)
{
	struct ktk_segment f;
	struct ktk_err err;
	struct ktk_producer_entry e;
	const uint8_t *p;
	long n, i;

	if (dump_open_file(d, path, -1, &f, path, "") == -1)
		return -1;
	p = dump_whole(d, path, &f, &err);
	if (p && (n = ktk_producer_snapshot_check(p, (size_t)f.size, &err)) < 0)
		dump_problem(d, path, -1, "%s", err.msg);
	if (p == NULL || n < 0) {
		ktk_segment_close(&f);
		return 0;
	}
	for (i = 0; i < n && !d->o.verify; i++) {
		ktk_producer_snapshot_entry(p, i, &e);
		if (d->o.json) {
			static const char *const names[] = {
				"producerId", "producerEpoch",
				"coordinatorEpoch", "currentTxnFirstOffset",
				"lastTimestamp", "lastSequence", "lastOffset",
				"offsetDelta"};
			int64_t vals[] = {e.producer_id, e.producer_epoch,
					  e.coordinator_epoch,
					  e.current_txn_first_offset,
					  e.timestamp, e.last_sequence,
					  e.last_offset, e.offset_delta};

			dump_entry_nums(d, "producer", names, vals, 8);
			continue;
		}
		kv(d, "producerId: ", e.producer_id);
		kv(d, " producerEpoch: ", e.producer_epoch);
		kv(d, " coordinatorEpoch: ", e.coordinator_epoch);
		if (e.current_txn_first_offset >= 0) {
			kv(d, " currentTxnFirstOffset: OptionalLong[",
			   e.current_txn_first_offset);
			KTK_BUFFER_PUTL(&d->ob, "]");
		} else
			KTK_BUFFER_PUTL(&d->ob, " currentTxnFirstOffset: OptionalLong.empty");
		kv(d, " lastTimestamp: ", e.timestamp);
		if (e.last_offset >= 0) {
			kv(d, " firstSequence: ",
			   ktk_producer_snapshot_seq_sub(e.last_sequence, e.offset_delta));
			kv(d, " lastSequence: ", e.last_sequence);
			kv(d, " lastOffset: ", e.last_offset);
			kv(d, " offsetDelta: ", e.offset_delta);
			kv(d, " timestamp: ", e.timestamp);
		}
		dump_nl(d);
	}
	ktk_segment_close(&f);
	return 0;
}

