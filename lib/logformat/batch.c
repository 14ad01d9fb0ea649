/* SPDX-License-Identifier: Apache-2.0 */
/* batch.c -- record batches and legacy messages (see batch.h).
 *
 * Record batch v2 (all integers big-endian):
 *   0 baseOffset int64 | 8 batchLength int32 | 12 partitionLeaderEpoch int32
 *   16 magic int8 (2) | 17 crc uint32, CRC-32C of bytes [21, end)
 *   21 attributes int16 | 23 lastOffsetDelta int32 | 27 baseTimestamp int64
 *   35 maxTimestamp int64 | 43 producerId int64 | 51 producerEpoch int16
 *   53 baseSequence int32 | 57 recordsCount int32 | 61 records (compressed
 *   as one stream when attributes & 7 != 0)
 * Record: length varint | attributes int8 | timestampDelta varlong |
 *   offsetDelta varint | keyLength varint (-1 null) | key |
 *   valueLength varint | value | headerCount varint |
 *   headers: keyLength varint | key | valueLength varint (-1 null) | value
 * Legacy message (magic 0/1):
 *   offset int64 | messageSize int32 | crc uint32, CRC-32 of [magic, end) |
 *   magic int8 | attributes int8 | timestamp int64 (magic 1 only) |
 *   keyLength int32 | key | valueLength int32 | value
 * A compressed legacy message's value is a compressed message set; v1
 * inner offsets are relative (the wrapper holds the last absolute one).
 */
#include "lib/logformat/batch.h"

#include <string.h>

#include "lib/base/offset.h"
#include "lib/logformat/crc.h"
#include "lib/logformat/wire.h"

/* Java int arithmetic: wraps on overflow */
static int32_t jadd(int32_t a, int32_t b)
{
	return (int32_t)((uint32_t)a + (uint32_t)b);
}

static int32_t jsub(int32_t a, int32_t b)
{
	return (int32_t)((uint32_t)a - (uint32_t)b);
}

/* Java long addition (wrapping), for timestamps; offsets go through
 * ktk_offset_add() */
static int64_t jladd(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

int32_t ktk_batch_seq_add(int32_t seq, int32_t delta)
{
	if (seq > jsub(INT32_MAX, delta))
		return jsub(jsub(delta, jsub(INT32_MAX, seq)), 1);
	return jadd(seq, delta);
}

/* The v2 batch header after base offset, length and magic */
#define F(name, at) KTK_WIRE_FIELD(struct ktk_batch, name, at)
static const struct ktk_wire_field v2_header[] = {
	F(partition_leader_epoch, 12), F(crc, 17),
	F(attributes, 21),             F(last_offset_delta, 23),
	F(base_timestamp, 27),         F(max_timestamp, 35),
	F(producer_id, 43),            F(producer_epoch, 51),
	F(base_sequence, 53),          F(records_count, 57),
};
#undef F

int ktk_batch_parse(struct ktk_batch *b, const uint8_t *p, size_t avail,
		    int64_t pos, struct ktk_err *err)
{
	int32_t len;

	memset(b, 0, sizeof(*b));
	b->position = pos;
	b->data = p;
	if (avail < 17)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "position %lld: %zu bytes are too few for a "
				   "batch header",
				   (long long)pos, avail);
	b->base_offset = (int64_t)ktk_wire_be64(p);
	len = (int32_t)ktk_wire_be32(p + 8);
	b->magic = (int8_t)p[16];
	if (len < KTK_LEGACY_V0_OVERHEAD)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "position %lld: record size %d is smaller "
				   "than the minimum record overhead (14)",
				   (long long)pos, len);
	b->size = (uint32_t)len + KTK_LOG_OVERHEAD;
	b->partition_leader_epoch = -1;
	b->producer_id = -1;
	b->producer_epoch = -1;
	b->base_sequence = -1;
	if (b->magic == 2) {
		const uint8_t *q = p;

		if (b->size < KTK_BATCH_V2_OVERHEAD || avail < KTK_BATCH_V2_OVERHEAD)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "position %lld: batch size %u is "
					   "smaller than the v2 batch header "
					   "(61)",
					   (long long)pos, b->size);
		ktk_wire_fields(q, v2_header,
				sizeof(v2_header) / sizeof(v2_header[0]), b);
		return 0;
	}
	if (b->magic == 0 || b->magic == 1) {
		uint32_t min = b->magic == 0 ? KTK_LEGACY_V0_OVERHEAD
					     : KTK_LEGACY_V1_OVERHEAD;
		if ((uint32_t)len < min || avail < KTK_LOG_OVERHEAD + min)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "position %lld: message size %d is "
					   "smaller than the magic %d minimum "
					   "(%u)",
					   (long long)pos, len, b->magic, min);
		b->crc = ktk_wire_be32(p + 12);
		b->attributes = p[17];
		b->max_timestamp =
			b->magic == 1 ? (int64_t)ktk_wire_be64(p + 18) : -1;
		b->base_timestamp = b->max_timestamp;
		return 0;
	}
	return ktk_err_set(err, KTK_EXIT_DATAERR,
			   "position %lld: unknown magic byte %d",
			   (long long)pos, b->magic);
}

