/* SPDX-License-Identifier: Apache-2.0 */
/* mock-faults -- test tool: librdkafka's mock cluster with one topic whose
 * next COUNT requests of one API fail with one error, for the transient
 * faults a real broker gives only by chance (a partition just created
 * whose leader does not have it yet: NOT_LEADER_FOR_PARTITION to
 * ListOffsets). Used by tests/cli/topics.bats; not installed.
 *
 *   mock-faults TOPIC PARTITIONS API_KEY ERROR_CODE COUNT
 *
 * Prints the bootstrap servers as its first line, then serves until it is
 * killed or 120 s have passed (a test that forgets it leaves nothing
 * behind for long). Exit status: 0 after the 120 s, 64 on a bad command
 * line, 70 when the cluster could not be set up. */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int number(const char *s, long lo, long hi, long *out)
{
	char *end;

	*out = strtol(s, &end, 10);
	return *s != '\0' && *end == '\0' && *out >= lo && *out <= hi ? 0 : -1;
}

int main(int argc, char **argv)
{
	rd_kafka_resp_err_t errs[64];
	rd_kafka_mock_cluster_t *mc;
	rd_kafka_conf_t *conf;
	char errstr[256];
	struct timespec second = {1, 0};
	long parts, api, code, count, i;
	rd_kafka_t *rk;

	if (argc != 6 || number(argv[2], 1, 1000, &parts) ||
	    number(argv[3], 0, 100, &api) || number(argv[4], -200, 200, &code) ||
	    number(argv[5], 0, 64, &count)) {
		fprintf(stderr, "usage: mock-faults TOPIC PARTITIONS API_KEY "
				"ERROR_CODE COUNT (COUNT <= 64)\n");
		return 64;
	}
	conf = rd_kafka_conf_new();
	rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
	if (rk == NULL) {
		fprintf(stderr, "mock-faults: %s\n", errstr);
		return 70;
	}
	mc = rd_kafka_mock_cluster_new(rk, 1);
	if (mc == NULL ||
	    rd_kafka_mock_topic_create(mc, argv[1], (int)parts, 1) != 0) {
		fprintf(stderr, "mock-faults: could not set the cluster up\n");
		return 70;
	}
	for (i = 0; i < count; i++)
		errs[i] = (rd_kafka_resp_err_t)code;
	rd_kafka_mock_push_request_errors_array(mc, (int16_t)api, (size_t)count,
						errs);
	printf("%s\n", rd_kafka_mock_cluster_bootstraps(mc));
	fflush(stdout);
	for (i = 0; i < 120; i++)
		nanosleep(&second, NULL);
	rd_kafka_mock_cluster_destroy(mc);
	rd_kafka_destroy(rk);
	return 0;
}
