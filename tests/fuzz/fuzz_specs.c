/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_specs -- offset specs (lib/config/offset_spec.c: start positions
 * and --until, with the clock at ordinary and extreme values) and topic
 * specs (lib/config/topic_spec.c: include-list filters matched against
 * fixed names and the input, topic name checks, --replica-assignment,
 * config NAME=VALUE and -Q TOPIC[:PARTITION]:TIME) of arbitrary text.
 * The clock is an argument: nothing reads the time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config/offset_spec.h"
#include "lib/config/topic_spec.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t nows[] = {1700000000000, 0, INT64_MAX, INT64_MIN};
	static const char *names[] = {"orders", "__consumer_offsets", "a.b_c",
				      "", "x"};
	struct ktk_topic_spec_replica_assignment ra;
	struct ktk_topic_spec_time_query q;
	struct ktk_topic_spec_filter flt;
	struct ktk_offset_spec o;
	struct ktk_err err;
	char *s, *name, *value;
	size_t i;

	if (size > 512)
		return 0;
	s = fz_str(data, size);
	for (i = 0; i < sizeof(nows) / sizeof(nows[0]); i++) {
		ktk_offset_spec_parse("--offset", s, nows[i], &o, &err);
		ktk_offset_spec_parse_until("--until", s, nows[i], &o, &err);
	}
	/* regular expressions of the input: short ones (matching a POSIX
	 * pattern with back references is exponential) */
	if (size <= 64 && ktk_topic_spec_filter_init(&flt, s, &err) == 0) {
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			ktk_topic_spec_filter_match(&flt, names[i]);
		ktk_topic_spec_filter_free(&flt);
	}
	ktk_topic_spec_is_internal(s);
	ktk_topic_spec_name_check(s, &err);
	ktk_topic_spec_name_collides(s);
	if (ktk_topic_spec_replica_assignment_parse(s, &ra, &err) == 0) {
		if (ra.partitions == 0 || ra.rf == 0)
			abort();
		for (i = 0; i < ra.partitions * ra.rf; i++)
			if (ra.ids[i] < 0)
				abort();
		ktk_topic_spec_replica_assignment_free(&ra);
	}
	if (ktk_topic_spec_config_kv_parse(s, &name, &value, &err) == 0) {
		if (value[0] == '\0' || strchr(value, '=') != NULL)
			abort();
		free(name);
		free(value);
	}
	if (ktk_topic_spec_time_query_parse(s, &q, &err) == 0 &&
	    (strlen(q.topic) > KTK_TOPIC_NAME_MAX || q.partition < -1))
		abort();
	free(s);
	return 0;
}
