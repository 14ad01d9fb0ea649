/* SPDX-License-Identifier: Apache-2.0 */
/* kcat.c -- what kcat's flags are here; see kcat.h. */
#include "lib/config/kcat.h"

#include <stddef.h>

static const struct {
	int letter;
	int tool; /* -1: both */
	const char *say; /* NULL: nothing to do */
} flags[] = {
	{'C', KTK_KCAT_CONSUMER, NULL},
	{'P', KTK_KCAT_PRODUCER, NULL},
	{'E', -1, NULL}, /* ktk goes on after errors it can get past */
	{'O', KTK_KCAT_CONSUMER, NULL}, /* a no-op in kcat since 2015 */
	{'C', KTK_KCAT_PRODUCER, "-C: kcat's consume mode; use ktk-consumer"},
	{'P', KTK_KCAT_CONSUMER, "-P: kcat's produce mode; use ktk-producer"},
	{'G', KTK_KCAT_PRODUCER,
	 "-G: kcat's group consumer; use ktk-consumer -G GROUP TOPIC..."},
	{'L', -1, "-L: kcat's metadata list; use ktk-topics --describe (or "
		  "--list)"},
	{'Q', -1, "-Q: kcat's offsets for times; use ktk-topics -Q -t "
		  "TOPIC[:PARTITION]:TIME"},
	{'M', -1, "-M: kcat's mock cluster; use ktk-mock --brokers N"},
	{'m', KTK_KCAT_CONSUMER,
	 "-m: kcat's metadata timeout has no flag here (the cluster must "
	 "answer within 10 s); for an idle exit use --timeout-ms MS"},
	{'m', KTK_KCAT_PRODUCER,
	 "-m: kcat's metadata timeout has no flag here; to give up "
	 "delivering use --delivery-timeout-ms MS"},
	{'l', KTK_KCAT_PRODUCER,
	 "-l: give the file as an argument: ktk-producer -t TOPIC FILE "
	 "(split like stdin; --input-format raw makes it one record)"},
	{'s', -1, "-s: kcat's deserializers are not supported; print bytes "
		  "with -f '%{key:hex} %{value:hex}' or -J"},
	{'r', -1, "-r: schema registries are not supported yet"},
};

int ktk_kcat_flag(int tool, int letter, const char *arg, struct ktk_err *err)
{
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (flags[i].letter != letter ||
		    (flags[i].tool != -1 && flags[i].tool != tool))
			continue;
		if (flags[i].say == NULL)
			return 0;
		return ktk_err_set(err, KTK_EXIT_USAGE, "%s", flags[i].say);
	}
	return ktk_err_set(err, KTK_EXIT_USAGE, "-%c: kcat's flag has no "
						"meaning here (see --help)",
			   letter);
}
