/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of lib/config/conf.c and lib/config/settings.c: precedence, the ktk config
 * file with clusters, the environment, and masking of secrets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/config/conf.h"
#include "lib/config/settings.h"
#include "tests/unit/unit.h"

static char tmpdir[] = "/tmp/ktk-unit-XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[4][512];
	static int k;
	char *p = path[k++ % 4];
	FILE *f;

	snprintf(p, 512, "%s/%s", tmpdir, name);
	f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	return p;
}

static void t_precedence_any_order(void)
{
	struct ktk_conf c;

	ktk_conf_init(&c);
	ktk_conf_set(&c, "k", "flag", KTK_SRC_FLAG, "-X");
	CHECK_INT(ktk_conf_set(&c, "k", "props", KTK_SRC_PROPS, "f:1"), 0);
	CHECK_INT(ktk_conf_set(&c, "k", "env", KTK_SRC_ENV, "E"), 0);
	CHECK_STR(ktk_conf_get(&c, "k"), "flag");
	ktk_conf_set(&c, "j", "default", KTK_SRC_DEFAULT, "d");
	ktk_conf_set(&c, "j", "file", KTK_SRC_FILE, "f");
	ktk_conf_set(&c, "j", "props", KTK_SRC_PROPS, "p");
	CHECK_STR(ktk_conf_get(&c, "j"), "file");
	/* the later of two equal sources wins (duplicates in one file) */
	ktk_conf_set(&c, "j", "file2", KTK_SRC_FILE, "f");
	CHECK_STR(ktk_conf_get(&c, "j"), "file2");
	CHECK_INT(ktk_conf_unset(&c, "j"), 1);
	CHECK(ktk_conf_get(&c, "j") == NULL);
	CHECK_INT((int)c.n, 1);
	ktk_conf_free(&c);
}

static void t_set_kv(void)
{
	struct ktk_conf c;
	struct ktk_err err = {0};

	ktk_conf_init(&c);
	CHECK_INT(ktk_conf_set_kv(&c, "a=b=c", KTK_SRC_FLAG, "-X", &err), 0);
	CHECK_STR(ktk_conf_get(&c, "a"), "b=c");
	CHECK_INT(ktk_conf_set_kv(&c, "novalue", KTK_SRC_FLAG, "-X", &err), -1);
	CHECK_INT(err.code, KTK_EXIT_USAGE);
	CHECK(strstr(err.msg, "-X") != NULL);
	CHECK_INT(ktk_conf_set_kv(&c, "=x", KTK_SRC_FLAG, "-X", &err), -1);
	ktk_conf_free(&c);
}

static void t_masking(void)
{
	struct ktk_conf c;
	char msg[256];
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	ktk_conf_init(&c);
	ktk_conf_set(&c, "sasl.password", "hunter2secret", KTK_SRC_FLAG, "-X");
	ktk_conf_set(&c, "ssl.key.password", "k3ypass", KTK_SRC_FLAG, "-X");
	ktk_conf_set(&c, "sasl.jaas.config", "x password=\"p\";", KTK_SRC_FLAG,
		     "-X");
	ktk_conf_set(&c, "client.id", "visible", KTK_SRC_FLAG, "-X");
	CHECK(ktk_conf_is_secret("sasl.password"));
	CHECK(ktk_conf_is_secret("ssl.keystore.password"));
	CHECK(ktk_conf_is_secret("sasl.oauthbearer.client.secret"));
	CHECK(ktk_conf_is_secret("sasl.jaas.config"));
	CHECK(!ktk_conf_is_secret("sasl.username"));
	CHECK_STR(ktk_conf_shown(ktk_conf_find(&c, "sasl.password")),
		  "********");
	CHECK_STR(ktk_conf_shown(ktk_conf_find(&c, "client.id")), "visible");
	snprintf(msg, sizeof(msg), "Invalid value \"hunter2secret\" and k3ypass");
	ktk_conf_mask_in(&c, msg);
	CHECK(strstr(msg, "hunter2secret") == NULL);
	CHECK(strstr(msg, "k3ypass") == NULL);
	CHECK(strstr(msg, "Invalid value") != NULL);
	f = open_memstream(&out, &len);
	ktk_conf_dump(&c, f, "");
	fclose(f);
	CHECK(strstr(out, "hunter2secret") == NULL);
	CHECK(strstr(out, "k3ypass") == NULL);
	CHECK(strstr(out, "client.id=visible") != NULL);
	free(out);
	ktk_conf_free(&c);
}

