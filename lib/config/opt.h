/* SPDX-License-Identifier: Apache-2.0 */
/* opt.h -- the option-table engine.
 *
 * Each binary declares its options once, as an array of struct ktk_opt.
 * That one table drives getopt_long, --help, the OPTIONS section of the man
 * page and the bash, zsh and fish completions (through the hidden flag
 * --ktk-emit=help|man-options|man-exit|bash|zsh|fish), so they cannot drift.
 * Options every broker-facing binary shares come from KTK_OPTS_BROKER and
 * are handled here, into struct ktk_common; the rest go to the binary's
 * callback with the id it gave them.
 */
#ifndef KTK_CONFIG_OPT_H
#define KTK_CONFIG_OPT_H

#include <stdio.h>

#include "lib/config/conf.h"
#include "lib/base/err.h"

enum ktk_argtype {
	KTK_ARG_NONE,  /* a flag */
	KTK_ARG_STR,   /* free text */
	KTK_ARG_INT,   /* a number (checked by the callback) */
	KTK_ARG_FILE,  /* a file name (completed as a file) */
	KTK_ARG_ENUM,  /* one of .choices (checked here) */
	KTK_ARG_TOPIC, /* a topic name (completed from the cluster) */
	KTK_ARG_GROUP, /* a consumer group id (completed from the cluster) */
	KTK_ARG_KV,    /* KEY=VALUE */
};

#define KTK_OPT_REPEAT 0x1 /* may be given more than once */
#define KTK_OPT_HIDDEN 0x2 /* not in --help, man page or completions */

struct ktk_opt {
	int id;               /* passed to the callback; ids >= 1000 are ours */
	int shortopt;         /* 0 for none */
	const char *name;     /* long name without "--"; NULL ends the table */
	enum ktk_argtype arg; /* what the value is */
	const char *argname;  /* the value's name in help ("N", "FILE") */
	const char *help;     /* one or more sentences */
	const char *choices;  /* comma-separated, for KTK_ARG_ENUM */
	unsigned flags;       /* KTK_OPT_* */
};

/* Ids of the options handled by the engine itself. */
enum ktk_common_id {
	KTK_OPT_BOOTSTRAP = 1000,
	KTK_OPT_COMMAND_CONFIG,
	KTK_OPT_COMMAND_PROPERTY,
	KTK_OPT_CONFIG,
	KTK_OPT_CLUSTER,
	KTK_OPT_DEBUG,
	KTK_OPT_VERBOSE,
	KTK_OPT_QUIET,
	KTK_OPT_HELP,
	KTK_OPT_VERSION,
	KTK_OPT_EMIT,
};

/* Options of every broker-facing binary. A binary whose own --config
 * means something else (ktk-topics) builds the list from the parts and
 * gives ktk's config file another long name with KTK_OPT_CONFIG_FILE. */
#define KTK_OPTS_BROKER_CONN                                                   \
	{KTK_OPT_BOOTSTRAP, 'b', "bootstrap-server", KTK_ARG_STR, "HOST:PORT,...", \
	 "Brokers to connect to (default: from the config file, "                  \
	 "KTK_BOOTSTRAP_SERVER, or localhost:9092).",                              \
	 NULL, 0},                                                                 \
	{KTK_OPT_COMMAND_CONFIG, 0, "command-config", KTK_ARG_FILE, "FILE",        \
	 "Read client properties from a Java-style .properties FILE.", NULL, 0},   \
	{KTK_OPT_COMMAND_PROPERTY, 'X', "command-property", KTK_ARG_KV,            \
	 "KEY=VALUE",                                                              \
	 "Set a client property (librdkafka or Java spelling); repeatable.", NULL, \
	 KTK_OPT_REPEAT}

#define KTK_OPT_CONFIG_FILE(longname)                                          \
	{KTK_OPT_CONFIG, 'F', longname, KTK_ARG_FILE, "FILE",                      \
	 "ktk's own config file (default: $KTK_CONFIG or ~/.config/ktk/config).",  \
	 NULL, 0}

