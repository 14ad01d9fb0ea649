/* SPDX-License-Identifier: Apache-2.0 */
/* java_client.c -- Java client properties to librdkafka's; see java_client.h.
 *
 * JAAS grammar (the part Kafka clients use):
 *   <LoginModuleClass> <flag> [<option>=<value> ...] ;
 * where flag is required|requisite|sufficient|optional and a value is a
 * "double-quoted string" (with \" and \\ escapes) or a bare token.
 */
#include "lib/config/java_client.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_ws(const char *p)
{
	while (*p && isspace((unsigned char)*p))
		p++;
	return p;
}

/* Copy one token (bare or quoted) from p into out; returns the end.
 * *quoted is 1 for a quoted token, -1 for an unterminated one, 0 else;
 * a token longer than size - 1 bytes sets *quoted to -2. */
static const char *token(const char *p, char *out, size_t size, int *quoted)
{
	size_t o = 0, len = 0;

	*quoted = 0;
	if (*p == '"') {
		*quoted = 1;
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			if (o + 1 < size)
				out[o++] = *p;
			len++;
		}
		if (*p == '"')
			p++;
		else
			*quoted = -1; /* unterminated */
	} else {
		while (*p && !isspace((unsigned char)*p) && *p != '=' &&
		       *p != ';') {
			if (o + 1 < size)
				out[o++] = *p;
			p++;
			len++;
		}
	}
	out[o] = '\0';
	if (len >= size && *quoted >= 0)
		*quoted = -2;
	return p;
}

/* Errors name a position (byte N of the value, from 1) and option names,
 * never the text: what follows a mistake is often the password. */
int ktk_java_client_jaas_parse(const char *jaas, char *module,
			       size_t module_size, char *user, size_t user_size,
			       char *pass, size_t pass_size, struct ktk_err *err)
{
	const char *p = skip_ws(jaas), *at;
	char flag[32], name[128], val[4096];
	int q;

	*user = *pass = '\0';
	p = token(p, module, module_size, &q);
	if (*module == '\0')
		return ktk_err_set(err, KTK_EXIT_CONFIG,
				   "sasl.jaas.config: no login module");
	if (q == -2)
		return ktk_err_set(err, KTK_EXIT_CONFIG,
				   "sasl.jaas.config: the login module name "
				   "is longer than %zu bytes",
				   module_size - 1);
	p = token(skip_ws(p), flag, sizeof(flag), &q);
	if (strcmp(flag, "required") && strcmp(flag, "requisite") &&
	    strcmp(flag, "sufficient") && strcmp(flag, "optional"))
		return ktk_err_set(err, KTK_EXIT_CONFIG,
				   "sasl.jaas.config: expected 'required' "
				   "after the login module, at byte %zu",
				   (size_t)(skip_ws(jaas + strlen(module)) - jaas) + 1);
	for (;;) {
		p = skip_ws(p);
		if (*p == ';' || *p == '\0')
			break;
		at = p;
		p = token(p, name, sizeof(name), &q);
		p = skip_ws(p);
		if (*name == '\0' || *p != '=' || q != 0)
			return ktk_err_set(err, KTK_EXIT_CONFIG,
					   "sasl.jaas.config: expected "
					   "name=value at byte %zu (quote "
					   "values with spaces or '=' in "
					   "double quotes)",
					   (size_t)(at - jaas) + 1);
		p = token(skip_ws(p + 1), val, sizeof(val), &q);
		if (q == -1)
			return ktk_err_set(err, KTK_EXIT_CONFIG,
					   "sasl.jaas.config: unterminated "
					   "quote in option %s",
					   name);
		if (q == -2)
			return ktk_err_set(err, KTK_EXIT_CONFIG,
					   "sasl.jaas.config: the value of "
					   "option %s is longer than %zu bytes",
					   name, sizeof(val) - 1);
		if ((strcmp(name, "username") == 0 &&
		     (size_t)snprintf(user, user_size, "%s", val) >= user_size) ||
		    (strcmp(name, "password") == 0 &&
		     (size_t)snprintf(pass, pass_size, "%s", val) >= pass_size))
			return ktk_err_set(err, KTK_EXIT_CONFIG,
					   "sasl.jaas.config: the value of "
					   "option %s is longer than %zu bytes",
					   name,
					   (*name == 'u' ? user_size : pass_size) - 1);
	}
	if (*p != ';')
		return ktk_err_set(err, KTK_EXIT_CONFIG,
				   "sasl.jaas.config: missing ';' at the end");
	return 0;
}

static int ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcasecmp(s + a - b, suf) == 0;
}

