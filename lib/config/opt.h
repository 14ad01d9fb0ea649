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

#include <stddef.h>
#include <stdint.h>
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
	const char *choices;  /* comma-separated: for KTK_ARG_ENUM the values
			       * allowed (checked here); for other kinds the
			       * values the completions offer (a value ending
			       * in = @ or - starts one), not checked */
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
	 "Set a client property (librdkafka or Java spelling); repeatable. "     \
	 "As in kcat, -X list prints librdkafka's properties and -X dump the "     \
	 "configuration the rest of the command line would use (each value's "    \
	 "source, secrets masked); both exit 0.", "list,dump", KTK_OPT_REPEAT}

#define KTK_OPT_CONFIG_FILE(longname)                                          \
	{KTK_OPT_CONFIG, 'F', longname, KTK_ARG_FILE, "FILE",                      \
	 "ktk's own config file (default: $KTK_CONFIG or ~/.config/ktk/config).",  \
	 NULL, 0}

#define KTK_OPTS_BROKER_REST                                                   \
	{KTK_OPT_CLUSTER, 0, "cluster", KTK_ARG_STR, "NAME",                       \
	 "Use the named cluster of the config file (or $KTK_CLUSTER).", NULL, 0},  \
	{KTK_OPT_DEBUG, 'd', "debug", KTK_ARG_STR, "CONTEXTS",                     \
	 "Enable librdkafka debug contexts (e.g. broker,topic,msg or all), as "    \
	 "kcat -d does.", NULL, 0}

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
	/* -X list (kcat's): prints the client library's properties and
	 * exits 0; NULL where -X list is refused */
	void (*conf_list)(FILE *out);
	/* whether main() prints -X dump (ktk_opt_dump_exit()); where it does
	 * not, -X dump is refused */
	int conf_dump;
};

/** @brief What the common options set. */
struct ktk_common {
	struct ktk_conf client;     /* client properties, with their sources */
	const char *config_file;    /* -F */
	const char *cluster;        /* --cluster */
	const char *command_config; /* --command-config */
	const char *debug;          /* --debug */
	int conf_dump;              /* -X dump: print the configuration, exit */
	int verbosity;              /* 0 quiet, 1 normal, 2+ verbose */
	char notes[512];            /* lines for stderr: Kafka names used */
};

/** @brief Called for each option of the binary's own.
 *  @returns 0, or -1 with @p err set (usually KTK_EXIT_USAGE). */
typedef int (*ktk_opt_cb)(void *ctx, int id, const char *arg,
			  struct ktk_err *err);

/* One message per kind of mistake, the same words in every binary (each
 * returns -1 with @p err set, KTK_EXIT_USAGE):
 *   FLAG: 'ARG' is not a number
 *   FLAG: 'ARG' is out of range (MIN..MAX)
 *   FLAG: 'ARG' is not one of: A, B, C        (enum options, checked here)
 *   A and B cannot be used together
 *   WHAT is required (see --help)   /   WHAT is required with WITH
 * A file that cannot be read is "PATH: REASON" (exit 66 for input,
 * 78 for a configuration file). */

/** @brief Parse @p arg, the value of @p flag ("--partition"), as an
 *  integer in [@p min, @p max]. */
int ktk_opt_i64(const char *flag, const char *arg, int64_t min, int64_t max,
		int64_t *out, struct ktk_err *err);

/** @brief ktk_opt_i64() for an int32. */
int ktk_opt_i32(const char *flag, const char *arg, int32_t min, int32_t max,
		int32_t *out, struct ktk_err *err);

/** @brief "A and B cannot be used together". */
int ktk_opt_conflict(struct ktk_err *err, const char *a, const char *b);

/** @brief "WHAT is required (see --help)", or "WHAT is required with
 *  WITH" when @p with is not NULL. */
int ktk_opt_required(struct ktk_err *err, const char *what, const char *with);

/** @brief The long name of option @p id in @p opts ("?" when none). */
const char *ktk_opt_name(const struct ktk_opt *opts, int id);

/** @brief For a binary whose options are actions (ktk-topics, ktk-groups):
 *  the long name of the option of @p action, one bit of the @p n bits
 *  whose options @p action_ids lists (bit k: action_ids[k]); "?" when
 *  none. */
const char *ktk_opt_action_name(const struct ktk_opt *opts,
				const int *action_ids, size_t n,
				unsigned action);

/** @brief That every option given goes with the one @p action: for each
 *  id 1..@p count-1 with @p seen[id] and a mask @p allowed[id] (0: any
 *  action), the action's bit must be in it. @p action_ids and @p n as for
 *  ktk_opt_action_name(). @returns 0, or -1 (KTK_EXIT_USAGE) "--OPT can't
 *  be used with --ACTION" for the first that does not. */
