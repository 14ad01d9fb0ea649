/* SPDX-License-Identifier: Apache-2.0 */
/* conf.c -- ordered properties with sources and precedence; see conf.h. */
#include "lib/config/conf.h"

#include <stdlib.h>
#include <string.h>

#include "lib/config/properties.h"

static const char *mask = "********";

void ktk_conf_init(struct ktk_conf *conf) { memset(conf, 0, sizeof(*conf)); }

static void ent_free(struct ktk_conf_ent *e)
{
	free(e->key);
	free(e->val);
	free(e->origin);
}

void ktk_conf_free(struct ktk_conf *conf)
{
	size_t i;

	for (i = 0; i < conf->n; i++)
		ent_free(&conf->ents[i]);
	free(conf->ents);
	ktk_conf_init(conf);
}

static struct ktk_conf_ent *find(const struct ktk_conf *conf, const char *key)
{
	size_t i;

	for (i = 0; i < conf->n; i++)
		if (strcmp(conf->ents[i].key, key) == 0)
			return &conf->ents[i];
	return NULL;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (d == NULL)
		abort(); /* out of memory: nothing sane to do */
	return d;
}

int ktk_conf_set(struct ktk_conf *conf, const char *key, const char *val,
		 int src, const char *origin)
{
	struct ktk_conf_ent *e = find(conf, key);

	if (e != NULL) {
		if (e->src > src)
			return 0;
		free(e->val);
		free(e->origin);
	} else {
		if (conf->n == conf->cap) {
			size_t cap = conf->cap ? conf->cap * 2 : 16;
			struct ktk_conf_ent *n =
				realloc(conf->ents, cap * sizeof(*n));
			if (n == NULL)
				abort();
			conf->ents = n;
			conf->cap = cap;
		}
		e = &conf->ents[conf->n++];
		e->key = xstrdup(key);
	}
	e->val = xstrdup(val);
	e->src = src;
	e->origin = xstrdup(origin);
	return 1;
}

int ktk_conf_set_kv(struct ktk_conf *conf, const char *kv, int src,
		    const char *origin, struct ktk_err *err)
{
	const char *eq = strchr(kv, '=');
	char *key;

	if (eq == NULL || eq == kv)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "%s: expected KEY=VALUE, got '%s'",
				   origin ? origin : "property", kv);
	key = xstrdup(kv);
	key[eq - kv] = '\0';
	ktk_conf_set(conf, key, eq + 1, src, origin);
	free(key);
	return 0;
}

const char *ktk_conf_get(const struct ktk_conf *conf, const char *key)
{
	const struct ktk_conf_ent *e = find(conf, key);

	return e ? e->val : NULL;
}

const struct ktk_conf_ent *ktk_conf_find(const struct ktk_conf *conf,
					  const char *key)
{
	return find(conf, key);
}

int ktk_conf_unset(struct ktk_conf *conf, const char *key)
{
	struct ktk_conf_ent *e = find(conf, key);
	size_t i;

	if (e == NULL)
		return 0;
	i = (size_t)(e - conf->ents);
	ent_free(e);
	memmove(e, e + 1, (conf->n - i - 1) * sizeof(*e));
	conf->n--;
	return 1;
}

struct load_ctx {
	struct ktk_conf *conf;
	const char *path;
	int src;
};

static int load_cb(void *ctx, const char *key, const char *val, int line,
		   struct ktk_err *err)
{
	struct load_ctx *lc = ctx;
	char origin[512];

	(void)err;
	if (key == NULL || *key == '\0')
		return 0;
	snprintf(origin, sizeof(origin), "%s:%d", lc->path, line);
	ktk_conf_set(lc->conf, key, val, lc->src, origin);
	return 0;
}

int ktk_conf_load_props(struct ktk_conf *conf, const char *path, int src,
			struct ktk_err *err)
{
	struct load_ctx lc = {conf, path, src};

	return ktk_properties_load(path, 0, load_cb, &lc, err);
}

int ktk_conf_is_secret(const char *key)
{
	static const char *const exact[] = {
		"sasl.jaas.config", "ssl.key.pem",     "ssl.keystore.key",
		"ssl_key",	    "sasl.oauthbearer.config",
		"basic.auth.user.info", "schema.registry.basic.auth.user.info",
		NULL};
	size_t i;

	for (i = 0; exact[i]; i++)
		if (strcmp(key, exact[i]) == 0)
			return 1;
	return strstr(key, "password") != NULL ||
	       strstr(key, "secret") != NULL ||
	       strstr(key, "credential") != NULL;
}

const char *ktk_conf_shown(const struct ktk_conf_ent *ent)
{
	return ktk_conf_is_secret(ent->key) ? mask : ent->val;
}

static void mask_one(char *s, const char *secret)
{
	size_t n = strlen(secret);
	char *p;

	if (n < 3) /* too short to mask without mangling the message */
		return;
	while ((p = strstr(s, secret)) != NULL)
		memset(p, '*', n);
}

void ktk_conf_mask_in(const struct ktk_conf *conf, char *s)
{
	size_t i;

	for (i = 0; i < conf->n; i++)
		if (ktk_conf_is_secret(conf->ents[i].key))
			mask_one(s, conf->ents[i].val);
}

void ktk_conf_dump(const struct ktk_conf *conf, FILE *out, const char *prefix)
{
	static const char *const srcname[] = {"default", "properties", "config",
					      "environment", "flag"};
	size_t i;

	for (i = 0; i < conf->n; i++) {
		const struct ktk_conf_ent *e = &conf->ents[i];

		fprintf(out, "%s%s=%s  (%s %s)\n", prefix ? prefix : "", e->key,
			ktk_conf_shown(e), srcname[e->src], e->origin);
	}
}
