/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of lib/config/java_client.c: Java client properties to librdkafka's. */
#include <string.h>

#include "lib/config/java_client.h"
#include "tests/unit/unit.h"

static void t_jaas_plain(void)
{
	struct ktk_conf c;
	struct ktk_err err = {0};

	ktk_conf_init(&c);
	ktk_conf_set(&c, "sasl.jaas.config",
		     "org.apache.kafka.common.security.plain.PlainLoginModule "
		     "required username=\"alice\" password=\"p@ss \\\"word\\\"\";",
		     KTK_SRC_PROPS, "client.properties:3");
	CHECK_INT(ktk_java_client_translate(&c, NULL, 0, &err), 0);
	CHECK_STR(ktk_conf_get(&c, "sasl.username"), "alice");
	CHECK_STR(ktk_conf_get(&c, "sasl.password"), "p@ss \"word\"");
	CHECK_STR(ktk_conf_get(&c, "sasl.mechanism"), "PLAIN");
	CHECK(ktk_conf_get(&c, "sasl.jaas.config") == NULL);
	/* translated properties keep their source and origin */
	CHECK_INT(ktk_conf_find(&c, "sasl.username")->src, KTK_SRC_PROPS);
	CHECK_STR(ktk_conf_find(&c, "sasl.password")->origin,
		  "client.properties:3");
	ktk_conf_free(&c);
}

static void t_jaas_scram_keeps_mechanism(void)
{
	struct ktk_conf c;
	struct ktk_err err = {0};

	ktk_conf_init(&c);
	ktk_conf_set(&c, "sasl.mechanism", "SCRAM-SHA-512", KTK_SRC_PROPS, "p");
	ktk_conf_set(&c, "sasl.jaas.config",
		     "org.apache.kafka.common.security.scram.ScramLoginModule "
		     "required\n  username=bob\n  password=secret;",
		     KTK_SRC_PROPS, "p");
	CHECK_INT(ktk_java_client_translate(&c, NULL, 0, &err), 0);
	CHECK_STR(ktk_conf_get(&c, "sasl.username"), "bob");
	CHECK_STR(ktk_conf_get(&c, "sasl.password"), "secret");
	CHECK_STR(ktk_conf_get(&c, "sasl.mechanism"), "SCRAM-SHA-512");
	ktk_conf_free(&c);
}

static void t_jaas_flag_precedence(void)
{
	struct ktk_conf c;
	struct ktk_err err = {0};

	/* -X sasl.password beats the password inside a properties JAAS */
	ktk_conf_init(&c);
	ktk_conf_set(&c, "sasl.password", "fromflag", KTK_SRC_FLAG, "-X");
	ktk_conf_set(&c, "sasl.jaas.config",
		     "org.apache.kafka.common.security.plain.PlainLoginModule "
		     "required username=\"u\" password=\"fromfile\";",
		     KTK_SRC_PROPS, "p");
	CHECK_INT(ktk_java_client_translate(&c, NULL, 0, &err), 0);
	CHECK_STR(ktk_conf_get(&c, "sasl.password"), "fromflag");
	ktk_conf_free(&c);
}

static void t_jaas_errors(void)
{
	char m[64], u[64], p[64];
	struct ktk_err err = {0};
	struct ktk_conf c;

	CHECK_INT(ktk_java_client_jaas_parse("x.PlainLoginModule required username=\"u\"",
				 m, sizeof(m), u, sizeof(u), p, sizeof(p), &err),
		  -1);
	CHECK(strstr(err.msg, "';'") != NULL);
	CHECK_INT(ktk_java_client_jaas_parse("x.PlainLoginModule username=u;", m, sizeof(m),
				 u, sizeof(u), p, sizeof(p), &err),
		  -1);
	CHECK_INT(ktk_java_client_jaas_parse("x.PlainLoginModule required password=\"oops;",
				 m, sizeof(m), u, sizeof(u), p, sizeof(p), &err),
		  -1);
	CHECK(strstr(err.msg, "unterminated") != NULL);
	/* no secret in the message */
	CHECK(strstr(err.msg, "oops") == NULL);
	ktk_conf_init(&c);
	ktk_conf_set(&c, "sasl.jaas.config",
		     "com.sun.security.auth.module.Krb5LoginModule required "
		     "useKeyTab=true;",
		     KTK_SRC_PROPS, "p");
	CHECK_INT(ktk_java_client_translate(&c, NULL, 0, &err), -1);
	CHECK_INT(err.code, KTK_EXIT_CONFIG);
	CHECK(strstr(err.msg, "Krb5LoginModule") != NULL);
	ktk_conf_free(&c);
}

