/* SPDX-License-Identifier: Apache-2.0 */
/* codec.c -- batch payload decompression (see codec.h).
 *
 * snappy, xerial framing: magic 82 53 4E 41 50 50 59 00, int32 version,
 * int32 min-compatible version, then blocks [int32 BE length][raw snappy];
 * input without that header is one raw snappy block.
 * lz4 frame: magic 04 22 4D 18 (LE 0x184D2204), FLG, BD, [int64 content
 * size if FLG bit 3], header checksum byte (ignored: Kafka's old writer
 * computed it over the wrong bytes), then blocks [uint32 LE size, high bit
 * = stored][data][uint32 block checksum if FLG bit 4], ended by a zero size,
 * then a uint32 content checksum if FLG bit 2 (not verified, as in Kafka).
 */
#include "lib/logformat/codec.h"

#include <lz4.h>
#include <lz4frame.h>
#include <snappy-c.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

const char *ktk_codec_name(int codec)
{
	static const char *const names[] = {"none", "gzip", "snappy", "lz4",
					    "zstd"};

	return codec >= 0 && codec <= 4 ? names[codec] : NULL;
}

static int too_big(struct ktk_err *err, const char *what, size_t limit)
{
	return ktk_err_set(err, KTK_EXIT_DATAERR,
			   "%s data decompresses to more than %zu bytes", what,
			   limit);
}

static int nomem(struct ktk_err *err)
{
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
}

static int gunzip(const uint8_t *src, size_t n, struct ktk_buffer *out,
		  size_t limit, struct ktk_err *err)
{
	z_stream z;
	int rc = Z_OK;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return nomem(err);
	z.next_in = (Bytef *)src;
	z.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
	for (;;) {
		size_t room;

		if (out->len >= limit) {
			inflateEnd(&z);
			return too_big(err, "gzip", limit);
		}
		if (ktk_buffer_reserve(out, n * 2 + 4096 > limit - out->len
					     ? limit - out->len
					     : n * 2 + 4096) == -1) {
			inflateEnd(&z);
			return nomem(err);
		}
		room = out->cap - out->len;
		if (room > limit - out->len)
			room = limit - out->len;
		if (room > UINT32_MAX)
			room = UINT32_MAX;
		z.next_out = (Bytef *)out->p + out->len;
		z.avail_out = (uInt)room;
		rc = inflate(&z, Z_NO_FLUSH);
		out->len = (size_t)((char *)z.next_out - out->p);
		if (rc == Z_STREAM_END) {
			/* a following gzip member, as GZIPInputStream reads */
			if (z.avail_in >= 2 && z.next_in[0] == 0x1f &&
			    z.next_in[1] == 0x8b) {
				inflateReset(&z);
				continue;
			}
			break;
		}
		if (rc != Z_OK && !(rc == Z_BUF_ERROR && z.avail_out == 0)) {
			inflateEnd(&z);
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "gzip data is corrupt (%s)",
					   z.msg ? z.msg : "truncated");
		}
	}
	inflateEnd(&z);
	return 0;
}

static int snappy_block(const uint8_t *src, size_t n, struct ktk_buffer *out,
			size_t limit, struct ktk_err *err)
{
	size_t ulen;

	if (snappy_uncompressed_length((const char *)src, n, &ulen) !=
	    SNAPPY_OK)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "snappy block is corrupt");
	if (ulen > limit - out->len)
		return too_big(err, "snappy", limit);
	if (ktk_buffer_reserve(out, ulen) == -1)
		return nomem(err);
	if (snappy_uncompress((const char *)src, n,
			      (char *)out->p + out->len, &ulen) != SNAPPY_OK)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "snappy block is corrupt");
	out->len += ulen;
	return 0;
}

static int unsnappy(const uint8_t *src, size_t n, struct ktk_buffer *out,
		    size_t limit, struct ktk_err *err)
{
	static const uint8_t magic[8] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
	size_t pos = 16;

	if (n < 16 || memcmp(src, magic, 8) != 0)
		return snappy_block(src, n, out, limit, err);
	while (pos < n) {
		uint32_t blen;

		if (n - pos < 4)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "snappy stream truncated at byte %zu",
					   pos);
		blen = (uint32_t)src[pos] << 24 | (uint32_t)src[pos + 1] << 16 |
		       (uint32_t)src[pos + 2] << 8 | src[pos + 3];
		pos += 4;
		if (blen > n - pos)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "snappy block of %u bytes at byte %zu "
					   "runs past the end (%zu)",
					   blen, pos - 4, n);
		if (snappy_block(src + pos, blen, out, limit, err) == -1)
			return -1;
		pos += blen;
	}
	return 0;
}

