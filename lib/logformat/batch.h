/* SPDX-License-Identifier: Apache-2.0 */
/* batch.h -- Kafka record batches (magic 2) and legacy messages (magic 0
 * and 1): header decoding, CRC checks and record iteration, including
 * compressed batches and legacy compressed wrappers.
 *
 * A "batch" here is what Kafka's FileLogInputStream yields: a v2 record
 * batch, or one legacy message (which, when compressed, wraps an inner
 * message set). Byte layouts are in batch.c.
 */
#ifndef KTK_LOGFORMAT_BATCH_H
#define KTK_LOGFORMAT_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"
#include "lib/base/offset.h"
#include "lib/base/record_view.h" /* enum ktk_tstype */
#include "lib/logformat/codec.h"

#define KTK_BATCH_V2_OVERHEAD 61 /* RECORD_BATCH_OVERHEAD */
#define KTK_LOG_OVERHEAD 12      /* offset + size */
#define KTK_LEGACY_V0_OVERHEAD 14
#define KTK_LEGACY_V1_OVERHEAD 22

#define KTK_ATTR_CODEC 0x07
#define KTK_ATTR_LOG_APPEND_TIME 0x08
#define KTK_ATTR_TRANSACTIONAL 0x10
#define KTK_ATTR_CONTROL 0x20
#define KTK_ATTR_DELETE_HORIZON 0x40

struct ktk_batch {
	int64_t position;       /* file position of the batch */
	const uint8_t *data;    /* the whole batch, size bytes */
	uint32_t size;          /* 12 + batchLength (v2) / messageSize */
	int64_t base_offset;    /* v2 baseOffset; legacy: the offset field */
	int32_t partition_leader_epoch; /* v2; -1 for legacy */
	int8_t magic;
	uint32_t crc;           /* stored */
	int16_t attributes;
	int32_t last_offset_delta;  /* v2 */
	int64_t base_timestamp;     /* v2 */
	int64_t max_timestamp;      /* v2; legacy: the message timestamp */
	int64_t producer_id;
	int16_t producer_epoch;
	int32_t base_sequence;
	int32_t records_count;      /* v2 */
};

struct ktk_batch_record {
	int64_t offset;
	int64_t timestamp;
	int32_t sequence;        /* -1 when none */
	int32_t key_len;         /* -1 for null */
	int32_t value_len;       /* -1 for null */
	const uint8_t *key, *value;
	int32_t headers_count;
	const uint8_t *headers;  /* v2: the raw header section */
	size_t headers_len;
	/* legacy messages only */
	int8_t magic;
	int8_t attributes;
	uint32_t crc;            /* stored */
	int crc_valid;
	int64_t position;        /* position in the decompressed inner set */
};

/* Record iteration state; reuse it across batches to keep its buffer. */
struct ktk_batch_iter {
	const struct ktk_batch *b;
	struct ktk_buffer buf;       /* decompressed records */
	const uint8_t *p;         /* records being walked */
	size_t len, pos;
	int32_t index;            /* records returned */
	int64_t legacy_base;      /* v1 wrapper: absolute - relative */
	int legacy_single;        /* uncompressed legacy: yield it once */
	size_t limit;             /* decompressed size bound */
};

/** @brief Decode the header of the batch at @p p, of which @p avail bytes
 *  are readable, found at file position @p pos. Needs at least 17 bytes;
 *  b->size says how long the batch claims to be (the caller checks it
 *  fits). @returns 0, or -1 with @p err set when the header cannot be read
 *  (size below the minimum for its magic, unknown magic). */
int ktk_batch_parse(struct ktk_batch *b, const uint8_t *p, size_t avail,
		    int64_t pos, struct ktk_err *err);

/* The accessors below are inline: the dumper asks them once or more per
 * batch, and a segment of tiny batches has millions. */

/** @brief Offset of the batch's last record (legacy: the offset field). */
static inline int64_t ktk_batch_last_offset(const struct ktk_batch *b)
{
	if (b->magic >= 2)
		return ktk_offset_add(b->base_offset, b->last_offset_delta, NULL);
	return b->base_offset;
}

/** @brief v2 lastSequence, wrapping as Kafka does, or -1. */
int32_t ktk_batch_last_sequence(const struct ktk_batch *b);

/** @brief Compression codec id (attributes & 7). */
static inline int ktk_batch_codec(const struct ktk_batch *b)
{
	return b->attributes & KTK_ATTR_CODEC;
}

/** @brief Timestamp type (enum ktk_tstype, lib/base/record_view.h; its
 *  name by ktk_record_view_tstype_name()): KTK_TS_NONE for magic 0. */
static inline int ktk_batch_ts_type(const struct ktk_batch *b)
{
	if (b->magic == 0)
		return KTK_TS_NONE;
	return b->attributes & KTK_ATTR_LOG_APPEND_TIME ? KTK_TS_LOG_APPEND
							: KTK_TS_CREATE;
}

/** @brief Recompute the batch's checksum (CRC-32C from attributes on for
 *  v2, CRC-32 from magic on for legacy). @returns it. */
uint32_t ktk_batch_compute_crc(const struct ktk_batch *b);

/** @brief Kafka's isValid: size is enough and the checksum matches. */
int ktk_batch_valid(const struct ktk_batch *b);

/** @brief Prepare @p it to walk the records of @p b (decompressing when
 *  needed). @returns 0, or -1 with @p err set. */
int ktk_batch_records(const struct ktk_batch *b, struct ktk_batch_iter *it,
		      struct ktk_err *err);

/** @brief The next record. @returns 1 with @p r filled, 0 at the end,
 *  -1 with @p err set for a corrupt record (iteration then stops). */
int ktk_batch_next(struct ktk_batch_iter *it, struct ktk_batch_record *r,
		 struct ktk_err *err);

/** @brief Release the iterator's buffer. */
void ktk_batch_iter_free(struct ktk_batch_iter *it);

/** @brief Walk the headers of a v2 record: pass *@p pos = 0 first.
 *  @returns 1 with key/value set (value NULL, vlen -1 when null), 0 after
 *  the last, -1 when malformed. */
int ktk_batch_header_next(const struct ktk_batch_record *r, size_t *pos,
			   const uint8_t **key, int32_t *klen,
			   const uint8_t **val, int32_t *vlen);

/** @brief Kafka's incrementSequence: @p seq + @p delta wrapping at
 *  INT32_MAX to 0. */
int32_t ktk_batch_seq_add(int32_t seq, int32_t delta);

#endif