/* Java spellings renamed, Java-only properties dropped and named */
static void t_renamed_and_dropped(void)
{
	struct ktk_conf c;
	struct ktk_err err = {0};
	char dropped[256];

	ktk_conf_init(&c);
	ktk_conf_set(&c, "bootstrap.servers", "localhost:9092",
		     KTK_SRC_DEFAULT, "default");
	ktk_conf_set(&c, "fetch.max.wait.ms", "250", KTK_SRC_PROPS, "p:1");
	ktk_conf_set(&c, "max.request.size", "2000000", KTK_SRC_FLAG, "-X");
	ktk_conf_set(&c, "max.poll.records", "10", KTK_SRC_PROPS, "p:2");
	ktk_conf_set(&c, "metadata.broker.list", "k1:9092", KTK_SRC_FILE,
		     "kcat.conf:1");
	CHECK(ktk_java_client_translate(&c, dropped, sizeof(dropped), &err) ==
	      0);
	CHECK_STR(ktk_conf_get(&c, "fetch.wait.max.ms"), "250");
	CHECK(ktk_conf_get(&c, "fetch.max.wait.ms") == NULL);
	CHECK_STR(ktk_conf_get(&c, "message.max.bytes"), "2000000");
	CHECK_INT(ktk_conf_find(&c, "message.max.bytes")->src, KTK_SRC_FLAG);
	CHECK(ktk_conf_get(&c, "max.poll.records") == NULL);
	CHECK_STR(dropped, "max.poll.records");
	/* kcat's name beats the default, never -b */
	CHECK_STR(ktk_conf_get(&c, "bootstrap.servers"), "k1:9092");
	CHECK(ktk_conf_get(&c, "metadata.broker.list") == NULL);
	ktk_conf_set(&c, "bootstrap.servers", "b:1", KTK_SRC_FLAG, "-b");
	ktk_conf_set(&c, "metadata.broker.list", "k2:9092", KTK_SRC_FILE,
		     "kcat.conf:1");
	CHECK(ktk_java_client_translate(&c, dropped, sizeof(dropped), &err) ==
	      0);
	CHECK_STR(ktk_conf_get(&c, "bootstrap.servers"), "b:1");
	ktk_conf_free(&c);
}

/* F6: a parse error names the position, never the text after it (which
 * holds the password); F17: long values are an error, not truncated. */
static void t_jaas_errors_hide_text(void)
{
	static const char *const bad[] = {
		"x.PlainLoginModule required username=alice password=correct "
		"horse battery staple;",
		"x.PlainLoginModule required username=alice "
		"password==\"S3cr3tPassw0rd!\";",
		"x.PlainLoginModule required username=alice "
		"password \"S3cr3tPassw0rd!\";",
		NULL};
	char m[64], u[64], p[64], big[3000], jaas[3200];
	struct ktk_err err = {0};
	struct ktk_conf c;
	size_t i;

	for (i = 0; bad[i]; i++) {
		CHECK_INT(ktk_java_client_jaas_parse(bad[i], m, sizeof(m), u,
						     sizeof(u), p, sizeof(p),
						     &err),
			  -1);
		CHECK(strstr(err.msg, "at byte ") != NULL);
		CHECK(strstr(err.msg, "battery") == NULL);
		CHECK(strstr(err.msg, "staple") == NULL);
		CHECK(strstr(err.msg, "S3cr3t") == NULL);
		CHECK(strstr(err.msg, "Passw0rd") == NULL);
	}
	CHECK_INT(ktk_java_client_jaas_parse(bad[0], m, sizeof(m), u, sizeof(u),
					     p, sizeof(p), &err),
		  -1);
	CHECK(strstr(err.msg, "at byte 61 ") != NULL);
	/* a 2000-byte password: accepted whole in translate, an error here
	 * where the buffer is small, never silently cut */
	memset(big, 'p', 2000);
	big[2000] = '\0';
	snprintf(jaas, sizeof(jaas),
		 "x.PlainLoginModule required username=u password=\"%s\";",
		 big);
	CHECK_INT(ktk_java_client_jaas_parse(jaas, m, sizeof(m), u, sizeof(u),
					     p, sizeof(p), &err),
		  -1);
	CHECK(strstr(err.msg, "password is longer than 63 bytes") != NULL);
	ktk_conf_init(&c);
	memset(big, 'p', 1000);
	big[1000] = '\0';
	snprintf(jaas, sizeof(jaas),
		 "x.PlainLoginModule required username=u password=\"%s\";",
		 big);
	ktk_conf_set(&c, "sasl.jaas.config", jaas, KTK_SRC_PROPS, "p");
	CHECK_INT(ktk_java_client_translate(&c, NULL, 0, &err), 0);
	CHECK_STR(ktk_conf_get(&c, "sasl.password"), big);
	ktk_conf_free(&c);
}

