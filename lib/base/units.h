/* SPDX-License-Identifier: Apache-2.0 */
/* units.h -- counts and sizes as people read them in summaries and
 * messages: "1 record", "2 records"; "999 bytes", "1.2 MB" (decimal units,
 * as the producer's progress line says MB/s). */
#ifndef KTK_BASE_UNITS_H
#define KTK_BASE_UNITS_H

#include <stddef.h>
#include <stdint.h>

/** @brief @p one when @p n is 1, else @p many ("record", "records"). */
const char *ktk_units_plural(uint64_t n, const char *one, const char *many);

/** @brief "N bytes" below 1000 ("1 byte"), else one decimal of kB, MB, GB
 *  or TB ("1.2 MB") into @p buf of @p size bytes; @returns @p buf. */
char *ktk_units_bytes(uint64_t n, char *buf, size_t size);

/** @brief A rate of @p n bytes per second as ktk_units_bytes() does, with
 *  "/s" after it ("2.3 MB/s"; below 1000: "512 B/s"); @returns @p buf. */
char *ktk_units_rate(double n, char *buf, size_t size);

#endif
