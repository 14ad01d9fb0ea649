/* SPDX-License-Identifier: Apache-2.0 */
/* codec.h -- decompression of Kafka's batch payloads into a growable,
 * bounded buffer: gzip (RFC 1952), snappy (xerial snappy-java framing or
 * one raw block), lz4 (frame format, including the broken header checksum
 * of Kafka's magic-0 "KafkaLZ4" writer, linked or independent blocks) and
 * zstd (frames, streaming). Output goes to a struct ktk_buffer
 * (lib/base/buffer.h). */
#ifndef KTK_LOGFORMAT_CODEC_H
#define KTK_LOGFORMAT_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "lib/base/buffer.h"
#include "lib/base/err.h"

enum ktk_codec {
	KTK_CODEC_NONE = 0,
	KTK_CODEC_GZIP = 1,
	KTK_CODEC_SNAPPY = 2,
	KTK_CODEC_LZ4 = 3,
	KTK_CODEC_ZSTD = 4,
};

/* Default bound on one batch's decompressed size. */
#define KTK_CODEC_MAX_OUT (256u << 20)

/** @brief Kafka's name of a codec id ("none", "gzip", ...), NULL if
 *  unknown. */
const char *ktk_codec_name(int codec);

/** @brief Decompress @p src[0..n) with @p codec into @p out (replacing its
 *  contents), at most @p limit bytes. @returns 0, or -1 with @p err set
 *  (KTK_EXIT_DATAERR) for corrupt input, an unknown codec or output past
 *  @p limit. */
int ktk_codec_decompress(int codec, const void *src, size_t n,
			 struct ktk_buffer *out, size_t limit,
			 struct ktk_err *err);

/** @brief Compress @p src[0..n) with @p codec the way Kafka's Java client
 *  frames it (gzip; snappy in xerial framing; lz4 frame with independent
 *  64 KiB blocks; zstd frame) into @p out (replacing its contents).
 *  @returns 0, -1 with @p err set. */
int ktk_codec_compress(int codec, const void *src, size_t n,
		       struct ktk_buffer *out, struct ktk_err *err);

#endif
