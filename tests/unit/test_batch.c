/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/logformat/batch.c (with lib/logformat/batch_writer.c as the writer): header
 * fields, CRC, records, headers, sequences, compression, legacy messages,
 * malformed input. */
#include <string.h>

#include "lib/logformat/batch.h"
#include "lib/logformat/batch_writer.h"
#include "lib/logformat/crc.h"
#include "tests/unit/unit.h"

static struct ktk_batch_writer w;

static void make(int codec)
{
	const char *hk[] = {"h1", "h2"}, *hv[] = {"v", NULL};
	struct ktk_err err;

	ktk_batch_writer_begin(&w, 100, 1000);
	w.attributes = (int16_t)codec;
	ktk_batch_writer_add(&w, 1000, "k0", 2, "value0", 6, 2, hk, hv);
	ktk_batch_writer_add(&w, 1005, NULL, 0, "v1", 2, 0, NULL, NULL);
	ktk_batch_writer_add(&w, 1003, "k2", 2, NULL, 0, 0, NULL, NULL);
	CHECK(ktk_batch_writer_finish(&w, &err) == 0);
}

static void t_v2_records(void)
{
	struct ktk_batch b;
	struct ktk_batch_iter it = {0};
	struct ktk_batch_record r;
	struct ktk_err err;
	int c;

	for (c = 0; c <= 4; c++) {
		make(c);
		CHECK(ktk_batch_parse(&b, (const uint8_t *)w.out.p, w.out.len, 0, &err) == 0);
		CHECK_INT(b.size, w.out.len);
		CHECK_INT(b.magic, 2);
		CHECK_INT(ktk_batch_last_offset(&b), 102);
		CHECK_INT(b.records_count, 3);
		CHECK_INT(b.max_timestamp, 1005);
		CHECK_INT(ktk_batch_codec(&b), c);
		CHECK(ktk_batch_valid(&b));
		CHECK(ktk_batch_records(&b, &it, &err) == 0);
		CHECK_INT(ktk_batch_next(&it, &r, &err), 1);
		CHECK_INT(r.offset, 100);
		CHECK_INT(r.key_len, 2);
		CHECK(memcmp(r.value, "value0", 6) == 0);
		CHECK_INT(r.headers_count, 2);
		{
			size_t hp = 0;
			const uint8_t *k, *v;
			int32_t kl, vl;

			CHECK_INT(ktk_batch_header_next(&r, &hp, &k, &kl, &v, &vl), 1);
			CHECK(kl == 2 && memcmp(k, "h1", 2) == 0 && vl == 1);
			CHECK_INT(ktk_batch_header_next(&r, &hp, &k, &kl, &v, &vl), 1);
			CHECK(vl == -1 && v == NULL);
			CHECK_INT(ktk_batch_header_next(&r, &hp, &k, &kl, &v, &vl), 0);
		}
		CHECK_INT(ktk_batch_next(&it, &r, &err), 1);
		CHECK(r.key == NULL && r.key_len == -1);
		CHECK_INT(r.timestamp, 1005);
		CHECK_INT(ktk_batch_next(&it, &r, &err), 1);
		CHECK(r.value == NULL && r.value_len == -1);
		CHECK_INT(ktk_batch_next(&it, &r, &err), 0);
	}
	ktk_batch_iter_free(&it);
}

static void t_crc_and_flags(void)
{
	struct ktk_batch b;
	struct ktk_err err;

	make(0);
	w.out.p[w.out.len - 1] ^= 1; /* flip a bit in the last record */
	CHECK(ktk_batch_parse(&b, (const uint8_t *)w.out.p, w.out.len, 0, &err) == 0);
	CHECK(!ktk_batch_valid(&b));
	/* partitionLeaderEpoch is outside the CRC */
	make(0);
	w.out.p[12] = 0x7f;
	CHECK(ktk_batch_parse(&b, (const uint8_t *)w.out.p, w.out.len, 0, &err) == 0);
	CHECK(ktk_batch_valid(&b));
	CHECK_INT(ktk_record_view_tstype_name(KTK_TS_LOG_APPEND)[0], 'L');
	CHECK_INT(ktk_batch_seq_add(INT32_MAX, 1), 0);
	CHECK_INT(ktk_batch_seq_add(INT32_MAX - 1, 3), 1);
	CHECK_INT(ktk_batch_seq_add(5, 3), 8);
}