int32_t ktk_batch_last_sequence(const struct ktk_batch *b)
{
	if (b->base_sequence == -1)
		return -1;
	return ktk_batch_seq_add(b->base_sequence, b->last_offset_delta);
}

uint32_t ktk_batch_compute_crc(const struct ktk_batch *b)
{
	if (b->magic >= 2)
		return ktk_crc32c(0, b->data + 21, b->size - 21);
	return ktk_crc32(0, b->data + 16, b->size - 16);
}

int ktk_batch_valid(const struct ktk_batch *b)
{
	if (b->magic >= 2 && b->size < KTK_BATCH_V2_OVERHEAD)
		return 0;
	return ktk_batch_compute_crc(b) == b->crc;
}

/* Decode the legacy message body at m (crc onwards, msize bytes). */
static int legacy_parse(const uint8_t *m, size_t msize, struct ktk_batch_record *r,
			int64_t pos, struct ktk_err *err)
{
	struct ktk_wire rb;

	ktk_wire_init(&rb, m, msize);
	r->crc = (uint32_t)ktk_wire_i32(&rb);
	r->magic = ktk_wire_i8(&rb);
	r->attributes = ktk_wire_i8(&rb);
	if (r->magic != 0 && r->magic != 1)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "position %lld: inner message has magic %d",
				   (long long)pos, r->magic);
	r->timestamp = r->magic == 1 ? ktk_wire_i64(&rb) : -1;
	r->key_len = ktk_wire_i32(&rb);
	if (r->key_len < -1 || (r->key_len > 0 &&
				(size_t)r->key_len > ktk_wire_left(&rb)))
		goto bad;
	r->key = r->key_len > 0 ? ktk_wire_take(&rb, (size_t)r->key_len)
				: (r->key_len == 0 ? m : NULL);
	r->value_len = ktk_wire_i32(&rb);
	if (r->value_len < -1 || (r->value_len > 0 &&
				  (size_t)r->value_len > ktk_wire_left(&rb)))
		goto bad;
	r->value = r->value_len > 0
			   ? ktk_wire_take(&rb, (size_t)r->value_len)
			   : (r->value_len == 0 ? m : NULL);
	if (rb.bad)
		goto bad;
	r->crc_valid = ktk_crc32(0, m + 4, msize - 4) == r->crc;
	r->sequence = -1;
	r->headers_count = 0;
	r->headers = NULL;
	r->headers_len = 0;
	return 0;
bad:
	return ktk_err_set(err, KTK_EXIT_DATAERR,
			   "position %lld: legacy message of %zu bytes has "
			   "key/value sizes that do not fit",
			   (long long)pos, msize);
}

int ktk_batch_records(const struct ktk_batch *b, struct ktk_batch_iter *it,
		      struct ktk_err *err)
{
	int codec = ktk_batch_codec(b);

	if (it->limit == 0)
		it->limit = KTK_CODEC_MAX_OUT;
	it->b = b;
	it->index = 0;
	it->pos = 0;
	it->legacy_single = 0;
	it->legacy_base = 0;
	if (b->magic >= 2) {
		const uint8_t *src = b->data + KTK_BATCH_V2_OVERHEAD;
		size_t n = b->size - KTK_BATCH_V2_OVERHEAD;

		if (b->records_count < 0)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "position %lld: negative record "
					   "count %d",
					   (long long)b->position,
					   b->records_count);
		if (codec == KTK_CODEC_NONE) {
			it->p = src;
			it->len = n;
			return 0;
		}
		if (ktk_codec_decompress(codec, src, n, &it->buf, it->limit,
					 err) == -1)
			return ktk_err_prefix(err, "position %lld: ",
					      (long long)b->position);
		it->p = (const uint8_t *)it->buf.p;
		it->len = it->buf.len;
		return 0;
	}
	if (codec == KTK_CODEC_NONE) {
		it->legacy_single = 1;
		return 0;
	}
	{
		struct ktk_batch_record w;
		size_t pos = 0;
		int64_t last = -1;
		long guard = 0;

		if (legacy_parse(b->data + 12, b->size - 12, &w, b->position,
				 err) == -1)
			return -1;
		if (w.value == NULL)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "position %lld: compressed message "
					   "has a null value",
					   (long long)b->position);
		if (codec == KTK_CODEC_ZSTD)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "position %lld: zstd is not allowed "
					   "in magic %d messages",
					   (long long)b->position, b->magic);
		if (ktk_codec_decompress(codec, w.value, (size_t)w.value_len,
					 &it->buf, it->limit, err) == -1)
			return ktk_err_prefix(err, "position %lld: ",
					      (long long)b->position);
		it->p = (const uint8_t *)it->buf.p;
		it->len = it->buf.len;
		/* find the last inner offset for v1 relative offsets */
		while (it->len - pos >= 12 && guard++ < 100000000) {
			uint32_t sz = ktk_wire_be32(it->p + pos + 8);

			last = (int64_t)ktk_wire_be64(it->p + pos);
			if (sz > it->len - pos - 12)
				break;
			pos += 12 + sz;
		}
		if (b->magic == 1 && b->base_offset != 0) {
			if (b->base_offset < last)
				return ktk_err_set(
					err, KTK_EXIT_DATAERR,
					"position %lld: wrapper offset %lld is "
					"below its last inner offset %lld",
					(long long)b->position,
					(long long)b->base_offset,
					(long long)last);
			/* a difference, not a sum: wraps as Java's */
			it->legacy_base = (int64_t)((uint64_t)b->base_offset -
						    (uint64_t)last);
		}
	}
	return 0;
}

