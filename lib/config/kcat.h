/* SPDX-License-Identifier: Apache-2.0 */
/* kcat.h -- kcat's flags that ktk-producer and ktk-consumer spell or do
 * otherwise: each is a hidden row of the binary's option table
 * (KTK_KCAT_FLAG), and ktk_kcat_flag() says what it is here: nothing to
 * do (kcat's mode flag of this very tool, -E, -O), or one line naming
 * what to type instead (exit 64).
 */
#ifndef KTK_CONFIG_KCAT_H
#define KTK_CONFIG_KCAT_H

#include "lib/base/err.h"
#include "lib/config/opt.h"

/* option ids of kcat's flags: KTK_KCAT_ID + the letter (below the
 * engine's own ids) */
#define KTK_KCAT_ID 500

/* a hidden option-table row for kcat's flag LETTER ("C" and 'C') */
#define KTK_KCAT_FLAG(letter, ch, arg)                                         \
	{KTK_KCAT_ID + (ch), (ch), "kcat-" letter, (arg), "ARG",                  \
	 "kcat's -" letter ".", NULL, KTK_OPT_HIDDEN}

/* the rows of kcat's flags that both the producer and the consumer take
 * (each adds its own after them) */
#define KTK_KCAT_FLAGS_COMMON                                                  \
	KTK_KCAT_FLAG("C", 'C', KTK_ARG_NONE),                                 \
	    KTK_KCAT_FLAG("P", 'P', KTK_ARG_NONE),                             \
	    KTK_KCAT_FLAG("L", 'L', KTK_ARG_NONE),                             \
	    KTK_KCAT_FLAG("Q", 'Q', KTK_ARG_NONE),                             \
	    KTK_KCAT_FLAG("E", 'E', KTK_ARG_NONE),                             \
	    KTK_KCAT_FLAG("M", 'M', KTK_ARG_STR),                              \
	    KTK_KCAT_FLAG("m", 'm', KTK_ARG_STR)

/* the tool a kcat flag is met in */
enum ktk_kcat_tool {
	KTK_KCAT_PRODUCER,
	KTK_KCAT_CONSUMER,
};

/** @brief kcat's flag @p letter (with @p arg, or NULL) given to @p tool.
 *  @returns 0 when it means nothing to do here, or -1 with @p err set
 *  (KTK_EXIT_USAGE): what to type instead, in one line. */
int ktk_kcat_flag(int tool, int letter, const char *arg, struct ktk_err *err);

#endif
