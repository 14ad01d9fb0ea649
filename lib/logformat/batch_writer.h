/* SPDX-License-Identifier: Apache-2.0 */
/* batch_writer.h -- writes record batches v2 (the layout in batch.c): records
 * with keys, values and headers, any codec, CRC-32C filled in. Used by
 * the benchmark's segment generator, the tests and the fuzz seeds. */
#ifndef KTK_LOGFORMAT_BATCH_WRITER_H
#define KTK_LOGFORMAT_BATCH_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "lib/logformat/codec.h"
#include "lib/base/err.h"

struct ktk_batch_writer {
	struct ktk_buffer recs;     /* encoded records, uncompressed */
	struct ktk_buffer out;      /* the finished batch */
	struct ktk_buffer z;        /* compression scratch */
	int64_t base_offset, base_timestamp, max_timestamp;
	int32_t count;
	/* header fields the caller may set before finish */
	int16_t attributes;      /* codec | flags (KTK_ATTR_*) */
	int32_t partition_leader_epoch;
	int64_t producer_id;
	int16_t producer_epoch;
	int32_t base_sequence;
};

/** @brief Start a batch at @p base_offset with first timestamp @p ts. */
void ktk_batch_writer_begin(struct ktk_batch_writer *w, int64_t base_offset, int64_t ts);

/** @brief Append a record (key/value NULL for null; @p nh headers as
 *  key/value pairs in @p hk/@p hv with lengths, hv NULL for null).
 *  @returns 0, -1 (memory). */
int ktk_batch_writer_add(struct ktk_batch_writer *w, int64_t ts, const void *key,
		   int32_t klen, const void *val, int32_t vlen, int nh,
		   const char *const *hk, const char *const *hv);

/** @brief Finish: compress, fill the header and CRC. The batch is
 *  w->out.p[0..w->out.len). @returns 0, -1 with @p err set. */
int ktk_batch_writer_finish(struct ktk_batch_writer *w, struct ktk_err *err);

/** @brief Release memory. */
void ktk_batch_writer_free(struct ktk_batch_writer *w);

#endif
