/* SPDX-License-Identifier: Apache-2.0 */
/* meta-json -- test tool: read cluster metadata through lib/ (settings,
 * client, meta) and librdkafka, and print it as JSON:
 *   {"brokers":[{"id":1,"host":"127.0.0.1","port":9092}],
 *    "topics":[{"topic":"t","partitions":[{"partition":0,"leader":1,
 *               "replicas":[1],"isrs":[1]}]}]}
 * Usage: meta-json [-b ADDR] [-X k=v] [-t TOPIC]. Used by the foundation
 * tests; not installed. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/kafka/client.h"
#include "lib/kafka/meta.h"
#include "lib/config/opt.h"
#include "lib/config/settings.h"

enum { OPT_TOPIC = 1 };

static const struct ktk_opt opts[] = {
	{OPT_TOPIC, 't', "topic", KTK_ARG_TOPIC, "TOPIC", "Only this topic.",
	 NULL, 0},
	KTK_OPTS_BROKER,
	KTK_OPTS_BASE,
};

static const struct ktk_cmd_desc desc = {
	"meta-json", "print cluster metadata as JSON (test tool)", "[OPTION]...",
	opts,	     ktk_client_version,			   "",
	NULL,	     0,
};

static int on_opt(void *ctx, int id, const char *arg, struct ktk_err *err)
{
	(void)err;
	if (id == OPT_TOPIC)
		*(const char **)ctx = arg;
	return 0;
}

static json_t *ids(const int32_t *v, int n)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_integer(v[i]));
	return a;
}

int main(int argc, char **argv)
{
	const struct rd_kafka_metadata *md;
	struct ktk_common common;
	struct ktk_err err = {0};
	const char *topic = NULL;
	rd_kafka_conf_t *rconf;
	json_t *root, *brokers, *topics;
	rd_kafka_t *rk;
	int first, rc, i, j;

	ktk_prog_set(desc.name);
	rc = ktk_opt_parse(&desc, argc, argv, &common, on_opt, &topic, &first,
			   &err);
	if (rc == 1)
		return 0;
	if (rc == -1 || ktk_settings_resolve(&common, NULL, 0, &err) == -1)
		ktk_die_err(&err);
	if ((rconf = ktk_client_conf(&common.client, common.verbosity,
				     &err)) == NULL ||
	    (rk = ktk_client_new(RD_KAFKA_PRODUCER, rconf, &err)) == NULL)
		ktk_die_err(&err);
	if (ktk_meta_fetch(rk, topic, 10000, &md, &err) == -1)
		ktk_die_err(&err);
	root = json_object();
	brokers = json_array();
	topics = json_array();
	for (i = 0; i < md->broker_cnt; i++)
		json_array_append_new(
			brokers, json_pack("{s:i,s:s,s:i}", "id",
					   md->brokers[i].id, "host",
					   md->brokers[i].host, "port",
					   md->brokers[i].port));
	for (i = 0; i < md->topic_cnt; i++) {
		json_t *parts = json_array();

		for (j = 0; j < md->topics[i].partition_cnt; j++) {
			const rd_kafka_metadata_partition_t *p =
				&md->topics[i].partitions[j];
			json_array_append_new(
				parts,
				json_pack("{s:i,s:i,s:o,s:o}", "partition",
					  p->id, "leader", p->leader,
					  "replicas",
					  ids(p->replicas, p->replica_cnt),
					  "isrs", ids(p->isrs, p->isr_cnt)));
		}
		json_array_append_new(topics,
				      json_pack("{s:s,s:o}", "topic",
						md->topics[i].topic,
						"partitions", parts));
	}
	json_object_set_new(root, "brokers", brokers);
	json_object_set_new(root, "topics", topics);
	json_dumpf(root, stdout, JSON_COMPACT);
	putchar('\n');
	json_decref(root);
	rd_kafka_metadata_destroy(md);
	rd_kafka_destroy(rk);
	ktk_common_free(&common);
	return 0;
}