static uint32_t le32(const uint8_t *q)
{
	return (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 |
	       (uint32_t)q[3] << 24;
}

static int unlz4(const uint8_t *src, size_t n, struct ktk_buffer *out,
		 size_t limit, struct ktk_err *err)
{
	size_t pos, maxblock;
	int flg, bd, linked;

	if (n < 7 || le32(src) != 0x184D2204u)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "lz4 data has no frame magic");
	flg = src[4];
	bd = src[5];
	if ((flg >> 6) != 1)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "lz4 frame version %d is not supported",
				   flg >> 6);
	if (((bd >> 4) & 7) < 4)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "lz4 block size id %d is invalid",
				   (bd >> 4) & 7);
	maxblock = (size_t)1 << (8 + 2 * ((bd >> 4) & 7));
	linked = !(flg & 0x20);
	pos = 6 + (flg & 0x08 ? 8 : 0) + 1;
	for (;;) {
		uint32_t bsz;
		int stored, got;
		size_t dict;

		if (n < 4 || pos > n - 4)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "lz4 frame truncated at byte %zu",
					   pos);
		bsz = le32(src + pos);
		pos += 4;
		if (bsz == 0)
			break;
		stored = !!(bsz & 0x80000000u);
		bsz &= 0x7fffffffu;
		if (bsz > n - pos || bsz > maxblock)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "lz4 block of %u bytes at byte %zu is "
					   "too large",
					   bsz, pos - 4);
		if (limit - out->len < (stored ? bsz : 1))
			return too_big(err, "lz4", limit);
		if (ktk_buffer_reserve(out, stored ? bsz : maxblock) == -1)
			return nomem(err);
		if (stored) {
			memcpy(out->p + out->len, src + pos, bsz);
			out->len += bsz;
		} else {
			size_t room = out->cap - out->len;

			if (room > limit - out->len)
				room = limit - out->len;
			if (room > maxblock)
				room = maxblock;
			dict = linked ? (out->len > 65536 ? 65536 : out->len)
				      : 0;
			got = LZ4_decompress_safe_usingDict(
				(const char *)src + pos,
				(char *)out->p + out->len, (int)bsz, (int)room,
				(const char *)out->p + out->len - dict,
				(int)dict);
			if (got < 0)
				return ktk_err_set(err, KTK_EXIT_DATAERR,
						   "lz4 block at byte %zu is "
						   "corrupt",
						   pos - 4);
			out->len += (size_t)got;
		}
		pos += bsz;
		if (flg & 0x10)
			pos += 4;
		if (pos > n)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "lz4 frame truncated at byte %zu", n);
	}
	return 0;
}

static int unzstd(const uint8_t *src, size_t n, struct ktk_buffer *out,
		  size_t limit, struct ktk_err *err)
{
	ZSTD_DCtx *z = ZSTD_createDCtx();
	ZSTD_inBuffer in = {src, n, 0};
	size_t rc = 1;

	if (z == NULL)
		return nomem(err);
	while (in.pos < in.size || rc != 0) {
		ZSTD_outBuffer ob;
		size_t room;

		if (out->len >= limit) {
			ZSTD_freeDCtx(z);
			return too_big(err, "zstd", limit);
		}
		room = n * 4 + 65536;
		if (room > limit - out->len)
			room = limit - out->len;
		if (ktk_buffer_reserve(out, room) == -1) {
			ZSTD_freeDCtx(z);
			return nomem(err);
		}
		room = out->cap - out->len;
		if (room > limit - out->len)
			room = limit - out->len;
		ob.dst = out->p + out->len;
		ob.size = room;
		ob.pos = 0;
		rc = ZSTD_decompressStream(z, &ob, &in);
		out->len += ob.pos;
		if (ZSTD_isError(rc)) {
			ZSTD_freeDCtx(z);
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "zstd data is corrupt (%s)",
					   ZSTD_getErrorName(rc));
		}
		if (in.pos == in.size && rc != 0 && ob.pos < ob.size) {
			ZSTD_freeDCtx(z);
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "zstd data is truncated");
		}
	}
	ZSTD_freeDCtx(z);
	return 0;
}

/* KTK_CODEC_NONE both ways: @out is the @n bytes of @src */
static int copy_plain(const uint8_t *src, size_t n, struct ktk_buffer *out,
		      struct ktk_err *err)
{
	if (ktk_buffer_reserve(out, n) == -1)
		return nomem(err);
	if (n)
		memcpy(out->p, src, n);
	out->len = n;
	return 0;
}