int ktk_opt_check_action(const struct ktk_opt *opts, const int *seen,
			 const unsigned *allowed, int count, unsigned action,
			 const int *action_ids, size_t n, struct ktk_err *err);

/* Options that only store what they are given, listed once beside the
 * option table instead of a case each in the callback: a flag stores 1
 * into an int member, an option with a value stores its text into a
 * `const char *` member of the binary's context (the macros check the
 * member's type). The list ends with {0}. */
struct ktk_opt_store {
	int id;       /* the option's id */
	int flag;     /* 1: int member set to 1; 0: const char * member */
	size_t at;    /* offsetof the member in the context */
};
#define KTK_OPT_STORE_FLAG(id, type, member)                                   \
	{(id), 1, offsetof(type, member) + 0 * sizeof(((type *)0)->member = 1)}
#define KTK_OPT_STORE_TEXT(id, type, member)                                   \
	{(id), 0,                                                              \
	 offsetof(type, member) + 0 * sizeof(((type *)0)->member = (const char *)0)}

/** @brief Store @p arg (or 1) as @p t says for option @p id.
 *  @returns 1 when @p t lists @p id, 0 when it does not. */
int ktk_opt_store(const struct ktk_opt_store *t, void *ctx, int id,
		  const char *arg);

/** @brief Parse argv against the table. Common options fill @p common
 *  (initialised here), others go to @p cb. On return *@p first_arg is the
 *  index of the first positional argument.
 *  Long options are taken by their exact names only (as Kafka's scripts
 *  take them): an abbreviation is an unknown option, reported with the
 *  options it may have meant ("did you mean --from-beginning?"). Kafka's
 *  spellings that only rename one of ours (--broker-list for
 *  --bootstrap-server, --whitelist for --include, kafka-console-producer's
 *  --timeout for --linger-ms) are accepted, with a line in
 *  @p common->notes.
 *  @returns 0 to go on, 1 when --help, --version or --ktk-emit printed and
 *  the binary should exit 0, -1 with @p err set (exit status in err->code). */
int ktk_opt_parse(const struct ktk_cmd_desc *cmd, int argc, char **argv,
		  struct ktk_common *common, ktk_opt_cb cb, void *ctx,
		  int *first_arg, struct ktk_err *err);

/** @brief Take the optional value of the long option --@p name out of
 *  @p argv before getopt sees it, as jopt-simple's optional arguments are
 *  given (kafka-consumer-groups' --state and --type): "--name=VALUE" (the
 *  word is cut at its '='), or "--name VALUE" when the next word does not
 *  start with '-' (that word is removed and *@p argc decremented). Words
 *  after "--" are left alone. @returns the value of the last occurrence,
 *  or NULL when none has one. */
const char *ktk_opt_take_optional(int *argc, char **argv, const char *name);

/** @brief For a binary's main() (cmd/ only, like ktk_die()): sets the
 *  program name, parses with ktk_opt_parse(), prints its notes as
 *  "prog: note: ..." (not with -q), exits 0 after --help,
 *  --version or --ktk-emit and with the error's status on an error.
 *  @returns the index of the first positional argument. */
int ktk_opt_main(const struct ktk_cmd_desc *cmd, int argc, char **argv,
		 struct ktk_common *common, ktk_opt_cb cb, void *ctx);

/** @brief For cmd/ (like ktk_die()), for -X dump: print @p conf, the
 *  client configuration the command line would use, with ktk_conf_dump()
 *  (sorted, each value's source, secrets masked) on stdout, release
 *  @p common and exit 0 (1 when stdout cannot be written). */
void ktk_opt_dump_exit(struct ktk_common *common, const struct ktk_conf *conf)
	__attribute__((noreturn));

/** @brief For cmd/ (like ktk_die()): print the lines of @p common->notes
 *  as "prog: note: ..." on stderr (not with -q) and empty it. */
void ktk_common_notes(struct ktk_common *common);

/** @brief Print --help to @p out. */
void ktk_opt_help(const struct ktk_cmd_desc *cmd, FILE *out);

/** @brief Print a generated document ("man-options", "man-exit", "bash",
 *  "zsh", "fish", "help") for @p cmd. @returns 0, -1 for an unknown kind. */
int ktk_opt_emit(const struct ktk_cmd_desc *cmd, const char *what, FILE *out);

/** @brief Release what ktk_opt_parse() allocated in @p common. */
void ktk_common_free(struct ktk_common *common);

#endif
