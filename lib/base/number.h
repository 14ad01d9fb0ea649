/* SPDX-License-Identifier: Apache-2.0 */
/* number.h -- strict number parsing for command lines and configuration.
 * No atoi: the whole string must be a number in range, or the call fails
 * with a reason ("not a number", "out of range (0..100)") for the message. */
#ifndef KTK_BASE_NUMBER_H
#define KTK_BASE_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/** @brief Parse a decimal integer in [@p min, @p max] into @p out.
 *  @returns 0, or -1 with @p why set to a static reason. */
int ktk_number_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out,
		  const char **why);

/** @brief ktk_number_parse_i64() of the @p len bytes at @p s, which need
 *  not end in NUL (a field of a line, say); at most 31 of them ("too long"
 *  beyond). */
int ktk_number_parse_i64_n(const char *s, size_t len, int64_t min,
			   int64_t max, int64_t *out, const char **why);

/** @brief ktk_number_parse_i64() for an int32. */
int ktk_number_parse_i32(const char *s, int32_t min, int32_t max, int32_t *out,
		  const char **why);

/** @brief Parse a duration ("500", "500ms", "15s", "15m", "2h", "1d"; a bare
 *  number is milliseconds) into milliseconds. @returns 0 or -1 with @p why. */
int ktk_number_parse_duration_ms(const char *s, int64_t *out, const char **why);

#endif