/* Move key's value to nkey, keeping its source. */
static void rename_key(struct ktk_conf *conf, const char *key,
		       const char *nkey, const char *nval)
{
	const struct ktk_conf_ent *e = ktk_conf_find(conf, key);
	char *val, *origin;
	int src;

	if (e == NULL)
		return;
	val = strdup(nval ? nval : e->val);
	origin = strdup(e->origin);
	src = e->src;
	ktk_conf_unset(conf, key);
	if (val && origin)
		ktk_conf_set(conf, nkey, val, src, origin);
	free(val);
	free(origin);
}

static void note_drop(char *dropped, size_t size, const char *key)
{
	size_t n;

	if (dropped == NULL || size == 0)
		return;
	n = strlen(dropped);
	snprintf(dropped + n, size - n, "%s%s", n ? "," : "", key);
}

static const char *const java_only[] = {
	"key.serializer",
	"value.serializer",
	"key.deserializer",
	"value.deserializer",
	"interceptor.classes",
	"metric.reporters",
	"metrics.num.samples",
	"metrics.recording.level",
	"metrics.sample.window.ms",
	"auto.include.jmx.reporter",
	"client.dns.lookup",
	"max.block.ms",
	"default.api.timeout.ms",
	"security.providers",
	"ssl.keymanager.algorithm",
	"ssl.trustmanager.algorithm",
	"ssl.secure.random.implementation",
	"ssl.enabled.protocols",
	"ssl.protocol",
	"ssl.provider",
	"ssl.engine.factory.class",
	"sasl.login.class",
	"sasl.client.callback.handler.class",
	"sasl.login.callback.handler.class",
	"partitioner.class",
	"partitioner.ignore.keys",
	"partitioner.adaptive.partitioning.enable",
	"partitioner.availability.timeout.ms",
	"enable.metrics.push",
	"metadata.recovery.strategy",
	/* consumer */
	"max.poll.records",
	"exclude.internal.topics",
	"internal.leave.group.on.close",
	/* producer */
	"metadata.max.idle.ms",
	"compression.gzip.level",
	"compression.lz4.level",
	"compression.zstd.level",
	"transaction.two.phase.commit.enable",
	/* connections and logins librdkafka handles its own way */
	"socket.connection.setup.timeout.max.ms",
	"sasl.login.refresh.window.factor",
	"sasl.login.refresh.window.jitter",
	"sasl.login.refresh.min.period.seconds",
	"sasl.login.refresh.buffer.seconds",
	"sasl.login.connect.timeout.ms",
	"sasl.login.read.timeout.ms",
	"sasl.login.retry.backoff.ms",
	"sasl.login.retry.backoff.max.ms",
	"sasl.kerberos.ticket.renew.window.factor",
	"sasl.kerberos.ticket.renew.jitter",
	"sasl.oauthbearer.jwks.endpoint.url",
	"sasl.oauthbearer.jwks.endpoint.refresh.ms",
	"sasl.oauthbearer.jwks.endpoint.retry.backoff.ms",
	"sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms",
	"sasl.oauthbearer.scope.claim.name",
	"sasl.oauthbearer.sub.claim.name",
	"sasl.oauthbearer.expected.audience",
	"sasl.oauthbearer.expected.issuer",
	"sasl.oauthbearer.clock.skew.seconds",
	NULL,
};

/* Java (or kcat) spellings of what librdkafka names otherwise */
static const struct {
	const char *java, *rdkafka;
} renamed[] = {
	{"send.buffer.bytes", "socket.send.buffer.bytes"},
	{"receive.buffer.bytes", "socket.receive.buffer.bytes"},
	{"fetch.max.wait.ms", "fetch.wait.max.ms"},
	{"max.request.size", "message.max.bytes"},
	/* kcat's config files: below -b and KTK_BOOTSTRAP_SERVER, above the
	 * default localhost:9092 */
	{"metadata.broker.list", "bootstrap.servers"},
	{NULL, NULL},
};

