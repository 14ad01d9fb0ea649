/* SPDX-License-Identifier: Apache-2.0 */
/* conf.c -- ordered properties with sources and precedence; see conf.h. */
#include "lib/config/conf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/base/buffer.h"
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
		if (ktk_buffer_grow_array(&conf->ents, conf->n, &conf->cap,
					  sizeof(*conf->ents), 16) == -1)
			abort();
		e = &conf->ents[conf->n++];
		e->key = xstrdup(key);
	}
	e->val = xstrdup(val);
	e->src = src;
	e->origin = xstrdup(origin);
	return 1;
}

/* The part of a mistyped KEY=VALUE that may be quoted: the leading run of
 * characters a property name can have, and the separator after it; the
 * rest may be a value (a password typed after ':' or a space), so it is
 * never quoted. A bare word that names a secret is not quoted either. */
static void kv_shown(const char *kv, char *buf, size_t size)
{
	size_t n = strspn(kv, "abcdefghijklmnopqrstuvwxyz"
			      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

	if (kv[n] == '\0' && strchr(kv, '.') == NULL && ktk_conf_is_secret(kv))
		snprintf(buf, size, "%s", mask);
	else if (kv[n] == '\0')
		snprintf(buf, size, "%s", kv);
	else if (kv[n] == ':' || kv[n] == ' ' || kv[n] == '\t' ||
		 kv[n] == '=')
		snprintf(buf, size, "%.*s%c...", (int)n, kv,
			 kv[n] == '\t' ? ' ' : kv[n]);
	else
		snprintf(buf, size, "%.*s...", (int)n, kv);
}

int ktk_conf_set_kv(struct ktk_conf *conf, const char *kv, int src,
		    const char *origin, struct ktk_err *err)
{
	const char *eq = strchr(kv, '=');
	char *key, shown[160];

	if (eq == NULL || eq == kv) {
		kv_shown(kv, shown, sizeof(shown));
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "%s: expected KEY=VALUE, got '%s'",
				   origin ? origin : "property", shown);
	}
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

int ktk_conf_set_at(struct ktk_conf *conf, const char *key, const char *val,
		    int src, const char *path, int line)
{
	char origin[512];

	snprintf(origin, sizeof(origin), "%s:%d", path, line);
	return ktk_conf_set(conf, key, val, src, origin);
}

static int load_cb(void *ctx, const char *key, const char *val, int line,
		   struct ktk_err *err)
{
	struct load_ctx *lc = ctx;

	(void)err;
	if (key == NULL || *key == '\0')
		return 0;
	ktk_conf_set_at(lc->conf, key, val, lc->src, lc->path, line);
	return 0;
}

int ktk_conf_load_props(struct ktk_conf *conf, const char *path, int src,
			struct ktk_err *err)
{
	struct load_ctx lc = {conf, path, src};

	return ktk_properties_load(path, 0, load_cb, &lc, err);
}

/* Words that make a property secret wherever they appear in its name
 * (case-insensitive): passwords, secrets, passphrases, private keys,
 * tokens, credentials, user info ("user:password" of basic auth) and JAAS
 * configurations (which hold passwords), with or without a prefix
 * ("listener.name.x.plain.sasl.jaas.config", "producer.ssl.key.password"). */
static const char *const secret_words[] = {
	"password", "passwd",	  "secret",	"passphrase", "private.key",
	"private_key", "privatekey", "token",	"credential", "user.info",
	"userinfo",  "user_info",  "jaas",	NULL};

/* Whole names (or name endings after a '.') holding key material or
 * a secret-bearing config string. */
static const char *const secret_names[] = {
	"ssl.key.pem", "ssl.keystore.key", "ssl_key", "sasl.oauthbearer.config",
	NULL};

static int has_word(const char *key, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = key; *p; p++)
		if (strncasecmp(p, word, n) == 0)
			return 1;
	return 0;
}

static int ends_with_name(const char *key, const char *name)
{
	size_t a = strlen(key), b = strlen(name);

	return a >= b && strcasecmp(key + a - b, name) == 0 &&
	       (a == b || key[a - b - 1] == '.');
}

int ktk_conf_is_secret(const char *key)
{
	size_t i;

	for (i = 0; secret_names[i]; i++)
		if (ends_with_name(key, secret_names[i]))
			return 1;
	for (i = 0; secret_words[i]; i++)
		if (has_word(key, secret_words[i]))
			return 1;
	return 0;
}

