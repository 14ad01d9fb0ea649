/* SPDX-License-Identifier: Apache-2.0 */
/* metadata_records.h -- __cluster_metadata record values (for
 * --cluster-metadata-decoder) and the control records of record batches
 * (transaction markers, KRaft leader change, snapshot header/footer,
 * kraft.version, voters) as DumpLogSegments prints them. */
#ifndef KTK_LOGFORMAT_METADATA_RECORDS_H
#define KTK_LOGFORMAT_METADATA_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/logformat/codec.h"

/** @brief Append the decoded metadata record value to @p out:
 *  {"type":"TOPIC_RECORD","version":0,"data":{...}}, or
 *  "Error at O, skipping. <why>". */
void ktk_metadata_records_decode(int64_t offset, const uint8_t *value,
			 int32_t value_len, struct ktk_buffer *out);

/** @brief Append the text DumpLogSegments prints after a control record's
 *  metadata (with its leading space): " endTxnMarker: COMMIT
 *  coordinatorEpoch: 5", " LeaderChange: {...}", " SnapshotHeader {...}",
 *  ..., " controlType: UNKNOWN(9)". @returns 0, -1 when the record could
 *  not be decoded (text then says why). */
int ktk_metadata_records_control_text(const uint8_t *key, int32_t key_len,
		     const uint8_t *value, int32_t value_len,
		     struct ktk_buffer *out);

#endif
