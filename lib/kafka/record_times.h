/* SPDX-License-Identifier: Apache-2.0 */
/* record_times.h -- the timestamps of the records at given offsets, of many
 * partitions at once: one consumer handle (no group: assign, never
 * subscribe, never commit) that fetches from every partition in parallel
 * and reads one record each, seeking on where a partition is asked for
 * several offsets. ktk-groups --time-lag uses it for the age of the record
 * at each committed offset.
 */
#ifndef KTK_KAFKA_RECORD_TIMES_H
#define KTK_KAFKA_RECORD_TIMES_H

#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"
#include "lib/config/conf.h"

/** @brief The timestamp (ms since the epoch) of the first record at or
 *  after @p offsets[i] of partition @p parts[i] of @p topics[i], for each
 *  of the @p n, into @p ts[i]; -1 where there is none (the partition ends
 *  first, it cannot be read, a negative offset, a record without a
 *  timestamp), or where none came within @p timeout_ms: those are
 *  counted in *@p late.
 *  A committed offset below the log start reads the log's first record
 *  (auto.offset.reset=earliest), where a consumer would resume. The
 *  records are fetched with @p conf (its group.id is never joined).
 *  @returns 0, or -1 with @p err set when no consumer could be made. */
int ktk_record_times(const struct ktk_conf *conf, const char *const *topics,
		     const int32_t *parts, const int64_t *offsets, size_t n,
		     int timeout_ms, int64_t *ts, size_t *late,
		     struct ktk_err *err);

#endif