const char *ktk_conf_shown(const struct ktk_conf_ent *ent)
{
	return ktk_conf_is_secret(ent->key) ? mask : ent->val;
}

/* Mark in hide[] every run of s that is also a run of the secret
 * sec[0..len): the whole secret when it is shorter than 6 bytes, else any
 * run of at least half of it, 4 to 6 bytes. A message that quotes a part
 * of a secret (a tail, a truncated head) must not show that part either. */
static void mark_fragments(const char *s, size_t n, char *hide,
			   const char *sec, size_t len)
{
	size_t min = len < 6 ? len : len / 2 < 4 ? 4 : len / 2 > 6 ? 6 : len / 2;
	size_t i, j;

	if (len < 3) /* too short to tell from ordinary text */
		return;
	for (i = 0; i + min <= n; i++) {
		size_t best = 0;

		for (j = 0; j + min <= len; j++) {
			size_t l = 0;

			while (i + l < n && j + l < len && s[i + l] == sec[j + l])
				l++;
			if (l > best)
				best = l;
		}
		if (best >= min)
			memset(hide + i, 1, best);
	}
}

/* A JAAS or OAUTHBEARER config string: the secret parts are the values
 * of its name=value options (quoted or bare), not the module name or the
 * option names, which messages may well mention. */
static int is_option_string(const char *key)
{
	return ends_with_name(key, "sasl.jaas.config") ||
	       has_word(key, "jaas") ||
	       ends_with_name(key, "sasl.oauthbearer.config");
}

static void mark_option_values(const char *s, size_t n, char *hide,
			       const char *val)
{
	const char *p = val;

	while ((p = strchr(p, '=')) != NULL) {
		const char *v = p + 1, *e;

		while (*v == ' ' || *v == '\t')
			v++;
		if (*v == '"') {
			v++;
			for (e = v; *e && *e != '"'; e++)
				if (*e == '\\' && e[1])
					e++;
		} else {
			e = v + strcspn(v, " \t\r\n;");
		}
		mark_fragments(s, n, hide, v, (size_t)(e - v));
		p = *e ? e + 1 : e;
	}
}

void ktk_conf_mask_in(const struct ktk_conf *conf, char *s)
{
	size_t i, n = strlen(s);
	char *hide;

	if (conf == NULL || n == 0)
		return;
	hide = calloc(n, 1);
	if (hide == NULL)
		abort();
	for (i = 0; i < conf->n; i++) {
		const struct ktk_conf_ent *e = &conf->ents[i];

		if (!ktk_conf_is_secret(e->key))
			continue;
		if (is_option_string(e->key))
			mark_option_values(s, n, hide, e->val);
		else
			mark_fragments(s, n, hide, e->val, strlen(e->val));
	}
	for (i = 0; i < n; i++)
		if (hide[i])
			s[i] = '*';
	free(hide);
}

void ktk_conf_mask_cb(const void *conf, char *s)
{
	ktk_conf_mask_in(conf, s);
}

static int by_key(const void *a, const void *b)
{
	const struct ktk_conf_ent *const *x = a, *const *y = b;

	return strcmp((*x)->key, (*y)->key);
}

void ktk_conf_dump(const struct ktk_conf *conf, FILE *out, const char *prefix)
{
	static const char *const srcname[] = {"default", "properties", "config",
					      "environment", "flag"};
	const struct ktk_conf_ent **v;
	size_t i;

	if (conf->n == 0)
		return;
	v = malloc(conf->n * sizeof(*v));
	if (v == NULL)
		return;
	for (i = 0; i < conf->n; i++)
		v[i] = &conf->ents[i];
	qsort(v, conf->n, sizeof(*v), by_key);
	for (i = 0; i < conf->n; i++) {
		const struct ktk_conf_ent *e = v[i];
		/* a binary's own settings may outrank flags (src above
		 * KTK_SRC_FLAG): their origin names the binary */
		const char *from = e->origin != NULL ? e->origin
				   : e->src >= 0 && e->src <= KTK_SRC_FLAG
					   ? srcname[e->src]
					   : "";

		fprintf(out, "%s%s=%s  (%s)\n", prefix ? prefix : "", e->key,
			ktk_conf_shown(e), from);
	}
	free(v);
}
