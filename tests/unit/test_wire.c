/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/logformat/wire.h: big-endian reads, varints, bounds. */
#include "lib/logformat/wire.h"
#include "tests/unit/unit.h"

static void t_fixed(void)
{
	const uint8_t b[] = {0x80, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
			     0xff, 0xfe};
	struct ktk_wire r;

	ktk_wire_init(&r, b, sizeof(b));
	CHECK_INT(ktk_wire_i64(&r), (int64_t)0x8001020304050607ull);
	CHECK_INT(ktk_wire_i16(&r), -2);
	CHECK(!r.bad);
	CHECK_INT(ktk_wire_i8(&r), 0);
	CHECK(r.bad);
	CHECK_INT(ktk_wire_left(&r), 0);
}

static void t_varints(void)
{
	const uint8_t a[] = {0x01, 0x02, 0xd8, 0x04, 0xff, 0xff, 0xff, 0xff,
			     0x0f};
	const uint8_t over[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
	const uint8_t trunc[] = {0x80};
	struct ktk_wire r;

	ktk_wire_init(&r, a, sizeof(a));
	CHECK_INT(ktk_wire_varint(&r), -1);
	CHECK_INT(ktk_wire_varint(&r), 1);
	CHECK_INT(ktk_wire_varint(&r), 300);
	CHECK_INT(ktk_wire_varint(&r), INT32_MIN);
	CHECK(!r.bad);
	ktk_wire_init(&r, over, sizeof(over));
	(void)ktk_wire_varint(&r);
	CHECK(r.bad);
	ktk_wire_init(&r, over, sizeof(over));
	CHECK_INT(ktk_wire_varlong(&r), (int64_t)1 << 34);
	CHECK(!r.bad);
	ktk_wire_init(&r, trunc, sizeof(trunc));
	(void)ktk_wire_uvarint(&r);
	CHECK(r.bad);
}

static void t_take(void)
{
	const uint8_t b[4] = {1, 2, 3, 4};
	struct ktk_wire r;

	ktk_wire_init(&r, b, 4);
	CHECK(ktk_wire_take(&r, 5) == NULL);
	CHECK(r.bad);
	ktk_wire_init(&r, b, 4);
	CHECK(ktk_wire_take(&r, 4) == b);
	CHECK(ktk_wire_take(&r, 0) != NULL);
	CHECK(!r.bad);
}

int main(void)
{
	RUN(t_fixed);
	RUN(t_varints);
	RUN(t_take);
	return unit_done();
}