int ktk_java_client_translate(struct ktk_conf *conf, char *dropped,
			   size_t dropped_size, struct ktk_err *err)
{
	const char *v, *type;
	size_t i;

	if (dropped && dropped_size)
		*dropped = '\0';

	if ((v = ktk_conf_get(conf, "sasl.jaas.config")) != NULL) {
		char module[256], user[1024], pass[1024];
		const struct ktk_conf_ent *e =
			ktk_conf_find(conf, "sasl.jaas.config");
		int src = e->src;
		char origin[512];

		snprintf(origin, sizeof(origin), "%s", e->origin);
		if (ktk_java_client_jaas_parse(v, module, sizeof(module), user,
				   sizeof(user), pass, sizeof(pass), err) == -1)
			return -1;
		if (ends_with(module, ".PlainLoginModule") ||
		    ends_with(module, ".ScramLoginModule")) {
			ktk_conf_set(conf, "sasl.username", user, src, origin);
			ktk_conf_set(conf, "sasl.password", pass, src, origin);
			if (ends_with(module, ".PlainLoginModule") &&
			    ktk_conf_get(conf, "sasl.mechanism") == NULL &&
			    ktk_conf_get(conf, "sasl.mechanisms") == NULL)
				ktk_conf_set(conf, "sasl.mechanism", "PLAIN",
					     src, origin);
		} else {
			return ktk_err_set(
				err, KTK_EXIT_CONFIG,
				"sasl.jaas.config: login module %s is not "
				"supported; use PlainLoginModule or "
				"ScramLoginModule, or set librdkafka's "
				"sasl.kerberos.* / sasl.oauthbearer.* "
				"properties instead",
				module);
		}
		ktk_conf_unset(conf, "sasl.jaas.config");
	}

	/* Trust store: Java's default type is JKS. */
	if ((v = ktk_conf_get(conf, "ssl.truststore.location")) != NULL) {
		type = ktk_conf_get(conf, "ssl.truststore.type");
		if ((type && strcasecmp(type, "PEM") == 0) ||
		    (type == NULL && (ends_with(v, ".pem") ||
				      ends_with(v, ".crt")))) {
			rename_key(conf, "ssl.truststore.location",
				   "ssl.ca.location", NULL);
		} else {
			return ktk_err_set(
				err, KTK_EXIT_CONFIG,
				"ssl.truststore.location: %s stores are not "
				"supported by librdkafka; export the CA "
				"certificates to PEM (keytool -exportcert "
				"-rfc, or openssl pkcs12 -nokeys) and set "
				"ssl.truststore.type=PEM or ssl.ca.location",
				type ? type : "JKS");
		}
	}
	ktk_conf_unset(conf, "ssl.truststore.type");
	if (ktk_conf_unset(conf, "ssl.truststore.password"))
		note_drop(dropped, dropped_size, "ssl.truststore.password");
	rename_key(conf, "ssl.truststore.certificates", "ssl.ca.pem", NULL);

	/* Key store */
	if ((v = ktk_conf_get(conf, "ssl.keystore.location")) != NULL) {
		type = ktk_conf_get(conf, "ssl.keystore.type");
		if ((type && strcasecmp(type, "PKCS12") == 0) ||
		    (type == NULL &&
		     (ends_with(v, ".p12") || ends_with(v, ".pfx")))) {
			/* librdkafka reads PKCS#12 under the same name */
		} else if ((type && strcasecmp(type, "PEM") == 0) ||
			   (type == NULL && ends_with(v, ".pem"))) {
			char *loc = strdup(v);
			const struct ktk_conf_ent *e =
				ktk_conf_find(conf, "ssl.keystore.location");

			if (loc == NULL)
				abort();
			ktk_conf_set(conf, "ssl.key.location", loc, e->src,
				     e->origin);
			rename_key(conf, "ssl.keystore.location",
				   "ssl.certificate.location", loc);
			free(loc);
		} else {
			return ktk_err_set(
				err, KTK_EXIT_CONFIG,
				"ssl.keystore.location: %s stores are not "
				"supported by librdkafka; convert it to "
				"PKCS#12 (keytool -importkeystore "
				"-deststoretype PKCS12) or PEM and set "
				"ssl.keystore.type accordingly",
				type ? type : "JKS");
		}
	}
	ktk_conf_unset(conf, "ssl.keystore.type");
	rename_key(conf, "ssl.keystore.certificate.chain", "ssl.certificate.pem",
		   NULL);
	rename_key(conf, "ssl.keystore.key", "ssl.key.pem", NULL);

	if ((v = ktk_conf_get(conf, "ssl.endpoint.identification.algorithm")) !=
		    NULL &&
	    *v == '\0')
		rename_key(conf, "ssl.endpoint.identification.algorithm",
			   "ssl.endpoint.identification.algorithm", "none");

	for (i = 0; renamed[i].java; i++)
		rename_key(conf, renamed[i].java, renamed[i].rdkafka, NULL);
	if ((v = ktk_conf_get(conf, "buffer.memory")) != NULL) {
		char kb[32];

		snprintf(kb, sizeof(kb), "%lld", strtoll(v, NULL, 10) / 1024);
		rename_key(conf, "buffer.memory", "queue.buffering.max.kbytes",
			   kb);
	}

	for (i = 0; java_only[i]; i++)
		if (ktk_conf_unset(conf, java_only[i]))
			note_drop(dropped, dropped_size, java_only[i]);
	return 0;
}
