/* SPDX-License-Identifier: Apache-2.0 */
/* clock.h -- the monotonic clock, for timeouts, rates and elapsed times
 * (never for record timestamps, which are wall-clock milliseconds). */
#ifndef KTK_BASE_CLOCK_H
#define KTK_BASE_CLOCK_H

#include <stdint.h>
#include <time.h>

/** @brief Monotonic seconds. */
static inline double ktk_clock_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/** @brief Monotonic milliseconds. */
static inline int64_t ktk_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* the wall clock, in ms since the epoch */
static inline int64_t ktk_clock_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#endif
