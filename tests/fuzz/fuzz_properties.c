/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_properties -- Java .properties text (lib/config/properties.c), with
 * and without [sections], and ktk's config file (lib/config/settings.c):
 * the input is parsed from memory, then written to a file in the target's
 * private directory and loaded by ktk_conf_load_props() and by
 * ktk_settings_load_file() for the file's default cluster and for the
 * cluster named by the first line. Loaded values are masked in a copy of
 * the input (ktk_conf_mask_in) and dumped to /dev/null. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config/conf.h"
#include "lib/config/properties.h"
#include "lib/config/settings.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(void *ctx, const char *key, const char *val, int line,
		 struct ktk_err *err)
{
	(void)err;
	if (val == NULL || line < 1)
		abort();
	*(size_t *)ctx += (key ? strlen(key) : 0) + strlen(val);
	return 0;
}

static void use(struct ktk_conf *conf, const uint8_t *data, size_t size)
{
	static FILE *null;
	char *s = fz_str(data, size);

	if (null == NULL)
		null = fopen("/dev/null", "w");
	ktk_conf_mask_in(conf, s);
	if (strlen(s) > size)
		abort();
	ktk_conf_dump(conf, null, "  ");
	free(s);
	ktk_conf_free(conf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ktk_conf conf;
	struct ktk_err err;
	size_t total = 0;
	char cluster[64];
	const char *path;
	size_t i;

	if (size > 16384)
		return 0;
	ktk_properties_parse((const char *)data, size, 0, count, &total, &err);
	ktk_properties_parse((const char *)data, size, KTK_PROPERTIES_SECTIONS,
			     count, &total, &err);
	fz_write("props", data, size);
	path = fz_path("props");
	ktk_conf_init(&conf);
	ktk_conf_load_props(&conf, path, KTK_SRC_PROPS, &err);
	use(&conf, data, size);
	ktk_conf_init(&conf);
	ktk_settings_load_file(&conf, path, NULL, &err);
	use(&conf, data, size);
	for (i = 0; i < size && i < sizeof(cluster) - 1 && data[i] != '\n'; i++)
		cluster[i] = data[i] ? (char)data[i] : 'x';
	cluster[i] = '\0';
	ktk_conf_init(&conf);
	ktk_settings_load_file(&conf, path, cluster, &err);
	use(&conf, data, size);
	return 0;
}