/* Kafka's unsigned varint of at most @p max bytes at *@p q, before
 * @p end (what ktk_wire_uvar() reads, over a pointer: the record walk
 * below is the hot loop of a segment of tiny batches).
 * @returns 0 with *@p q moved past it, -1 when it runs past @p end or is
 * longer than @p max bytes. */
static inline int uvar_at(const uint8_t **q, const uint8_t *end, int max,
			  uint64_t *v)
{
	const uint8_t *s = *q;
	uint64_t u = 0;
	int shift = 0;

	if (s < end && *s < 0x80) { /* the usual one-byte varint */
		*v = *s;
		*q = s + 1;
		return 0;
	}
	for (;;) {
		if (s == end || max-- == 0)
			return -1;
		u |= (uint64_t)(*s & 0x7f) << shift;
		if (!(*s++ & 0x80))
			break;
		shift += 7;
	}
	*v = u;
	*q = s;
	return 0;
}

/* zig-zag decodings of uvar_at()'s value: 32 bits (varint), 64 (varlong) */
static inline int32_t zz32(uint64_t u)
{
	uint32_t v = (uint32_t)u;

	return (int32_t)((v >> 1) ^ (~(v & 1) + 1));
}

static inline int64_t zz64(uint64_t u)
{
	return (int64_t)((u >> 1) ^ (~(u & 1) + 1));
}

/* A length-prefixed part of a record (a key, a value, a header's key or
 * value): its length, then its bytes (none for -1, null). @returns 0
 * with *@p q past it, -1 when it does not fit or its length is below -1. */
static inline int part_at(const uint8_t **q, const uint8_t *end,
			  int32_t *len, const uint8_t **bytes)
{
	uint64_t u;

	if (uvar_at(q, end, 5, &u) == -1 || (*len = zz32(u)) < -1 ||
	    (*len > 0 && (size_t)*len > (size_t)(end - *q)))
		return -1;
	*bytes = *len >= 0 ? *q : NULL;
	if (*len > 0)
		*q += *len;
	return 0;
}

/* The next record of a v2 batch (one is left). */
static int v2_next(struct ktk_batch_iter *it, struct ktk_batch_record *r,
		   struct ktk_err *err)
{
	const struct ktk_batch *b = it->b;
	const uint8_t *q, *end, *hk;
	uint64_t u;
	int32_t len = 0, odelta, hc, i, hl;
	int64_t tdelta;
	int unreadable;

