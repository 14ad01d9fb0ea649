/* SPDX-License-Identifier: Apache-2.0 */
/* crc.h -- the two checksums of Kafka's files: CRC-32C (Castagnoli,
 * reflected polynomial 0x82F63B78; record batches v2 and producer
 * snapshots) and CRC-32 (IEEE, zlib's; legacy messages v0/v1). */
#ifndef KTK_LOGFORMAT_CRC_H
#define KTK_LOGFORMAT_CRC_H

#include <stddef.h>
#include <stdint.h>

/** @brief CRC-32C of @p p[0..n) continuing from @p crc (0 to start).
 *  Uses the SSE4.2 crc32 instruction when the CPU has it. */
uint32_t ktk_crc32c(uint32_t crc, const void *p, size_t n);

/** @brief The portable (slicing-by-8) CRC-32C, for tests and old CPUs. */
uint32_t ktk_crc32c_sw(uint32_t crc, const void *p, size_t n);

/** @brief CRC-32 (IEEE, as zlib and java.util.zip.CRC32) of @p p[0..n)
 *  continuing from @p crc (0 to start). */
uint32_t ktk_crc32(uint32_t crc, const void *p, size_t n);

#endif