/* F9: every key naming a password, secret, passphrase, private key, token,
 * credential, user info or JAAS config is secret, with any prefix. */
static void t_secret_keys(void)
{
	static const char *const secret[] = {
		"sasl.password", "ssl.key.password", "SSL.KEYSTORE.PASSWORD",
		"sasl.oauthbearer.client.secret",
		"sasl.oauthbearer.assertion.private.key.passphrase",
		"sasl.oauthbearer.assertion.private.key.pem",
		"basic.auth.user.info", "schema.registry.basic.auth.user.info",
		"listener.name.x.plain.sasl.jaas.config",
		"producer.sasl.jaas.config", "sasl.jaas.config", "ssl.key.pem",
		"ssl.keystore.key", "ssl_key", "sasl.oauthbearer.config",
		"admin.sasl.oauthbearer.config", "sasl.oauthbearer.token",
		"sasl.oauthbearer.client.credentials.client.secret", NULL};
	static const char *const plain[] = {
		"sasl.username", "bootstrap.servers", "key.serializer",
		"ssl.key.location", "parse.key", "sasl.mechanism", NULL};
	size_t i;

	for (i = 0; secret[i]; i++)
		if (!ktk_conf_is_secret(secret[i])) {
			printf("# not secret: %s\n", secret[i]);
			CHECK(0);
		}
	for (i = 0; plain[i]; i++)
		if (ktk_conf_is_secret(plain[i])) {
			printf("# secret: %s\n", plain[i]);
			CHECK(0);
		}
}

/* F6: a part of a secret (librdkafka quotes the tail of an OAUTHBEARER
 * config) is masked too; a mistyped -X KEY:VALUE is not echoed. */
static void t_mask_fragments(void)
{
	struct ktk_conf c;
	struct ktk_err err = {0};
	char msg[256];

	ktk_conf_init(&c);
	ktk_conf_set(&c, "sasl.oauthbearer.config",
		     "principal=bob clientSecret=Zzz9SuperSecretToken",
		     KTK_SRC_FLAG, "-X");
	ktk_conf_set(&c, "basic.auth.user.info", "reg:Pa55phrase",
		     KTK_SRC_FLAG, "-X");
	snprintf(msg, sizeof(msg),
		 "Failed to acquire SASL OAUTHBEARER token: Unrecognized "
		 "sasl.oauthbearer.config beginning at: "
		 "clientSecret=Zzz9SuperSecretToken; and 'SuperSecr' and "
		 "Pa55phr");
	ktk_conf_mask_in(&c, msg);
	CHECK(strstr(msg, "Zzz9") == NULL);
	CHECK(strstr(msg, "SuperSecr") == NULL);
	CHECK(strstr(msg, "Pa55phr") == NULL);
	CHECK(strstr(msg, "Failed to acquire SASL OAUTHBEARER token: "
			  "Unrecognized sasl.oauthbearer.config") != NULL);
	ktk_conf_free(&c);

	ktk_conf_init(&c);
	CHECK_INT(ktk_conf_set_kv(&c, "sasl.password:Hunter2Secret",
				  KTK_SRC_FLAG, "-X", &err),
		  -1);
	CHECK(strstr(err.msg, "Hunter2") == NULL);
	CHECK(strstr(err.msg, "'sasl.password:...'") != NULL);
	CHECK_INT(ktk_conf_set_kv(&c, "sasl.password Hunter2Secret",
				  KTK_SRC_FLAG, "--consumer-property", &err),
		  -1);
	CHECK(strstr(err.msg, "Hunter2") == NULL);
	CHECK_INT(ktk_conf_set_kv(&c, "=Hunter2Secret", KTK_SRC_FLAG, "-X",
				  &err),
		  -1);
	CHECK(strstr(err.msg, "Hunter2") == NULL);
	CHECK_INT(ktk_conf_set_kv(&c, "Hunter2Secret", KTK_SRC_FLAG, "-X",
				  &err),
		  -1);
	CHECK(strstr(err.msg, "Hunter2") == NULL);
	CHECK_INT(ktk_conf_set_kv(&c, "dump", KTK_SRC_FLAG, "-X", &err), -1);
	CHECK(strstr(err.msg, "got 'dump'") != NULL);
	ktk_conf_free(&c);
}