	/* (ktk_batch_next() saw that a record is left) */
	/* it->p is NULL for a batch with no record bytes: no arithmetic on it */
	q = it->p ? it->p + it->pos : it->p;
	end = it->p ? it->p + it->len : it->p;
	unreadable = uvar_at(&q, end, 5, &u) == -1;
	if (unreadable)
		q = end; /* as ktk_wire: size 0, nothing left */
	else
		len = zz32(u);
	if (unreadable || len < 0 || (size_t)len > (size_t)(end - q))
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "position %lld: record %d: invalid record "
				   "size %d (%zu bytes remain)",
				   (long long)b->position, it->index, len,
				   (size_t)(end - q));
	end = q + len; /* the record may not read past its length */
	/* attributes (not used), timestampDelta, offsetDelta, key, value */
	if (q == end)
		goto bad;
	q++;
	if (uvar_at(&q, end, 10, &u) == -1)
		goto bad;
	tdelta = zz64(u);
	if (uvar_at(&q, end, 5, &u) == -1)
		goto bad;
	odelta = zz32(u);
	if (part_at(&q, end, &r->key_len, &r->key) == -1 ||
	    part_at(&q, end, &r->value_len, &r->value) == -1 ||
	    uvar_at(&q, end, 5, &u) == -1 || (hc = zz32(u)) < 0 ||
	    (size_t)hc > (size_t)(end - q))
		goto bad;
	r->headers = q;
	r->headers_count = hc;
	for (i = 0; i < hc; i++) {
		const uint8_t *hv;

		/* a header's key may not be null */
		if (part_at(&q, end, &hl, &hk) == -1 || hl < 0 ||
		    part_at(&q, end, &hl, &hv) == -1)
			goto bad;
	}
	if (q != end)
		goto bad;
	r->headers_len = (size_t)(q - r->headers);
	r->offset = ktk_offset_add(b->base_offset, odelta, NULL);
	r->timestamp = ktk_batch_ts_type(b) == KTK_TS_LOG_APPEND
			       ? b->max_timestamp
			       : jladd(b->base_timestamp, tdelta);
	r->sequence = b->base_sequence == -1
			      ? -1
			      : ktk_batch_seq_add(b->base_sequence, odelta);
	r->magic = 2;
	r->attributes = 0;
	r->crc = 0;
	r->crc_valid = 1;
	r->position = (int64_t)it->pos;
	it->pos = (size_t)(q - it->p);
	it->index++;
	return 1;
bad:
	return ktk_err_set(err, KTK_EXIT_DATAERR,
			   "position %lld: record %d (%d bytes) is malformed",
			   (long long)b->position, it->index, len);
}

static int legacy_next(struct ktk_batch_iter *it, struct ktk_batch_record *r,
		       struct ktk_err *err)
{
	const struct ktk_batch *b = it->b;
	uint32_t sz;
	int64_t off;

	if (it->legacy_single) {
		if (it->index > 0)
			return 0;
		if (legacy_parse(b->data + 12, b->size - 12, r, b->position,
				 err) == -1)
			return -1;
		r->offset = b->base_offset;
		r->position = 0;
		it->index++;
		return 1;
	}
	if (it->pos == it->len)
		return 0;
	if (it->len - it->pos < 12)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "position %lld: %zu stray bytes after inner "
				   "message %d",
				   (long long)b->position, it->len - it->pos,
				   it->index);
	off = (int64_t)ktk_wire_be64(it->p + it->pos);
	sz = ktk_wire_be32(it->p + it->pos + 8);
	if (sz > it->len - it->pos - 12 || sz < KTK_LEGACY_V0_OVERHEAD)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "position %lld: inner message %d has size %u "
				   "(%zu bytes remain)",
				   (long long)b->position, it->index, sz,
				   it->len - it->pos - 12);
	if (legacy_parse(it->p + it->pos + 12, sz, r, b->position, err) == -1)
		return -1;
	r->offset = b->magic == 1 ? ktk_offset_add(it->legacy_base, off, NULL)
				  : off;
	if (b->magic == 1 && ktk_batch_ts_type(b) == KTK_TS_LOG_APPEND)
		r->timestamp = b->max_timestamp;
	r->position = (int64_t)it->pos;
	it->pos += 12 + sz;
	it->index++;
	return 1;
}

int ktk_batch_next(struct ktk_batch_iter *it, struct ktk_batch_record *r,
		 struct ktk_err *err)
{
	if (it->b->magic >= 2) {
		if (it->index < it->b->records_count)
			return v2_next(it, r, err);
		if (it->pos != it->len)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "position %lld: %zu bytes follow "
					   "the batch's %d records",
					   (long long)it->b->position,
					   it->len - it->pos,
					   it->b->records_count);
		return 0;
	}
	return legacy_next(it, r, err);
}

void ktk_batch_iter_free(struct ktk_batch_iter *it)
{
	ktk_buffer_free(&it->buf);
}

int ktk_batch_header_next(const struct ktk_batch_record *r, size_t *pos,
			   const uint8_t **key, int32_t *klen,
			   const uint8_t **val, int32_t *vlen)
{
	struct ktk_wire rb;

	if (r->headers == NULL || *pos >= r->headers_len)
		return 0;
	ktk_wire_init(&rb, r->headers, r->headers_len);
	rb.pos = *pos;
	*klen = ktk_wire_varint(&rb);
	if (*klen < 0)
		return -1;
	*key = ktk_wire_take(&rb, (size_t)*klen);
	*vlen = ktk_wire_varint(&rb);
	if (*vlen < -1)
		return -1;
	*val = *vlen >= 0 ? ktk_wire_take(&rb, (size_t)*vlen) : NULL;
	if (rb.bad)
		return -1;
	*pos = rb.pos;
	return 1;
}