static void t_stores(void)
{
	struct ktk_conf c;
	struct ktk_err err = {0};
	char dropped[256];

	ktk_conf_init(&c);
	ktk_conf_set(&c, "ssl.truststore.location", "/etc/ca.pem",
		     KTK_SRC_PROPS, "p");
	ktk_conf_set(&c, "ssl.truststore.type", "PEM", KTK_SRC_PROPS, "p");
	ktk_conf_set(&c, "ssl.truststore.password", "tpw", KTK_SRC_PROPS, "p");
	ktk_conf_set(&c, "ssl.keystore.location", "/etc/me.p12", KTK_SRC_PROPS,
		     "p");
	ktk_conf_set(&c, "ssl.keystore.type", "PKCS12", KTK_SRC_PROPS, "p");
	ktk_conf_set(&c, "ssl.endpoint.identification.algorithm", "",
		     KTK_SRC_PROPS, "p");
	ktk_conf_set(&c, "send.buffer.bytes", "131072", KTK_SRC_PROPS, "p");
	ktk_conf_set(&c, "buffer.memory", "33554432", KTK_SRC_PROPS, "p");
	CHECK_INT(ktk_java_client_translate(&c, dropped, sizeof(dropped), &err), 0);
	CHECK_STR(ktk_conf_get(&c, "ssl.ca.location"), "/etc/ca.pem");
	CHECK(ktk_conf_get(&c, "ssl.truststore.location") == NULL);
	CHECK(ktk_conf_get(&c, "ssl.truststore.type") == NULL);
	CHECK(ktk_conf_get(&c, "ssl.truststore.password") == NULL);
	CHECK_STR(ktk_conf_get(&c, "ssl.keystore.location"), "/etc/me.p12");
	CHECK(ktk_conf_get(&c, "ssl.keystore.type") == NULL);
	CHECK_STR(ktk_conf_get(&c, "ssl.endpoint.identification.algorithm"),
		  "none");
	CHECK_STR(ktk_conf_get(&c, "socket.send.buffer.bytes"), "131072");
	CHECK_STR(ktk_conf_get(&c, "queue.buffering.max.kbytes"), "32768");
	CHECK(strstr(dropped, "ssl.truststore.password") != NULL);
	ktk_conf_free(&c);

	ktk_conf_init(&c);
	ktk_conf_set(&c, "ssl.keystore.location", "/etc/me.pem", KTK_SRC_PROPS,
		     "p");
	ktk_conf_set(&c, "ssl.keystore.type", "PEM", KTK_SRC_PROPS, "p");
	CHECK_INT(ktk_java_client_translate(&c, NULL, 0, &err), 0);
	CHECK_STR(ktk_conf_get(&c, "ssl.certificate.location"), "/etc/me.pem");
	CHECK_STR(ktk_conf_get(&c, "ssl.key.location"), "/etc/me.pem");
	ktk_conf_free(&c);
}

static void t_jks_is_refused(void)
{
	struct ktk_conf c;
	struct ktk_err err = {0};

	ktk_conf_init(&c);
	ktk_conf_set(&c, "ssl.truststore.location", "/etc/trust.jks",
		     KTK_SRC_PROPS, "p");
	CHECK_INT(ktk_java_client_translate(&c, NULL, 0, &err), -1);
	CHECK_INT(err.code, KTK_EXIT_CONFIG);
	CHECK(strstr(err.msg, "JKS") != NULL);
	CHECK(strstr(err.msg, "PEM") != NULL);
	ktk_conf_free(&c);

	ktk_conf_init(&c);
	ktk_conf_set(&c, "ssl.keystore.location", "/etc/ks", KTK_SRC_PROPS, "p");
	ktk_conf_set(&c, "ssl.keystore.type", "JKS", KTK_SRC_PROPS, "p");
	CHECK_INT(ktk_java_client_translate(&c, NULL, 0, &err), -1);
	CHECK(strstr(err.msg, "PKCS#12") != NULL);
	ktk_conf_free(&c);
}

int main(void)
{
	RUN(t_jaas_plain);
	RUN(t_renamed_and_dropped);
	RUN(t_jaas_scram_keeps_mechanism);
	RUN(t_jaas_flag_precedence);
	RUN(t_jaas_errors);
	RUN(t_jaas_errors_hide_text);
	RUN(t_stores);
	RUN(t_jks_is_refused);
	return unit_done();
}
