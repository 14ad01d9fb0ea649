/* SPDX-License-Identifier: Apache-2.0 */
/* partitioner.h -- which partition a key goes to, as a pure function.
 *
 * The partitioners are librdkafka's ("partitioner" property), computed
 * here too so --dry-run and tests can say where a record goes without a
 * broker:
 *   murmur2_random     Java's default for keyed records:
 *                      (murmur2(key) & 0x7fffffff) % n; null key: any
 *   murmur2            the same, a null key hashed as empty
 *   consistent         crc32(key) % n (null and empty keys: crc32 "" = 0)
 *   consistent_random  crc32(key) % n; null or empty key: any
 *   fnv1a              |(int32)fnv1a(key)| % n (null key hashed as empty)
 *   fnv1a_random       the same; null key: any
 *   random             any
 * "any" is -1: librdkafka picks one (sticky for a while, as the Java
 * client's uniform sticky partitioner does for keyless records).
 */
#ifndef KTK_BASE_PARTITIONER_H
#define KTK_BASE_PARTITIONER_H

#include <stddef.h>
#include <stdint.h>

enum ktk_partitioner {
	KTK_PART_MURMUR2_RANDOM,
	KTK_PART_MURMUR2,
	KTK_PART_CONSISTENT,
	KTK_PART_CONSISTENT_RANDOM,
	KTK_PART_FNV1A,
	KTK_PART_FNV1A_RANDOM,
	KTK_PART_RANDOM,
};

/** @brief The names, comma-separated, for an option's choices. */
#define KTK_PARTITIONER_NAMES                                                  \
	"murmur2_random,murmur2,consistent,consistent_random,fnv1a,"           \
	"fnv1a_random,random"

/** @brief Java's Utils.murmur2 (seed 0x9747b28c), as a signed int. */
int32_t ktk_partitioner_murmur2(const void *key, size_t len);

/** @brief 32-bit FNV-1a as librdkafka computes it. */
uint32_t ktk_partitioner_fnv1a(const void *key, size_t len);

/** @brief The partitioner called @p name, or -1. */
int ktk_partitioner_lookup(const char *name);

/** @brief librdkafka's name of partitioner @p p. */
const char *ktk_partitioner_name(int p);

/** @brief The partition of a record with key @p key (NULL: null key) in a
 *  topic of @p count partitions, or -1 when chosen at random. */
int32_t ktk_partitioner_for(int p, const void *key, size_t keylen,
			  int32_t count);

/** @brief The partition a record goes to: @p fixed (-p) when >= 0, else
 *  the record's own @p own (JSON input) when >= 0, else its key's with
 *  partitioner @p p in a topic of @p count partitions; -1 (chosen at send
 *  time) for a key spread at random, or when @p count is 0 (unknown). */
int32_t ktk_partitioner_choose(int p, int32_t fixed, int32_t own,
			       const void *key, size_t keylen, int32_t count);

#endif