#define KTK_OPTS_BROKER_REST                                                   \
	{KTK_OPT_CLUSTER, 0, "cluster", KTK_ARG_STR, "NAME",                       \
	 "Use the named cluster of the config file (or $KTK_CLUSTER).", NULL, 0},  \
	{KTK_OPT_DEBUG, 0, "debug", KTK_ARG_STR, "CONTEXTS",                       \
	 "Enable librdkafka debug contexts (e.g. broker,topic,msg or all).", NULL, \
	 0}

#define KTK_OPTS_BROKER                                                        \
	KTK_OPTS_BROKER_CONN, KTK_OPT_CONFIG_FILE("config"), KTK_OPTS_BROKER_REST

/* Options of every binary. */
#define KTK_OPTS_BASE                                                          \
	{KTK_OPT_VERBOSE, 'v', "verbose", KTK_ARG_NONE, NULL,                      \
	 "More detail on stderr; repeatable.", NULL, KTK_OPT_REPEAT},              \
	{KTK_OPT_QUIET, 'q', "quiet", KTK_ARG_NONE, NULL,                          \
	 "Print nothing on stderr but errors.", NULL, 0},                          \
	{KTK_OPT_HELP, 'h', "help", KTK_ARG_NONE, NULL,                            \
	 "Print this help and exit.", NULL, 0},                                    \
	{KTK_OPT_VERSION, 'V', "version", KTK_ARG_NONE, NULL,                      \
	 "Print versions and features and exit.", NULL, 0},                        \
	{KTK_OPT_EMIT, 0, "ktk-emit", KTK_ARG_ENUM, "WHAT",                        \
	 "Print generated documentation.",                                         \
	 "help,man-options,man-exit,bash,zsh,fish", KTK_OPT_HIDDEN},               \
	{0, 0, NULL, 0, NULL, NULL, NULL, 0}

/** @brief What a binary is: for the parser, --help and the generators. */
struct ktk_cmd_desc {
	const char *name;      /* "ktk-producer" */
	const char *summary;   /* one line, starts lower case, no period */
	const char *usage;     /* after the name: "[OPTION]... [FILE]..." */
	const struct ktk_opt *opts;
	/* Prints the version lines after ktk's own (library versions). */
	void (*version)(FILE *out);
	/* For bash completion of positional arguments: "file" or "" */
	const char *positional;
};

/** @brief What the common options set. */
struct ktk_common {
	struct ktk_conf client;     /* client properties, with their sources */
	const char *config_file;    /* -F */
	const char *cluster;        /* --cluster */
	const char *command_config; /* --command-config */
	const char *debug;          /* --debug */
	int verbosity;              /* 0 quiet, 1 normal, 2+ verbose */
};

/** @brief Called for each option of the binary's own.
 *  @returns 0, or -1 with @p err set (usually KTK_EXIT_USAGE). */
typedef int (*ktk_opt_cb)(void *ctx, int id, const char *arg,
			  struct ktk_err *err);

/** @brief Parse argv against the table. Common options fill @p common
 *  (initialised here), others go to @p cb. On return *@p first_arg is the
 *  index of the first positional argument.
 *  @returns 0 to go on, 1 when --help, --version or --ktk-emit printed and
 *  the binary should exit 0, -1 with @p err set (exit status in err->code). */
int ktk_opt_parse(const struct ktk_cmd_desc *cmd, int argc, char **argv,
		  struct ktk_common *common, ktk_opt_cb cb, void *ctx,
		  int *first_arg, struct ktk_err *err);

/** @brief For a binary's main() (cmd/ only, like ktk_die()): sets the
 *  program name, parses with ktk_opt_parse(), exits 0 after --help,
 *  --version or --ktk-emit and with the error's status on an error.
 *  @returns the index of the first positional argument. */
int ktk_opt_main(const struct ktk_cmd_desc *cmd, int argc, char **argv,
		 struct ktk_common *common, ktk_opt_cb cb, void *ctx);

/** @brief Print --help to @p out. */
void ktk_opt_help(const struct ktk_cmd_desc *cmd, FILE *out);

/** @brief Print a generated document ("man-options", "man-exit", "bash",
 *  "zsh", "fish", "help") for @p cmd. @returns 0, -1 for an unknown kind. */
int ktk_opt_emit(const struct ktk_cmd_desc *cmd, const char *what, FILE *out);

/** @brief Release what ktk_opt_parse() allocated in @p common. */
void ktk_common_free(struct ktk_common *common);

#endif
