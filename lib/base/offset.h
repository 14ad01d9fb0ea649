/* SPDX-License-Identifier: Apache-2.0 */
/* offset.h -- sums of Kafka offsets (int64) without undefined behaviour:
 * a base offset plus a delta or a relative offset, a last offset plus one.
 *
 * Kafka's Java code adds longs with wrap-around, and DumpLogSegments
 * prints what it computes; ktk_offset_add() gives that same value, so the
 * output stays Kafka's, and says when the true sum does not fit in int64
 * so that callers can report it (a file named near INT64_MAX, a corrupt
 * batch) instead of trusting it. Every offset sum of the lower layer goes
 * through it; the upper layer should too (a commit's offset + 1).
 */
#ifndef KTK_BASE_OFFSET_H
#define KTK_BASE_OFFSET_H

#include <stdint.h>

/** @brief @p a + @p b as Java's long addition gives it (wrapping); sets
 *  *@p overflow to 1 (when not NULL; it is never cleared, so one flag can
 *  collect several sums) when the true sum is outside int64. */
static inline int64_t ktk_offset_add(int64_t a, int64_t b, int *overflow)
{
	int64_t s;

	if (__builtin_add_overflow(a, b, &s) && overflow != NULL)
		*overflow = 1;
	return s;
}

#endif