/* F15: any number of sections, and long section names and keys, whole */
static void t_settings_many_sections(void)
{
	struct ktk_conf c;
	struct ktk_err err = {0};
	char *text = malloc(200000), longname[301], longkey[601];
	size_t o = 0;
	const char *p;
	int i;

	memset(longname, 'n', 300);
	longname[300] = '\0';
	memset(longkey, 'k', 600);
	longkey[600] = '\0';
	for (i = 0; i < 400; i++)
		o += (size_t)sprintf(text + o,
				     "[cluster%03d]\nbootstrap.servers = b%d:9092\n",
				     i, i);
	o += (size_t)sprintf(text + o, "[%s]\n%s = long\n", longname, longkey);
	p = write_file("many", text);
	ktk_conf_init(&c);
	CHECK_INT(ktk_settings_load_file(&c, p, "cluster399", &err), 0);
	CHECK_STR(ktk_conf_get(&c, "bootstrap.servers"), "b399:9092");
	ktk_conf_free(&c);
	ktk_conf_init(&c);
	CHECK_INT(ktk_settings_load_file(&c, p, longname, &err), 0);
	CHECK_STR(ktk_conf_get(&c, "bootstrap.servers"), NULL);
	CHECK_STR(ktk_conf_get(&c, longkey), "long");
	ktk_conf_free(&c);
	/* not found: the list is cut, says how many, bytes are escaped */
	ktk_conf_init(&c);
	CHECK_INT(ktk_settings_load_file(&c, p, "nope\x1b[31m", &err), -1);
	CHECK(strstr(err.msg, "no cluster [nope\\x1b[31m]") != NULL);
	CHECK(strstr(err.msg, "(401 in all)") != NULL);
	CHECK(strchr(err.msg, '\x1b') == NULL);
	ktk_conf_free(&c);
	p = write_file("esc", "[a\x1b]2;title\x07]\nx=1\n");
	ktk_conf_init(&c);
	CHECK_INT(ktk_settings_load_file(&c, p, "b", &err), -1);
	CHECK(strstr(err.msg, "(clusters: a\\x1b]2;title\\x07)") != NULL);
	ktk_conf_free(&c);
	free(text);
}

static void t_props_file_origin(void)
{
	struct ktk_conf c;
	struct ktk_err err = {0};
	const char *p = write_file("a.properties", "# c\nacks=all\nacks = 1\n");

	ktk_conf_init(&c);
	CHECK_INT(ktk_conf_load_props(&c, p, KTK_SRC_PROPS, &err), 0);
	CHECK_STR(ktk_conf_get(&c, "acks"), "1");
	CHECK(strstr(ktk_conf_find(&c, "acks")->origin, ":3") != NULL);
	ktk_conf_free(&c);
}

static void init_common(struct ktk_common *cm)
{
	memset(cm, 0, sizeof(*cm));
	ktk_conf_init(&cm->client);
	cm->verbosity = 1;
}

