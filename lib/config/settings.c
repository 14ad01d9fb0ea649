/* SPDX-License-Identifier: Apache-2.0 */
/* settings.c -- gather client configuration; the rules are in settings.h.
 *
 * ktk's config file is a .properties file with [sections]:
 *   cluster = local                  # the default cluster (optional)
 *   client.id = me                   # applies to every cluster
 *   [local]
 *   bootstrap.servers = localhost:9092
 *   [prod]
 *   bootstrap.servers = k1:9093,k2:9093
 *   security.protocol = SASL_SSL
 */
#include "lib/config/settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/base/record.h"
#include "lib/config/java_client.h"
#include "lib/config/properties.h"

struct file_ctx {
	struct ktk_conf *conf;
	const char *path;
	struct ktk_conf top;   /* top-level properties */
	struct ktk_conf sect;  /* every section's, keyed "SECTION\nKEY" */
	struct ktk_conf names; /* the section names seen, in order */
	char *current;         /* section being read, NULL at top level */
	char *deflt;           /* the file's "cluster = NAME" */
};

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		abort(); /* out of memory: nothing sane to do */
	return d;
}

static int file_cb(void *ctx, const char *key, const char *val, int line,
		   struct ktk_err *err)
{
	struct file_ctx *fc = ctx;

	(void)err;
	if (key == NULL) {
		free(fc->current);
		fc->current = xstrdup(val);
		ktk_conf_set(&fc->names, val, "", KTK_SRC_FILE, NULL);
		return 0;
	}
	if (fc->current == NULL) {
		if (strcmp(key, "cluster") == 0) {
			free(fc->deflt);
			fc->deflt = xstrdup(val);
		} else {
			ktk_conf_set_at(&fc->top, key, val, KTK_SRC_FILE,
					fc->path, line);
		}
		return 0;
	}
	/* keep every section; choose after the whole file is read */
	{
		size_t a = strlen(fc->current), b = strlen(key);
		char *k = malloc(a + b + 2);

		if (k == NULL)
			abort();
		memcpy(k, fc->current, a);
		k[a] = '\n';
		memcpy(k + a + 1, key, b + 1);
		ktk_conf_set_at(&fc->sect, k, val, KTK_SRC_FILE, fc->path,
				line);
		free(k);
	}
	return 0;
}

/* "a, b, c" of the section names, printable, cut to fit @p size with
 * ", ... (N in all)". */
static void names_list(const struct ktk_conf *names, char *buf, size_t size)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < names->n; i++) {
		char q[64];
		size_t l;

		ktk_record_quote(names->ents[i].key, strlen(names->ents[i].key),
				 q, sizeof(q));
		l = strlen(q) + (i ? 2 : 0);
		if (o + l + 24 >= size)
			break;
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "",
				      q);
	}
	if (i < names->n)
		snprintf(buf + o, size - o, ", ... (%zu in all)", names->n);
}

int ktk_settings_load_file(struct ktk_conf *conf, const char *path,
			   const char *cluster, struct ktk_err *err)
{
	struct file_ctx fc;
	const char *want;
	size_t i, wl;
	int rc = 0;

	memset(&fc, 0, sizeof(fc));
	fc.conf = conf;
	fc.path = path;
	ktk_conf_init(&fc.top);
	ktk_conf_init(&fc.sect);
	ktk_conf_init(&fc.names);
	if (ktk_properties_load(path, KTK_PROPERTIES_SECTIONS, file_cb, &fc, err) == -1) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < fc.top.n; i++)
		ktk_conf_set(conf, fc.top.ents[i].key, fc.top.ents[i].val,
			     KTK_SRC_FILE, fc.top.ents[i].origin);
	want = cluster ? cluster : fc.deflt;
	if (want == NULL)
		goto out;
	wl = strlen(want);
	/* a section may be empty: look for its header among the names */
	if (ktk_conf_find(&fc.names, want) == NULL) {
		char list[200], q[64];

		names_list(&fc.names, list, sizeof(list));
		ktk_record_quote(want, wl, q, sizeof(q));
		rc = ktk_err_set(err, KTK_EXIT_CONFIG,
				 "%s: no cluster [%s] (clusters: %s)", path, q,
				 fc.names.n ? list : "none");
		goto out;
	}
	for (i = 0; i < fc.sect.n; i++) {
		const char *k = fc.sect.ents[i].key;

		if (strncmp(k, want, wl) == 0 && k[wl] == '\n')
			ktk_conf_set(conf, k + wl + 1, fc.sect.ents[i].val,
				     KTK_SRC_FILE, fc.sect.ents[i].origin);
	}
