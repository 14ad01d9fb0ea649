/* SPDX-License-Identifier: Apache-2.0 */
/* settings.h -- gather a binary's client configuration from every source.
 *
 * Precedence, highest first (see conf.h):
 *   1. flags: -b, -X/--command-property, --debug and tool flags;
 *   2. environment: KTK_BOOTSTRAP_SERVER;
 *   3. ktk's config file (-F, $KTK_CONFIG, $XDG_CONFIG_HOME/ktk/config or
 *      ~/.config/ktk/config; when none of these is there, kcat's:
 *      $KCAT_CONFIG or ~/.config/kcat.conf): top-level properties, then those of the
 *      selected cluster section ([NAME], chosen by --cluster, $KTK_CLUSTER
 *      or the file's own "cluster = NAME" line);
 *      but when --cluster or -F is typed on the command line, the file's
 *      bootstrap.servers beats KTK_BOOTSTRAP_SERVER: what the user typed
 *      wins. With -v, a note in c->notes says which address was used when
 *      the two disagree;
 *   4. .properties files: --command-config and the tools' own
 *      (--producer.config, --consumer.config);
 *   5. defaults: bootstrap.servers=localhost:9092.
 * Then Java spellings are translated (java_client.h).
 */
#ifndef KTK_CONFIG_SETTINGS_H
#define KTK_CONFIG_SETTINGS_H

#include "lib/config/opt.h"

/** @brief Load every source into @p c->client and translate Java
 *  properties. @p dropped receives keys dropped by the translation; the
 *  caller prints @p c->notes with ktk_common_notes().
 *  @returns 0, or -1 with @p err set (KTK_EXIT_CONFIG). */
int ktk_settings_resolve(struct ktk_common *c, char *dropped,
			 size_t dropped_size, struct ktk_err *err);

/** @brief Load ktk's config file @p path into @p conf: top-level
 *  properties and the section of @p cluster (NULL: the file's default).
 *  @returns 0, or -1 with @p err set. */
int ktk_settings_load_file(struct ktk_conf *conf, const char *path,
			   const char *cluster, struct ktk_err *err);

#endif
