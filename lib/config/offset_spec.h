/* SPDX-License-Identifier: Apache-2.0 */
/* offset_spec.h -- where to start and stop reading a partition.
 *
 * Start (-o/--offset):
 *   beginning | earliest      the first record still kept
 *   end | latest              after the last record (new records only)
 *   stored                    the group's committed offset
 *   N                         absolute offset N (>= 0)
 *   -N                        N records before the end of each partition
 *   @TIMESTAMP                the first record at or after TIMESTAMP:
 *                             epoch milliseconds or ISO-8601 (iso8601.h)
 *   @-DURATION                @(now - DURATION), DURATION as 15m, 2h, 1d
 *   s@TIMESTAMP               kcat's spelling of @TIMESTAMP
 * Stop (--until): N (stop before offset N) or @TIMESTAMP / @-DURATION
 * (stop before the first record at or after it). kcat's -o e@TIMESTAMP is
 * a stop: ktk_offset_spec_is_stop() tells, and the part after 'e' is
 * parsed with ktk_offset_spec_parse_until().
 */
#ifndef KTK_CONFIG_OFFSET_SPEC_H
#define KTK_CONFIG_OFFSET_SPEC_H

#include <stdint.h>

#include "lib/base/err.h"

enum ktk_offset_spec_kind {
	KTK_OFFSET_SPEC_BEGINNING,
	KTK_OFFSET_SPEC_END,
	KTK_OFFSET_SPEC_STORED,
	KTK_OFFSET_SPEC_ABSOLUTE, /* value: the offset */
	KTK_OFFSET_SPEC_TAIL,     /* value: how many before the end */
	KTK_OFFSET_SPEC_TIME,     /* value: ms since the epoch */
};

struct ktk_offset_spec {
	int kind; /* enum ktk_offset_spec_kind */
	int64_t value;
};

/** @brief Parse a start offset @p s; @p now_ms is the clock for
 *  @-DURATION. @returns 0, or -1 with @p err set (KTK_EXIT_USAGE, naming
 *  @p flag). */
int ktk_offset_spec_parse(const char *flag, const char *s, int64_t now_ms,
		      struct ktk_offset_spec *out, struct ktk_err *err);

/** @brief Parse a stop position (N, @TIMESTAMP or @-DURATION) for --until.
 *  @returns 0 or -1 with @p err set. */
int ktk_offset_spec_parse_until(const char *flag, const char *s, int64_t now_ms,
			    struct ktk_offset_spec *out, struct ktk_err *err);

/** @brief Whether @p s is kcat's stop form "e@TIMESTAMP" (a stop given
 *  to -o), whose s + 1 is for ktk_offset_spec_parse_until(). */
int ktk_offset_spec_is_stop(const char *s);

#endif