static void t_malformed(void)
{
	struct ktk_batch b;
	struct ktk_batch_iter it = {0};
	struct ktk_batch_record r;
	struct ktk_err err;
	uint8_t small[20] = {0};

	CHECK(ktk_batch_parse(&b, small, 10, 0, &err) == -1);
	small[11] = 5; /* size 5 < 14 */
	CHECK(ktk_batch_parse(&b, small, 20, 0, &err) == -1);
	CHECK(strstr(err.msg, "minimum record overhead (14)") != NULL);
	small[11] = 14;
	small[16] = 9; /* magic 9 */
	CHECK(ktk_batch_parse(&b, small, 20, 0, &err) == -1);
	CHECK(strstr(err.msg, "unknown magic byte 9") != NULL);
	/* record count larger than the records */
	make(0);
	w.out.p[60] = 9;
	CHECK(ktk_batch_parse(&b, (const uint8_t *)w.out.p, w.out.len, 0, &err) == 0);
	CHECK(ktk_batch_records(&b, &it, &err) == 0);
	while (ktk_batch_next(&it, &r, &err) == 1)
		;
	CHECK(strstr(err.msg, "record 3") != NULL);
	/* a record length past the end */
	make(0);
	w.out.p[61] = 0x7e;
	CHECK(ktk_batch_parse(&b, (const uint8_t *)w.out.p, w.out.len, 0, &err) == 0);
	CHECK(ktk_batch_records(&b, &it, &err) == 0);
	CHECK_INT(ktk_batch_next(&it, &r, &err), -1);
	ktk_batch_iter_free(&it);
}

static size_t legacy(uint8_t *p, int64_t off, int magic, const char *v)
{
	size_t n = 0, vl = strlen(v);
	uint32_t crc;
	int i;

	for (i = 7; i >= 0; i--)
		p[n++] = (uint8_t)(off >> (8 * i));
	n += 4; /* size */
	n += 4; /* crc */
	p[n++] = (uint8_t)magic;
	p[n++] = 0;
	if (magic == 1)
		for (i = 7; i >= 0; i--)
			p[n++] = (uint8_t)((int64_t)1234 >> (8 * i));
	p[n++] = 0xff, p[n++] = 0xff, p[n++] = 0xff, p[n++] = 0xff;
	p[n++] = 0, p[n++] = 0, p[n++] = 0, p[n++] = (uint8_t)vl;
	memcpy(p + n, v, vl);
	n += vl;
	p[8] = 0, p[9] = 0, p[10] = (uint8_t)((n - 12) >> 8), p[11] = (uint8_t)(n - 12);
	crc = ktk_crc32(0, p + 16, n - 16);
	p[12] = (uint8_t)(crc >> 24), p[13] = (uint8_t)(crc >> 16);
	p[14] = (uint8_t)(crc >> 8), p[15] = (uint8_t)crc;
	return n;
}

static void t_legacy(void)
{
	uint8_t buf[128];
	struct ktk_batch b;
	struct ktk_batch_iter it = {0};
	struct ktk_batch_record r;
	struct ktk_err err;
	int magic;

	for (magic = 0; magic <= 1; magic++) {
		size_t n = legacy(buf, 42, magic, "hello");

		CHECK(ktk_batch_parse(&b, buf, n, 0, &err) == 0);
		CHECK_INT(b.size, n);
		CHECK(ktk_batch_valid(&b));
		CHECK_INT(ktk_batch_last_offset(&b), 42);
		CHECK_INT(b.max_timestamp, magic ? 1234 : -1);
		CHECK_INT(ktk_batch_ts_type(&b), magic ? KTK_TS_CREATE : KTK_TS_NONE);
		CHECK(ktk_batch_records(&b, &it, &err) == 0);
		CHECK_INT(ktk_batch_next(&it, &r, &err), 1);
		CHECK(r.key == NULL && r.value_len == 5 && r.crc_valid);
		CHECK_INT(ktk_batch_next(&it, &r, &err), 0);
		buf[n - 1] ^= 1;
		CHECK(!ktk_batch_valid(&b));
	}
	ktk_batch_iter_free(&it);
}

int main(void)
{
	RUN(t_v2_records);
	RUN(t_crc_and_flags);
	RUN(t_malformed);
	RUN(t_legacy);
	ktk_batch_writer_free(&w);
	return unit_done();
}
