/* SPDX-License-Identifier: Apache-2.0 */
/* iso8601.h -- ISO-8601 dates to and from milliseconds since the epoch,
 * without the C library's time zone state for UTC.
 *
 * Parsed: YYYY-MM-DD, optionally followed by 'T' or ' ' and HH:MM, HH:MM:SS
 * or HH:MM:SS.f (1 to 9 fraction digits, kept to the millisecond), then
 * optionally 'Z', +HH:MM, +HHMM or +HH (or '-'). No zone means UTC.
 * Written: 2024-01-31T12:00:00.123Z (UTC) or 2024-01-31T13:00:00.123+01:00
 * (local time, through localtime_r).
 */
#ifndef KTK_BASE_ISO8601_H
#define KTK_BASE_ISO8601_H

#include <stddef.h>
#include <stdint.h>

/** @brief Parse an ISO-8601 date-time into ms since the epoch.
 *  @returns 0, or -1 with @p why set to a static reason. */
int ktk_iso8601_parse(const char *s, int64_t *ms, const char **why);

/* The longest ISO-8601 text of an int64 of milliseconds, "-292278994-..."
 * with an offset, is 37 bytes; with room to spare. */
#define KTK_ISO8601_SIZE 48

/** @brief Write @p ms as ISO-8601 with milliseconds, in UTC ("Z") or
 *  local time (with its offset), to @p buf (at least KTK_ISO8601_SIZE
 *  bytes). @returns the length written (not counting the NUL). */
size_t ktk_iso8601_format(int64_t ms, int local, char *buf);

/** @brief strftime(3) of @p ms in UTC or local time, where "%L" in @p fmt
 *  is the milliseconds (3 digits). @returns the length written to @p buf
 *  (NUL-terminated), 0 when it does not fit. */
size_t ktk_iso8601_strftime(int64_t ms, int local, const char *fmt, char *buf,
		       size_t size);

/** @brief Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t ktk_iso8601_days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
