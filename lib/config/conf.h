/* SPDX-License-Identifier: Apache-2.0 */
/* conf.h -- an ordered set of configuration properties, each remembering
 * where it came from, with one precedence rule:
 *
 *   flags  >  environment  >  ktk config file  >  .properties files  >  defaults
 *
 * A property set from a higher source replaces one from a lower or equal
 * source and is never replaced by a lower one, so sources may be loaded in
 * any order. Values of secret properties (passwords, keys, JAAS) are never
 * shown: ktk_conf_shown() masks them.
 */
#ifndef KTK_CONFIG_CONF_H
#define KTK_CONFIG_CONF_H

#include <stddef.h>
#include <stdio.h>

#include "lib/base/err.h"

enum ktk_conf_src {
	KTK_SRC_DEFAULT = 0,
	KTK_SRC_PROPS = 1, /* a .properties file (--command-config, ...) */
	KTK_SRC_FILE = 2,  /* ktk's own config file */
	KTK_SRC_ENV = 3,   /* the environment */
	KTK_SRC_FLAG = 4,  /* the command line */
};

struct ktk_conf_ent {
	char *key;
	char *val;
	int src;      /* enum ktk_conf_src */
	char *origin; /* "-X", "FILE:LINE", "KTK_BOOTSTRAP_SERVER", ... */
};

struct ktk_conf {
	struct ktk_conf_ent *ents;
	size_t n, cap;
};

/** @brief Initialise an empty set. */
void ktk_conf_init(struct ktk_conf *conf);

/** @brief Free every property. The set is empty and usable afterwards. */
void ktk_conf_free(struct ktk_conf *conf);

/** @brief Set @p key to @p val (copied) from @p src unless it is already
 *  set from a higher source. @p origin (may be NULL) names where it came
 *  from for messages. @returns 1 if set, 0 if a higher source kept it. */
int ktk_conf_set(struct ktk_conf *conf, const char *key, const char *val,
		 int src, const char *origin);

/** @brief ktk_conf_set() of a property read from a .properties file:
 *  its origin is "PATH:LINE" (@p path, @p line), as messages name it. */
int ktk_conf_set_at(struct ktk_conf *conf, const char *key, const char *val,
		    int src, const char *path, int line);

/** @brief Parse "KEY=VALUE" and set it. @returns 0, or -1 (KTK_EXIT_USAGE)
 *  when there is no '=' or the key is empty; the message quotes only the
 *  name-like start of @p kv, never what may be a value. */
int ktk_conf_set_kv(struct ktk_conf *conf, const char *kv, int src,
		    const char *origin, struct ktk_err *err);

/** @brief The value of @p key, or NULL. */
const char *ktk_conf_get(const struct ktk_conf *conf, const char *key);

/** @brief The entry of @p key, or NULL. */
const struct ktk_conf_ent *ktk_conf_find(const struct ktk_conf *conf,
					  const char *key);

/** @brief Remove @p key. @returns 1 if it was there. */
int ktk_conf_unset(struct ktk_conf *conf, const char *key);

/** @brief Load a Java .properties file into @p conf with source @p src.
 *  @returns 0, or -1 (KTK_EXIT_CONFIG) naming the file and line. */
int ktk_conf_load_props(struct ktk_conf *conf, const char *path, int src,
			struct ktk_err *err);

/** @brief Whether the value of @p key must never be shown: any key whose
 *  name holds password, passwd, secret, passphrase, private.key, token,
 *  credential, user.info or jaas (any case, any prefix), and ssl.key.pem,
 *  ssl.keystore.key, ssl_key and sasl.oauthbearer.config. */
int ktk_conf_is_secret(const char *key);

/** @brief @p ent's value as it may be shown: masked when secret. */
const char *ktk_conf_shown(const struct ktk_conf_ent *ent);

/** @brief Replace with asterisks (in place) every part of @p s that
 *  quotes a part of a secret value of @p conf, wherever it appears: the
 *  whole value when it is shorter than 6 bytes, else any run of at least
 *  half of it, 4 to 6 bytes (6 for values of 12 bytes or more). For
 *  JAAS and OAUTHBEARER config strings the secret parts are the option
 *  values. Values of 1 or 2 bytes are not masked. */
void ktk_conf_mask_in(const struct ktk_conf *conf, char *s);

/** @brief ktk_conf_mask_in() with @p conf as a const void *, for
 *  ktk_err_mask_set(). */
void ktk_conf_mask_cb(const void *conf, char *s);

/** @brief Print "key=value  (origin)" lines sorted by key (the origin:
 *  "-X", "FILE:LINE", "KTK_BOOTSTRAP_SERVER", "default", ...), secrets
 *  masked. */
void ktk_conf_dump(const struct ktk_conf *conf, FILE *out, const char *prefix);

#endif
