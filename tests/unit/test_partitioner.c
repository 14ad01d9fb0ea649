/* SPDX-License-Identifier: Apache-2.0 */
/* test_partitioner.c -- murmur2 against the Java client's values, and every
 * keyed partitioner against librdkafka's own implementation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>

#include "lib/base/partitioner.h"
#include "tests/unit/unit.h"

/* Values of org.apache.kafka.common.utils.Utils.murmur2 (UtilsTest) */
static void t_murmur2_java(void)
{
	static const struct {
		const char *key;
		int32_t h;
	} v[] = {
		{"21", -973932308},
		{"foobar", -790332482},
		{"a-little-bit-long-string", -985981536},
		{"a-little-bit-longer-string", -1486304829},
		{"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
		{"abc", 479470107},
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		CHECK_INT(ktk_partitioner_murmur2(v[i].key, strlen(v[i].key)), v[i].h);
}

/* What Java's default partitioner gives for "key-N" in 6 partitions is
 * checked against the broker in tests/cli/kafka; here: the formula. */
static void t_partition_java_formula(void)
{
	int32_t h = ktk_partitioner_murmur2("21", 2);

	CHECK_INT(ktk_partitioner_for(KTK_PART_MURMUR2_RANDOM, "21", 2, 6),
		  (h & 0x7fffffff) % 6);
	CHECK_INT(ktk_partitioner_for(KTK_PART_MURMUR2_RANDOM, NULL, 0, 6), -1);
	CHECK_INT(ktk_partitioner_for(KTK_PART_RANDOM, "21", 2, 6), -1);
	CHECK_INT(ktk_partitioner_for(KTK_PART_CONSISTENT, NULL, 0, 6), 0);
	CHECK_INT(ktk_partitioner_for(KTK_PART_CONSISTENT_RANDOM, "", 0, 6), -1);
	CHECK_INT(ktk_partitioner_for(KTK_PART_MURMUR2, "x", 1, 0), -1);
}

static void t_against_librdkafka(void)
{
	char key[64];
	int i, n, bad = 0;

	for (i = 0; i < 5000; i++) {
		size_t len = (size_t)(i % 40);
		int j;

		for (j = 0; j < (int)len; j++)
			key[j] = (char)((i * 31 + j * 7) & 0xff);
		for (n = 1; n <= 13; n += 4) {
			if (ktk_partitioner_for(KTK_PART_MURMUR2_RANDOM, key, len,
					      n) !=
			    rd_kafka_msg_partitioner_murmur2(NULL, key, len, n,
							     NULL, NULL))
				bad++;
			if (ktk_partitioner_for(KTK_PART_MURMUR2, key, len, n) !=
			    rd_kafka_msg_partitioner_murmur2(NULL, key, len, n,
							     NULL, NULL))
				bad++;
			if (ktk_partitioner_for(KTK_PART_CONSISTENT, key, len,
					      n) !=
			    rd_kafka_msg_partitioner_consistent(NULL, key, len,
								n, NULL, NULL))
				bad++;
			if (ktk_partitioner_for(KTK_PART_FNV1A, key, len, n) !=
			    rd_kafka_msg_partitioner_fnv1a(NULL, key, len, n,
							   NULL, NULL))
				bad++;
			if (len > 0 &&
			    ktk_partitioner_for(KTK_PART_FNV1A_RANDOM, key, len,
					      n) !=
				    rd_kafka_msg_partitioner_fnv1a_random(
					    NULL, key, len, n, NULL, NULL))
				bad++;
			if (len > 0 &&
			    ktk_partitioner_for(KTK_PART_CONSISTENT_RANDOM, key,
					      len, n) !=
				    rd_kafka_msg_partitioner_consistent_random(
					    NULL, key, len, n, NULL, NULL))
				bad++;
		}
	}
	CHECK_INT(bad, 0);
}

static void t_names(void)
{
	CHECK_INT(ktk_partitioner_lookup("murmur2_random"),
		  KTK_PART_MURMUR2_RANDOM);
	CHECK_INT(ktk_partitioner_lookup("fnv1a"), KTK_PART_FNV1A);
	CHECK_INT(ktk_partitioner_lookup("nope"), -1);
	CHECK_STR(ktk_partitioner_name(KTK_PART_RANDOM), "random");
}

int main(void)
{
	RUN(t_murmur2_java);
	RUN(t_partition_java_formula);
	RUN(t_against_librdkafka);
	RUN(t_names);
	return unit_done();
}
