/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/logformat/codec.c: every codec round trip, Kafka's framings,
 * the output bound and corrupt input. */
#include <stdlib.h>
#include <string.h>

#include "lib/logformat/codec.h"
#include "tests/unit/unit.h"

static uint8_t data[200000];

static void fill(void)
{
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)("kafka records "[i % 14] + (i / 5000));
}

static int roundtrip(int codec, size_t n)
{
	struct ktk_buffer z = {0}, out = {0};
	struct ktk_err err;
	int ok;

	ok = ktk_codec_compress(codec, data, n, &z, &err) == 0 &&
	     ktk_codec_decompress(codec, z.p, z.len, &out, KTK_CODEC_MAX_OUT,
				  &err) == 0 &&
	     out.len == n && (n == 0 || memcmp(out.p, data, n) == 0);
	ktk_buffer_free(&z);
	ktk_buffer_free(&out);
	return ok;
}

static void t_roundtrip(void)
{
	int c;

	fill();
	for (c = 0; c <= 4; c++) {
		CHECK(roundtrip(c, 0));
		CHECK(roundtrip(c, 100));
		CHECK(roundtrip(c, sizeof(data))); /* several lz4/snappy blocks */
	}
	CHECK_STR(ktk_codec_name(3), "lz4");
	CHECK(ktk_codec_name(5) == NULL);
}

static void t_snappy_raw_block(void)
{
	/* no xerial header: the input is one raw snappy block */
	struct ktk_buffer z = {0}, out = {0};
	struct ktk_err err;

	ktk_codec_compress(KTK_CODEC_SNAPPY, data, 1000, &z, &err);
	/* strip the 16-byte header and the 4-byte block length */
	CHECK(ktk_codec_decompress(KTK_CODEC_SNAPPY, z.p + 20, z.len - 20, &out,
				   KTK_CODEC_MAX_OUT, &err) == 0);
	CHECK_INT(out.len, 1000);
	ktk_buffer_free(&z);
	ktk_buffer_free(&out);
}

static void t_lz4_broken_header_checksum(void)
{
	/* Kafka's magic-0 writer put a wrong header checksum byte; it must
	 * still decode */
	struct ktk_buffer z = {0}, out = {0};
	struct ktk_err err;

	ktk_codec_compress(KTK_CODEC_LZ4, data, 5000, &z, &err);
	z.p[6] ^= 0x5a;
	CHECK(ktk_codec_decompress(KTK_CODEC_LZ4, z.p, z.len, &out,
				   KTK_CODEC_MAX_OUT, &err) == 0);
	CHECK_INT(out.len, 5000);
	ktk_buffer_free(&z);
	ktk_buffer_free(&out);
}

static void t_limits_and_corruption(void)
{
	struct ktk_buffer z = {0}, out = {0};
	struct ktk_err err;
	int c;

	for (c = 1; c <= 4; c++) {
		ktk_codec_compress(c, data, sizeof(data), &z, &err);
		CHECK(ktk_codec_decompress(c, z.p, z.len, &out, 1000, &err) == -1);
		CHECK_INT(err.code, KTK_EXIT_DATAERR);
		/* truncated */
		CHECK(ktk_codec_decompress(c, z.p, z.len / 2, &out,
					   KTK_CODEC_MAX_OUT, &err) == -1);
		/* garbage */
		memset(z.p + 4, 0xff, z.len > 40 ? 32 : z.len - 4);
		(void)ktk_codec_decompress(c, z.p, z.len, &out, 1 << 20, &err);
	}
	CHECK(ktk_codec_decompress(7, data, 10, &out, 100, &err) == -1);
	CHECK(strstr(err.msg, "unknown compression type id 7") != NULL);
	ktk_buffer_free(&z);
	ktk_buffer_free(&out);
}

int main(void)
{
	RUN(t_roundtrip);
	RUN(t_snappy_raw_block);
	RUN(t_lz4_broken_header_checksum);
	RUN(t_limits_and_corruption);
	return unit_done();
}
