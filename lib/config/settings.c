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

#include "lib/config/java_client.h"
#include "lib/config/properties.h"

struct file_ctx {
	struct ktk_conf *conf;
	const char *path;
	const char *want;      /* cluster to load, or NULL for the default */
	struct ktk_conf top;   /* top-level properties */
	struct ktk_conf sect;  /* the wanted section's properties */
	char current[256];     /* section being read, "" at top level */
	char deflt[256];       /* the file's "cluster = NAME" */
	int found;             /* the wanted section exists */
	char sections[1024];   /* names seen, for the error message */
};

static int file_cb(void *ctx, const char *key, const char *val, int line,
		   struct ktk_err *err)
{
	struct file_ctx *fc = ctx;
	char origin[512];

	(void)err;
	if (key == NULL) {
		size_t n = strlen(fc->sections);

		snprintf(fc->current, sizeof(fc->current), "%s", val);
		snprintf(fc->sections + n, sizeof(fc->sections) - n, "%s%s",
			 n ? ", " : "", val);
		return 0;
	}
	snprintf(origin, sizeof(origin), "%s:%d", fc->path, line);
	if (fc->current[0] == '\0') {
		if (strcmp(key, "cluster") == 0)
			snprintf(fc->deflt, sizeof(fc->deflt), "%s", val);
		else
			ktk_conf_set(&fc->top, key, val, KTK_SRC_FILE, origin);
		return 0;
	}
	/* keep every section; choose after the whole file is read */
	{
		char k[512];

		snprintf(k, sizeof(k), "%s\n%s", fc->current, key);
		ktk_conf_set(&fc->sect, k, val, KTK_SRC_FILE, origin);
	}
	return 0;
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
	if (ktk_properties_load(path, KTK_PROPERTIES_SECTIONS, file_cb, &fc, err) == -1) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < fc.top.n; i++)
		ktk_conf_set(conf, fc.top.ents[i].key, fc.top.ents[i].val,
			     KTK_SRC_FILE, fc.top.ents[i].origin);
	want = cluster ? cluster : (fc.deflt[0] ? fc.deflt : NULL);
	if (want == NULL)
		goto out;
	wl = strlen(want);
	{
		/* a section may be empty: look for its header among names */
		const char *p = fc.sections;
		while (*p) {
			const char *e = strstr(p, ", ");
			size_t n = e ? (size_t)(e - p) : strlen(p);
			if (n == wl && strncmp(p, want, n) == 0)
				fc.found = 1;
			p += n + (e ? 2 : 0);
		}
	}
	if (!fc.found) {
		rc = ktk_err_set(err, KTK_EXIT_CONFIG,
				 "%s: no cluster [%s] (clusters: %s)", path,
				 want, fc.sections[0] ? fc.sections : "none");
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

int ktk_settings_resolve(struct ktk_common *c, char *dropped,
			 size_t dropped_size, struct ktk_err *err)
{
	const char *path = c->config_file, *cluster = c->cluster, *env;
	char buf[4096];
	int explicit = 1;

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

	if ((env = getenv("KTK_BOOTSTRAP_SERVER")) != NULL && *env)
		ktk_conf_set(&c->client, "bootstrap.servers", env, KTK_SRC_ENV,
			     "KTK_BOOTSTRAP_SERVER");
	ktk_conf_set(&c->client, "bootstrap.servers", "localhost:9092",
		     KTK_SRC_DEFAULT, "default");
	return ktk_java_client_translate(&c->client, dropped, dropped_size, err);
}
