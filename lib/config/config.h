/* SPDX-License-Identifier: Apache-2.0 */
/* config.h -- what a command line and its files say: the option tables that
 * drive getopt_long, --help, man pages and completions; Java .properties
 * files; the translation of Java client properties to librdkafka's; the
 * ordered configuration set with its precedence and secret masking; the
 * settings gathered from every source; offset specs (-o, -e) and topic specs
 * (filters, replica assignments, configs); kcat's flags that mean something
 * else here. It builds on lib/base/ only. */
#ifndef KTK_CONFIG_CONFIG_H
#define KTK_CONFIG_CONFIG_H

#include "lib/config/opt.h"
#include "lib/config/properties.h"
#include "lib/config/java_client.h"
#include "lib/config/conf.h"
#include "lib/config/settings.h"
#include "lib/config/offset_spec.h"
#include "lib/config/topic_spec.h"
#include "lib/config/kcat.h"

#endif
