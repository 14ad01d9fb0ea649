/* SPDX-License-Identifier: Apache-2.0 */
/* ktk-mock -- librdkafka's mock Kafka cluster on loopback, for the quick
 * start and fault tests. Prints its bootstrap address, serves until
 * SIGINT or SIGTERM. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "lib/base/err.h"
#include "lib/kafka/client.h"
#include "lib/base/number.h"
#include "lib/config/opt.h"

enum { OPT_BROKERS = 1, OPT_TOPIC };

static const struct ktk_opt opts[] = {
	{OPT_BROKERS, 0, "brokers", KTK_ARG_INT, "N",
	 "Number of brokers (1..16, default 1).", NULL, 0},
	{OPT_TOPIC, 't', "topic", KTK_ARG_STR, "NAME:PARTITIONS[:REPLICAS]",
	 "Create a topic up front; repeatable.", NULL, KTK_OPT_REPEAT},
	KTK_OPTS_BASE,
};

static const struct ktk_cmd_desc desc = {
	"ktk-mock",
	"run librdkafka's mock Kafka cluster on 127.0.0.1 until interrupted",
	"[OPTION]...",
	opts,
	ktk_client_version,
	"",
	NULL,
	0,
};

struct topic_spec {
	char name[256];
	int32_t partitions, replicas;
};

struct ctx {
	int32_t brokers;
	struct topic_spec topics[64];
	int ntopics;
};

static volatile sig_atomic_t ktk_run = 1;

static void on_signal(int sig)
{
	(void)sig;
	ktk_run = 0;
}

static int parse_topic(struct ctx *c, const char *arg, struct ktk_err *err)
{
	struct topic_spec *t;
	char buf[512], *p, *r;

	if (c->ntopics == (int)(sizeof(c->topics) / sizeof(c->topics[0])))
		return ktk_err_set(err, KTK_EXIT_USAGE, "--topic: at most 64");
	t = &c->topics[c->ntopics];
	snprintf(buf, sizeof(buf), "%s", arg);
	p = strchr(buf, ':');
	if (p == NULL || p == buf || strlen(buf) >= sizeof(t->name))
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--topic: expected NAME:PARTITIONS"
				   "[:REPLICAS], got '%s'",
				   arg);
	*p++ = '\0';
	t->replicas = 1;
	if ((r = strchr(p, ':')) != NULL) {
		*r++ = '\0';
		if (ktk_opt_i32("--topic NAME:PARTITIONS:REPLICAS", r, 1, 16,
				&t->replicas, err) == -1)
			return -1;
	}
	if (ktk_opt_i32("--topic NAME:PARTITIONS", p, 1, 100000,
			&t->partitions, err) == -1)
		return -1;
	snprintf(t->name, sizeof(t->name), "%s", buf);
	c->ntopics++;
	return 0;
}

static int on_opt(void *vc, int id, const char *arg, struct ktk_err *err)
{
	struct ctx *c = vc;
	switch (id) {
	case OPT_BROKERS:
		return ktk_opt_i32("--brokers", arg, 1, 16, &c->brokers, err);
	case OPT_TOPIC:
		return parse_topic(c, arg, err);
	}
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "option %d", id);
}

int main(int argc, char **argv)
{
	struct ctx c = {.brokers = 1};
	struct ktk_common common;
	struct ktk_err err = {0};
	rd_kafka_mock_cluster_t *mc;
	rd_kafka_conf_t *rconf;
	rd_kafka_t *rk;
	char errstr[256];
	sigset_t waitmask;
	int first, i;

	ktk_stdfd_open(); /* first: no library descriptor may land on 0-2 */
	ktk_prog_set(desc.name);
	first = ktk_opt_main(&desc, argc, argv, &common, on_opt, &c);
	if (first < argc)
		ktk_die(KTK_EXIT_USAGE, "unexpected argument '%s'", argv[first]);
	for (i = 0; i < c.ntopics; i++)
		if (c.topics[i].replicas > c.brokers)
			ktk_die(KTK_EXIT_USAGE,
				"--topic %s: %d replicas but only %d brokers",
				c.topics[i].name, c.topics[i].replicas,
				c.brokers);

	{
		sigset_t block;

		/* Block the stop signals until sigsuspend(), so one that
		 * arrives before we wait is not lost; librdkafka's threads
		 * inherit the mask and leave the signals to this one. */
		sigemptyset(&block);
		sigaddset(&block, SIGINT);
		sigaddset(&block, SIGTERM);
		sigprocmask(SIG_BLOCK, &block, &waitmask);
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	rconf = ktk_client_conf(&common.client, common.verbosity, &err);
	if (rconf == NULL)
		ktk_die_err(&err);
	/* The mock cluster lives inside a client handle of its own. */
	rk = rd_kafka_new(RD_KAFKA_PRODUCER, rconf, errstr, sizeof(errstr));
	if (rk == NULL)
		ktk_die(KTK_EXIT_SOFTWARE, "%s", errstr);
	mc = rd_kafka_mock_cluster_new(rk, c.brokers);
	if (mc == NULL)
		ktk_die(KTK_EXIT_SOFTWARE, "could not start the mock cluster");
	for (i = 0; i < c.ntopics; i++) {
		rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(
			mc, c.topics[i].name, c.topics[i].partitions,
			c.topics[i].replicas);
		if (e)
			ktk_die(KTK_EXIT_FAIL, "--topic %s: %s",
				c.topics[i].name, rd_kafka_err2str(e));
	}

	printf("%s\n", rd_kafka_mock_cluster_bootstraps(mc));
	ktk_close_stdout(); /* the address is all it writes there */
	if (common.verbosity > 0)
		fprintf(stderr,
			"%s: %d broker(s) at %s; stop with Ctrl-C or SIGTERM\n",
			desc.name, c.brokers,
			rd_kafka_mock_cluster_bootstraps(mc));
	while (ktk_run)
		sigsuspend(&waitmask);
	rd_kafka_mock_cluster_destroy(mc);
	rd_kafka_destroy(rk);
	ktk_common_free(&common);
	return 0;
}