out:
	ktk_conf_free(&fc.top);
	ktk_conf_free(&fc.sect);
	ktk_conf_free(&fc.names);
	free(fc.current);
	free(fc.deflt);
	return rc;
}

static const char *default_config_path(char *buf, size_t size)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");

	if (x && *x)
		snprintf(buf, size, "%s/ktk/config", x);
	else if (h && *h)
		snprintf(buf, size, "%s/.config/ktk/config", h);
	else
		return NULL;
	return buf;
}

/* kcat's config file, when ktk has none: $KCAT_CONFIG, else
 * ~/.config/kcat.conf if it exists */
static const char *kcat_config_path(char *buf, size_t size)
{
	const char *k = getenv("KCAT_CONFIG"), *h = getenv("HOME");

	if (k && *k)
		return k;
	if (h && *h) {
		snprintf(buf, size, "%s/.config/kcat.conf", h);
		if (access(buf, F_OK) == 0)
			return buf;
	}
	return NULL;
}

/* Whether to say which address was used: only with -v, only when the
 * environment and the config file disagree. */
static void note_choice(struct ktk_common *c, const char *used,
			const char *used_from, const char *other,
			const char *other_from)
{
	size_t n = strlen(c->notes);

	if (c->verbosity < 2 || strcmp(used, other) == 0)
		return;
	snprintf(c->notes + n, sizeof(c->notes) - n,
		 "bootstrap.servers %s (%s), not %s (%s)\n", used, used_from,
		 other, other_from);
}

int ktk_settings_resolve(struct ktk_common *c, char *dropped,
			 size_t dropped_size, struct ktk_err *err)
{
	const char *path = c->config_file, *cluster = c->cluster, *env;
	/* a cluster or a config file typed on the command line beats the
	 * environment: what the user typed wins */
	int typed = c->config_file != NULL || c->cluster != NULL;
	const struct ktk_conf_ent *e;
	char buf[4096], *fval = NULL, *forig = NULL;
	int explicit = 1, rc;

	if (c->command_config &&
	    ktk_conf_load_props(&c->client, c->command_config, KTK_SRC_PROPS,
				err) == -1)
		return -1;

	if (path == NULL && (env = getenv("KTK_CONFIG")) != NULL && *env)
		path = env;
	if (path == NULL) {
		explicit = 0;
		path = default_config_path(buf, sizeof(buf));
		if (path == NULL || access(path, F_OK) != 0) {
			path = kcat_config_path(buf, sizeof(buf));
			explicit = path != NULL;
		}
	}
	if (cluster == NULL && (env = getenv("KTK_CLUSTER")) != NULL && *env)
		cluster = env;
	if (path && (explicit || access(path, F_OK) == 0)) {
		if (ktk_settings_load_file(&c->client, path, cluster, err) == -1)
			return -1;
	} else if (cluster) {
		return ktk_err_set(err, KTK_EXIT_CONFIG,
				   "--cluster %s: no config file (%s)", cluster,
				   path ? path : "set KTK_CONFIG");
	}

	e = ktk_conf_find(&c->client, "bootstrap.servers");
	if (e != NULL && e->src == KTK_SRC_FILE) {
		fval = xstrdup(e->val);
		forig = xstrdup(e->origin);
	}
	if ((env = getenv("KTK_BOOTSTRAP_SERVER")) != NULL && *env) {
		if (fval != NULL && typed) {
			note_choice(c, fval, forig, env,
				    "KTK_BOOTSTRAP_SERVER");
		} else {
			ktk_conf_set(&c->client, "bootstrap.servers", env,
				     KTK_SRC_ENV, "KTK_BOOTSTRAP_SERVER");
			e = ktk_conf_find(&c->client, "bootstrap.servers");
			if (fval != NULL && e->src == KTK_SRC_ENV)
				note_choice(c, env, "KTK_BOOTSTRAP_SERVER",
					    fval, forig);
		}
	}
	free(fval);
	free(forig);
	ktk_conf_set(&c->client, "bootstrap.servers", "localhost:9092",
		     KTK_SRC_DEFAULT, "default");
	rc = ktk_java_client_translate(&c->client, dropped, dropped_size, err);
	return rc;
}
