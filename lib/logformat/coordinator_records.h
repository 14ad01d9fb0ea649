/* SPDX-License-Identifier: Apache-2.0 */
/* coordinator_records.h -- __consumer_offsets and __transaction_state records as
 * DumpLogSegments' --offsets-decoder and --transaction-log-decoder print
 * them. */
#ifndef KTK_LOGFORMAT_COORDINATOR_RECORDS_H
#define KTK_LOGFORMAT_COORDINATOR_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/logformat/codec.h"

enum ktk_coord_kind { KTK_COORD_GROUP, KTK_COORD_TXN };

/** @brief Decode one coordinator record (key and value; value NULL for a
 *  tombstone) at @p offset. Sets *@p key_out and *@p value_out (offsets
 *  into @p out, -1 when absent) to Kafka's texts:
 *  key {"type":"T","data":{...}}, value {"version":"V","data":{...}} or
 *  <DELETE>; "Unknown record type T at offset O, skipping." or "Error at
 *  offset O, skipping. <why>" as the key with no value.
 *  @returns 0, or -1 when the record has no key (Kafka aborts the dump
 *  with "Failed to decode message at offset O using the specified decoder
 *  (message had a missing key)", written to @p out). */
int ktk_coordinator_records_decode(int kind, int64_t offset, const uint8_t *key,
		     int32_t key_len, const uint8_t *value, int32_t value_len,
		     struct ktk_buffer *out, long *key_out, long *value_out);

#endif
