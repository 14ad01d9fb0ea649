/* SPDX-License-Identifier: Apache-2.0 */
/* partitioner.c -- key hashing of the partitioners; see partitioner.h.
 *
 * murmur2 reads the key as little-endian 32-bit words, mixes each with
 * m = 0x5bd1e995, r = 24, folds the 1..3 tail bytes, and finishes with
 * h ^= h >> 13; h *= m; h ^= h >> 15 (unsigned shifts, as Java's >>>).
 */
#include "lib/base/partitioner.h"

#include <string.h>
#include <zlib.h>

int32_t ktk_partitioner_murmur2(const void *key, size_t len)
{
	const unsigned char *d = key;
	const uint32_t m = 0x5bd1e995u;
	uint32_t h = 0x9747b28cu ^ (uint32_t)len, k;
	size_t i, n4 = len / 4, t = len & ~(size_t)3;

	for (i = 0; i < n4; i++) {
		k = (uint32_t)d[i * 4] | (uint32_t)d[i * 4 + 1] << 8 |
		    (uint32_t)d[i * 4 + 2] << 16 | (uint32_t)d[i * 4 + 3] << 24;
		k *= m;
		k ^= k >> 24;
		k *= m;
		h *= m;
		h ^= k;
	}
	switch (len % 4) {
	case 3:
		h ^= (uint32_t)d[t + 2] << 16;
		/* fall through */
	case 2:
		h ^= (uint32_t)d[t + 1] << 8;
		/* fall through */
	case 1:
		h ^= d[t];
		h *= m;
	}
	h ^= h >> 13;
	h *= m;
	h ^= h >> 15;
	return (int32_t)h;
}

uint32_t ktk_partitioner_fnv1a(const void *key, size_t len)
{
	const unsigned char *d = key;
	uint32_t h = 0x811c9dc5u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= d[i];
		h *= 0x01000193u;
	}
	return h;
}

static const char *const names[] = {
	"murmur2_random", "murmur2", "consistent", "consistent_random",
	"fnv1a", "fnv1a_random", "random",
};

int ktk_partitioner_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

const char *ktk_partitioner_name(int p)
{
	if (p < 0 || (size_t)p >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[p];
}

int32_t ktk_partitioner_for(int p, const void *key, size_t keylen,
			  int32_t count)
{
	static const unsigned char empty[1];
	const void *k = key ? key : empty;

	if (count <= 0)
		return -1;
	switch (p) {
	case KTK_PART_MURMUR2_RANDOM:
		if (key == NULL)
			return -1;
		/* fall through */
	case KTK_PART_MURMUR2:
		return (int32_t)(((uint32_t)ktk_partitioner_murmur2(k, keylen) &
				  0x7fffffffu) %
				 (uint32_t)count);
	case KTK_PART_CONSISTENT_RANDOM:
		if (key == NULL || keylen == 0)
			return -1;
		/* fall through */
	case KTK_PART_CONSISTENT:
		return (int32_t)(crc32(0L, k, (uInt)keylen) % (uint32_t)count);
	case KTK_PART_FNV1A_RANDOM:
		if (key == NULL)
			return -1;
		/* fall through */
	case KTK_PART_FNV1A: {
		/* librdkafka takes the hash as a signed int32, and the
		 * absolute value of the remainder */
		int64_t h = (int32_t)ktk_partitioner_fnv1a(k, keylen);

		return (int32_t)((h < 0 ? -h : h) % count);
	}
	}
	return -1;
}

int32_t ktk_partitioner_choose(int p, int32_t fixed, int32_t own,
			       const void *key, size_t keylen, int32_t count)
{
	if (fixed >= 0)
		return fixed;
	if (own >= 0)
		return own;
	return ktk_partitioner_for(p, key, keylen, count);
}
