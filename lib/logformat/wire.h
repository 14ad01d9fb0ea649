/* SPDX-License-Identifier: Apache-2.0 */
/* wire.h -- a bounds-checked reader over a byte range: big-endian fixed
 * integers (int8..int64), Kafka's zig-zag varint/varlong and unsigned
 * varints (LEB128, 7 bits a byte, least significant first, 0x80 = more).
 *
 * A read past the end, or an overlong varint, sets the sticky `bad` flag,
 * returns 0 and leaves the position at the end, so a parser can read a
 * whole structure and check `bad` once. Nothing here allocates.
 */
#ifndef KTK_LOGFORMAT_WIRE_H
#define KTK_LOGFORMAT_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct ktk_wire {
	const uint8_t *p; /* start of the range */
	size_t len;       /* bytes in the range */
	size_t pos;       /* next byte to read */
	int bad;          /* a read failed */
};

/** @brief Start reading @p len bytes at @p p. */
static inline void ktk_wire_init(struct ktk_wire *r, const void *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->pos = 0;
	r->bad = 0;
}

/** @brief Bytes not read yet. */
static inline size_t ktk_wire_left(const struct ktk_wire *r)
{
	return r->len - r->pos;
}

static inline const uint8_t *ktk_wire_take(struct ktk_wire *r, size_t n)
{
	const uint8_t *q;

	if (r->bad || n > r->len - r->pos) {
		r->bad = 1;
		r->pos = r->len;
		return NULL;
	}
	q = r->p + r->pos;
	r->pos += n;
	return q;
}

/** @brief Big-endian loads without bounds checks (caller checked). */
static inline uint16_t ktk_wire_be16(const uint8_t *q)
{
	return (uint16_t)((unsigned)q[0] << 8 | q[1]);
}
static inline uint32_t ktk_wire_be32(const uint8_t *q)
{
	return (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
	       (uint32_t)q[2] << 8 | q[3];
}
static inline uint64_t ktk_wire_be64(const uint8_t *q)
{
	return (uint64_t)ktk_wire_be32(q) << 32 | ktk_wire_be32(q + 4);
}

/** @brief A fixed-layout field: the big-endian integer of @p width bytes
 *  (2, 4 or 8) at @p at, stored into the struct member at @p member, an
 *  integer of that width (bits as they are, so signed members get the two's
 *  complement value). KTK_WIRE_FIELD() fills one from the member. */
struct ktk_wire_field {
	uint16_t at;
	uint16_t width;
	size_t member;
};
#define KTK_WIRE_FIELD(type, name, pos)                                        \
	{ (pos), sizeof(((type *)0)->name), offsetof(type, name) }

/** @brief Store the @p n fields @p f read at @p q into @p dst (unchecked:
 *  the caller checked that @p q holds them). */
static inline void ktk_wire_fields(const uint8_t *q,
				   const struct ktk_wire_field *f, size_t n,
				   void *dst)
{
	/* unrolled, a constant table folds into plain loads and stores
	 * (a batch header: ten fields, read once per batch) */
#pragma GCC unroll 16
	for (; n > 0; n--, f++) {
		char *m = (char *)dst + f->member;
		uint16_t v16;
		uint32_t v32;
		uint64_t v64;

		if (f->width == 2) {
			v16 = ktk_wire_be16(q + f->at);
			memcpy(m, &v16, 2);
		} else if (f->width == 4) {
			v32 = ktk_wire_be32(q + f->at);
			memcpy(m, &v32, 4);
		} else {
			v64 = ktk_wire_be64(q + f->at);
			memcpy(m, &v64, 8);
		}
	}
}

static inline int8_t ktk_wire_i8(struct ktk_wire *r)
{
	const uint8_t *q = ktk_wire_take(r, 1);
	return q ? (int8_t)q[0] : 0;
}
static inline int16_t ktk_wire_i16(struct ktk_wire *r)
{
	const uint8_t *q = ktk_wire_take(r, 2);
	return q ? (int16_t)ktk_wire_be16(q) : 0;
}
static inline int32_t ktk_wire_i32(struct ktk_wire *r)
{
	const uint8_t *q = ktk_wire_take(r, 4);
	return q ? (int32_t)ktk_wire_be32(q) : 0;
}
static inline int64_t ktk_wire_i64(struct ktk_wire *r)
{
	const uint8_t *q = ktk_wire_take(r, 8);
	return q ? (int64_t)ktk_wire_be64(q) : 0;
}

/** @brief Unsigned LEB128 of at most @p maxbytes bytes (5 for 32-bit
 *  values, 10 for 64-bit). */
static inline uint64_t ktk_wire_uvar(struct ktk_wire *r, int maxbytes)
{
	uint64_t v = 0;
	int shift = 0, i;

	/* the usual one-byte varint (lengths and deltas of small records) */
	if (r->pos < r->len && !r->bad && !(r->p[r->pos] & 0x80))
		return r->p[r->pos++];

	for (i = 0; i < maxbytes; i++) {
		const uint8_t *q = ktk_wire_take(r, 1);
		if (q == NULL)
			return 0;
		v |= (uint64_t)(*q & 0x7f) << shift;
		if (!(*q & 0x80))
			return v;
		shift += 7;
	}
	r->bad = 1;
	r->pos = r->len;
	return 0;
}

/** @brief Unsigned varint (32-bit). */
static inline uint32_t ktk_wire_uvarint(struct ktk_wire *r)
{
	return (uint32_t)ktk_wire_uvar(r, 5);
}

/** @brief Zig-zag varint (32-bit). */
static inline int32_t ktk_wire_varint(struct ktk_wire *r)
{
	uint32_t v = (uint32_t)ktk_wire_uvar(r, 5);
	return (int32_t)((v >> 1) ^ (~(v & 1) + 1));
}

/** @brief Zig-zag varlong (64-bit). */
static inline int64_t ktk_wire_varlong(struct ktk_wire *r)
{
	uint64_t v = ktk_wire_uvar(r, 10);
	return (int64_t)((v >> 1) ^ (~(v & 1) + 1));
}

#endif