static void t_settings_precedence(void)
{
	struct ktk_common cm;
	struct ktk_err err = {0};
	char dropped[256];
	const char *props = write_file("cc.properties",
				       "bootstrap.servers=props:1\n"
				       "client.id=from-props\n"
				       "linger.ms=7\n"
				       "key.serializer=x.Y\n");
	const char *file = write_file("config",
				      "cluster = dev\n"
				      "client.id = from-file\n"
				      "[dev]\n"
				      "bootstrap.servers = dev:9092\n"
				      "[prod]\n"
				      "bootstrap.servers = prod:9092\n"
				      "acks = all\n");

	/* file over props; env over file; flags over env */
	init_common(&cm);
	cm.command_config = props;
	cm.config_file = file;
	unsetenv("KTK_BOOTSTRAP_SERVER");
	unsetenv("KTK_CLUSTER");
	CHECK_INT(ktk_settings_resolve(&cm, dropped, sizeof(dropped), &err), 0);
	CHECK_STR(ktk_conf_get(&cm.client, "bootstrap.servers"), "dev:9092");
	CHECK_STR(ktk_conf_get(&cm.client, "client.id"), "from-file");
	CHECK_STR(ktk_conf_get(&cm.client, "linger.ms"), "7");
	CHECK(ktk_conf_get(&cm.client, "key.serializer") == NULL);
	CHECK(strstr(dropped, "key.serializer") != NULL);
	ktk_common_free(&cm);

	init_common(&cm);
	cm.config_file = file;
	setenv("KTK_CLUSTER", "prod", 1);
	CHECK_INT(ktk_settings_resolve(&cm, NULL, 0, &err), 0);
	CHECK_STR(ktk_conf_get(&cm.client, "bootstrap.servers"), "prod:9092");
	CHECK_STR(ktk_conf_get(&cm.client, "acks"), "all");
	ktk_common_free(&cm);

	init_common(&cm);
	cm.config_file = file;
	cm.cluster = "dev"; /* --cluster over KTK_CLUSTER */
	setenv("KTK_BOOTSTRAP_SERVER", "env:1", 1);
	CHECK_INT(ktk_settings_resolve(&cm, NULL, 0, &err), 0);
	/* issue 17: the cluster typed beats the environment */
	CHECK_STR(ktk_conf_get(&cm.client, "bootstrap.servers"), "dev:9092");
	CHECK(ktk_conf_get(&cm.client, "acks") == NULL);
	CHECK_STR(cm.notes, ""); /* said with -v only */
	ktk_common_free(&cm);

	/* -F typed (the cluster from KTK_CLUSTER); -v: a note says which */
	init_common(&cm);
	cm.verbosity = 2;
	cm.config_file = file;
	CHECK_INT(ktk_settings_resolve(&cm, NULL, 0, &err), 0);
	CHECK_STR(ktk_conf_get(&cm.client, "bootstrap.servers"), "prod:9092");
	CHECK(strstr(cm.notes, "bootstrap.servers prod:9092 (") != NULL);
	CHECK(strstr(cm.notes, "), not env:1 (KTK_BOOTSTRAP_SERVER)\n") != NULL);
	ktk_common_free(&cm);

	/* nothing typed: the environment over the file */
	init_common(&cm);
	cm.verbosity = 2;
	setenv("KTK_CONFIG", file, 1);
	CHECK_INT(ktk_settings_resolve(&cm, NULL, 0, &err), 0);
	CHECK_STR(ktk_conf_get(&cm.client, "bootstrap.servers"), "env:1");
	CHECK_STR(ktk_conf_get(&cm.client, "acks"), "all"); /* KTK_CLUSTER=prod */
	CHECK(strstr(cm.notes, "bootstrap.servers env:1 (KTK_BOOTSTRAP_SERVER), "
			       "not prod:9092 (") != NULL);
	unsetenv("KTK_CONFIG");
	ktk_common_free(&cm);

	init_common(&cm);
	cm.config_file = file;
	ktk_conf_set(&cm.client, "bootstrap.servers", "flag:1", KTK_SRC_FLAG,
		     "-b");
	CHECK_INT(ktk_settings_resolve(&cm, NULL, 0, &err), 0);
	CHECK_STR(ktk_conf_get(&cm.client, "bootstrap.servers"), "flag:1");
	ktk_common_free(&cm);
	unsetenv("KTK_BOOTSTRAP_SERVER");
	unsetenv("KTK_CLUSTER");
}

static void t_settings_defaults_and_errors(void)
{
	struct ktk_common cm;
	struct ktk_err err = {0};
	const char *file = write_file("config2", "[a]\nx=1\n");

	init_common(&cm);
	cm.config_file = "/dev/null";
	CHECK_INT(ktk_settings_resolve(&cm, NULL, 0, &err), 0);
	CHECK_STR(ktk_conf_get(&cm.client, "bootstrap.servers"),
		  "localhost:9092");
	ktk_common_free(&cm);

	init_common(&cm);
	cm.config_file = file;
	cm.cluster = "nope";
	CHECK_INT(ktk_settings_resolve(&cm, NULL, 0, &err), -1);
	CHECK_INT(err.code, KTK_EXIT_CONFIG);
	CHECK(strstr(err.msg, "[nope]") != NULL);
	CHECK(strstr(err.msg, "clusters: a") != NULL);
	ktk_common_free(&cm);

	init_common(&cm);
	cm.config_file = "/nonexistent/ktk.conf";
	CHECK_INT(ktk_settings_resolve(&cm, NULL, 0, &err), -1);
	CHECK_INT(err.code, KTK_EXIT_CONFIG);
	CHECK(strstr(err.msg, "/nonexistent/ktk.conf") != NULL);
	ktk_common_free(&cm);
}

int main(void)
{
	if (mkdtemp(tmpdir) == NULL)
		return 70;
	RUN(t_precedence_any_order);
	RUN(t_set_kv);
	RUN(t_masking);
	RUN(t_secret_keys);
	RUN(t_mask_fragments);
	RUN(t_props_file_origin);
	RUN(t_settings_many_sections);
	RUN(t_settings_precedence);
	RUN(t_settings_defaults_and_errors);
	{
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			return 70;
	}
	return unit_done();
}