int ktk_codec_decompress(int codec, const void *srcv, size_t n,
			 struct ktk_buffer *out, size_t limit,
			 struct ktk_err *err)
{
	const uint8_t *src = srcv;

	ktk_buffer_clear(out);
	switch (codec) {
	case KTK_CODEC_NONE:
		if (n > limit)
			return too_big(err, "uncompressed", limit);
		return copy_plain(src, n, out, err);
	case KTK_CODEC_GZIP:
		return gunzip(src, n, out, limit, err);
	case KTK_CODEC_SNAPPY:
		return unsnappy(src, n, out, limit, err);
	case KTK_CODEC_LZ4:
		return unlz4(src, n, out, limit, err);
	case KTK_CODEC_ZSTD:
		return unzstd(src, n, out, limit, err);
	}
	return ktk_err_set(err, KTK_EXIT_DATAERR,
			   "unknown compression type id %d", codec);
}

static int put_be32(struct ktk_buffer *out, uint32_t v)
{
	if (ktk_buffer_reserve(out, 4) == -1)
		return -1;
	out->p[out->len++] = (char)(v >> 24);
	out->p[out->len++] = (char)(v >> 16);
	out->p[out->len++] = (char)(v >> 8);
	out->p[out->len++] = (char)v;
	return 0;
}

int ktk_codec_compress(int codec, const void *srcv, size_t n,
		       struct ktk_buffer *out, struct ktk_err *err)
{
	const uint8_t *src = srcv;

	ktk_buffer_clear(out);
	switch (codec) {
	case KTK_CODEC_NONE:
		return copy_plain(src, n, out, err);
	case KTK_CODEC_GZIP: {
		z_stream z;
		size_t bound;

		memset(&z, 0, sizeof(z));
		if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
				 Z_DEFAULT_STRATEGY) != Z_OK)
			return nomem(err);
		bound = deflateBound(&z, (uLong)n) + 32;
		if (ktk_buffer_reserve(out, bound) == -1) {
			deflateEnd(&z);
			return nomem(err);
		}
		z.next_in = (Bytef *)src;
		z.avail_in = (uInt)n;
		z.next_out = (Bytef *)out->p;
		z.avail_out = (uInt)bound;
		if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
			deflateEnd(&z);
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "gzip compression failed");
		}
		out->len = z.total_out;
		deflateEnd(&z);
		return 0;
	}
	case KTK_CODEC_SNAPPY: {
		static const uint8_t hdr[16] = {0x82, 'S', 'N', 'A', 'P', 'P',
						'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};
		size_t pos = 0;

		if (ktk_buffer_reserve(out, 16) == -1)
			return nomem(err);
		memcpy(out->p, hdr, 16);
		out->len = 16;
		do { /* 32 KiB blocks, as snappy-java's default */
			size_t k = n - pos > 32768 ? 32768 : n - pos;
			size_t clen = snappy_max_compressed_length(k);

			if (ktk_buffer_reserve(out, clen + 4) == -1)
				return nomem(err);
			if (snappy_compress((const char *)src + pos, k,
					    (char *)out->p + out->len + 4,
					    &clen) != SNAPPY_OK)
				return ktk_err_set(err, KTK_EXIT_SOFTWARE,
						   "snappy compression failed");
			put_be32(out, (uint32_t)clen);
			out->len += clen;
			pos += k;
		} while (pos < n);
		return 0;
	}
	case KTK_CODEC_LZ4: {
		LZ4F_preferences_t pr;
		size_t bound, rc;

		memset(&pr, 0, sizeof(pr));
		pr.frameInfo.blockSizeID = LZ4F_max64KB;
		pr.frameInfo.blockMode = LZ4F_blockIndependent;
		bound = LZ4F_compressFrameBound(n, &pr);
		if (ktk_buffer_reserve(out, bound) == -1)
			return nomem(err);
		rc = LZ4F_compressFrame(out->p, bound, src, n, &pr);
		if (LZ4F_isError(rc))
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "lz4 compression failed");
		out->len = rc;
		return 0;
	}
	case KTK_CODEC_ZSTD: {
		size_t bound = ZSTD_compressBound(n), rc;

		if (ktk_buffer_reserve(out, bound) == -1)
			return nomem(err);
		rc = ZSTD_compress(out->p, bound, src, n, 3);
		if (ZSTD_isError(rc))
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "zstd compression failed");
		out->len = rc;
		return 0;
	}
	}
	return ktk_err_set(err, KTK_EXIT_USAGE,
			   "unknown compression type id %d", codec);
}
