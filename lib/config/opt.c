/* SPDX-License-Identifier: Apache-2.0 */
/* opt.c -- the option-table engine; see opt.h.
 *
 * From one struct ktk_opt table it builds getopt_long's short string and
 * long table, and writes --help, the man page OPTIONS and EXIT STATUS
 * sections and the bash, zsh and fish completions.
 */
#include "lib/config/opt.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/number.h"
#include "lib/base/record.h"
#include "lib/base/version.h"

static size_t opt_count(const struct ktk_opt *opts)
{
	size_t n = 0;

	while (opts[n].name != NULL)
		n++;
	return n;
}

static int choice_ok(const char *choices, const char *v)
{
	size_t len = strlen(v);
	const char *p = choices;

	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n == len && strncmp(p, v, n) == 0)
			return 1;
		p += n + (e ? 1 : 0);
	}
	return 0;
}

/* "a,b,c" -> "a, b, c" (for messages and help) */
static void choices_list(const char *choices, const char *sep, char *buf,
			 size_t size)
{
	size_t o = 0;
	const char *p;

	for (p = choices; *p && o + 4 < size; p++) {
		if (*p == ',') {
			size_t l = strlen(sep);
			if (o + l + 1 >= size)
				break;
			memcpy(buf + o, sep, l);
			o += l;
		} else {
			buf[o++] = *p;
		}
	}
	buf[o] = '\0';
}

/* Documents go out in one write at exit (ktk_close_stdout), so that a
 * failure is reported once, with its reason. Nothing was written yet. */
static void full_buffer(void)
{
	static char buf[1 << 16];

	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
}

static int handle_common(const struct ktk_cmd_desc *cmd, struct ktk_common *c,
			 const struct ktk_opt *o, const char *arg,
			 struct ktk_err *err)
{
	switch (o->id) {
	case KTK_OPT_BOOTSTRAP:
		if (*arg == '\0')
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--bootstrap-server: empty address");
		ktk_conf_set(&c->client, "bootstrap.servers", arg, KTK_SRC_FLAG,
			     "--bootstrap-server");
		return 0;
	case KTK_OPT_COMMAND_CONFIG:
		c->command_config = arg;
		return 0;
	case KTK_OPT_COMMAND_PROPERTY:
		/* kcat's -X list and -X dump */
		if (strcmp(arg, "list") == 0) {
			if (cmd->conf_list == NULL)
				return ktk_err_set(err, KTK_EXIT_USAGE,
						   "-X list: %s has no client "
						   "library", cmd->name);
			full_buffer();
			cmd->conf_list(stdout);
			return 1;
		}
		if (strcmp(arg, "dump") == 0) {
			if (!cmd->conf_dump)
				return ktk_err_set(
					err, KTK_EXIT_USAGE,
					"-X dump: %s does not print its "
					"configuration (ktk-producer -X dump "
					"and ktk-consumer -X dump do)",
					cmd->name);
			c->conf_dump = 1;
			return 0;
		}
		return ktk_conf_set_kv(&c->client, arg, KTK_SRC_FLAG,
				       o->shortopt ? "-X" : "--command-property",
				       err);
	case KTK_OPT_CONFIG:
		c->config_file = arg;
		return 0;
	case KTK_OPT_CLUSTER:
		c->cluster = arg;
		return 0;
	case KTK_OPT_DEBUG:
		c->debug = arg;
		ktk_conf_set(&c->client, "debug", arg, KTK_SRC_FLAG, "--debug");
		return 0;
	case KTK_OPT_VERBOSE:
		c->verbosity = c->verbosity < 1 ? 2 : c->verbosity + 1;
		return 0;
	case KTK_OPT_QUIET:
		c->verbosity = 0;
		return 0;
	case KTK_OPT_HELP:
		full_buffer();
		ktk_opt_help(cmd, stdout);
		return 1;
	case KTK_OPT_VERSION:
		full_buffer();
		printf("%s %s\n", cmd->name, KTK_VERSION);
		if (cmd->version)
			cmd->version(stdout);
		return 1;
	case KTK_OPT_EMIT:
		full_buffer();
		ktk_opt_emit(cmd, arg, stdout);
		return 1;
	}
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "unhandled option --%s",
			   o->name);
}

/* ---- one message per kind of mistake -------------------------------- */

int ktk_opt_i64(const char *flag, const char *arg, int64_t min, int64_t max,
		int64_t *out, struct ktk_err *err)
{
	const char *why;
	char q[64];

	if (ktk_number_parse_i64(arg, min, max, out, &why) == 0)
		return 0;
	ktk_record_quote(arg, strlen(arg), q, sizeof(q));
	if (strncmp(why, "out of range", 12) == 0)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "%s: '%s' is out of range (%lld..%lld)", flag,
				   q, (long long)min, (long long)max);
	return ktk_err_set(err, KTK_EXIT_USAGE, "%s: '%s' is not a number",
			   flag, q);
}

int ktk_opt_i32(const char *flag, const char *arg, int32_t min, int32_t max,
		int32_t *out, struct ktk_err *err)
{
	int64_t v;

	if (ktk_opt_i64(flag, arg, min, max, &v, err) == -1)
		return -1;
	*out = (int32_t)v;
	return 0;
}

int ktk_opt_conflict(struct ktk_err *err, const char *a, const char *b)
{
	return ktk_err_set(err, KTK_EXIT_USAGE,
			   "%s and %s cannot be used together", a, b);
}

int ktk_opt_required(struct ktk_err *err, const char *what,
		     const char *with)
{
	if (with != NULL)
		return ktk_err_set(err, KTK_EXIT_USAGE, "%s is required with %s",
				   what, with);
	return ktk_err_set(err, KTK_EXIT_USAGE, "%s is required (see --help)",
			   what);
}

/* ---- a binary's own table --------------------------------------------- */

const char *ktk_opt_name(const struct ktk_opt *opts, int id)
{
	for (; opts->name; opts++)
		if (opts->id == id)
			return opts->name;
	return "?";
}

const char *ktk_opt_action_name(const struct ktk_opt *opts,
				const int *action_ids, size_t n,
				unsigned action)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (action == 1u << i)
			return ktk_opt_name(opts, action_ids[i]);
	return "?";
}

int ktk_opt_check_action(const struct ktk_opt *opts, const int *seen,
			 const unsigned *allowed, int count, unsigned action,
			 const int *action_ids, size_t n, struct ktk_err *err)
{
	int i;

	for (i = 1; i < count; i++)
		if (seen[i] && allowed[i] && !(allowed[i] & action))
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--%s can't be used with --%s",
					   ktk_opt_name(opts, i),
					   ktk_opt_action_name(opts, action_ids,
							       n, action));
	return 0;
}

int ktk_opt_store(const struct ktk_opt_store *t, void *ctx, int id,
		  const char *arg)
{
	for (; t->id; t++)
		if (t->id == id) {
			char *m = (char *)ctx + t->at;

			if (t->flag)
				memcpy(m, &(int){1}, sizeof(int));
			else
				memcpy(m, &arg, sizeof(arg));
			return 1;
		}
	return 0;
}

/* ---- exact long names, renames and suggestions -------------------- */

/* Kafka's spellings that are only other names of ktk's options: accepted
 * where the binary has the new name and not the old one, with a note. A
 * NULL note accepts silently (ktk's own other spelling). */
static const struct {
	const char *old, *new, *note;
} renames[] = {
	{"broker-list", "bootstrap-server", "an old name of"},
	{"whitelist", "include", "an old name of"},
	{"timeout", "linger-ms", "kafka-console-producer's name for"},
	{"ktk-config", "config", NULL},
	/* one meaning per name: the consumer's --timeout-ms is Kafka's idle
	 * exit, the producer's delivery timeout was named so too */
	{"timeout-ms", "delivery-timeout-ms", "ktk-producer's old name for"},
	{NULL, NULL, NULL},
};

static const struct ktk_opt *find_long(const struct ktk_opt *opts,
				       const char *name, size_t len)
{
	for (; opts->name; opts++)
		if (strlen(opts->name) == len &&
		    strncmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

/* Optimal string alignment distance (Levenshtein with transpositions) of
 * a[0..n) and b, or a number > max when it is larger than max. */
static size_t distance(const char *a, size_t n, const char *b, size_t max)
{
	size_t m = strlen(b), i, j, d[3][80], *p2 = d[0], *p1 = d[1],
	       *c = d[2], *t;

	if (n >= 80 || m >= 80 || (n > m ? n - m : m - n) > max)
		return max + 1;
	for (j = 0; j <= m; j++)
		p1[j] = j;
	for (i = 1; i <= n; i++) {
		c[0] = i;
		for (j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1], v = p1[j - 1] + cost;

			if (p1[j] + 1 < v)
				v = p1[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && p2[j - 2] + 1 < v)
				v = p2[j - 2] + 1;
			c[j] = v;
		}
		t = p2, p2 = p1, p1 = c, c = t;
	}
	return p1[m];
}

/* "unknown option '--X'" with what was probably meant: the options at the
 * least edit distance (a typo), else those @p name is the start of (ktk
 * takes no abbreviations: Kafka's scripts take none, and a prefix of one
 * of ours may be a Kafka option of another meaning). */
static int unknown_long(const struct ktk_cmd_desc *cmd, const char *arg,
			struct ktk_err *err)
{
	const char *name = arg + 2;
	size_t len = strcspn(name, "="), best = (size_t)-1, nc = 0, i;
	size_t max = len < 4 ? 1 : len < 10 ? 2 : 3;
	const struct ktk_opt *o, *cand[5];
	int prefix = 0;
	char list[300];

	for (o = cmd->opts; o->name; o++) {
		size_t d;

		if (o->flags & KTK_OPT_HIDDEN)
			continue;
		d = distance(name, len, o->name, max);
		if (d <= max && d < best) {
			best = d;
			nc = 0;
		}
		if (d <= max && d == best && nc < 5)
			cand[nc++] = o;
	}
	if (nc == 0 || best > 1) {
		size_t np = 0;

		for (o = cmd->opts; o->name; o++)
			if (!(o->flags & KTK_OPT_HIDDEN) && len > 0 &&
			    strncmp(o->name, name, len) == 0 && np < 5)
				cand[np++] = o;
		if (np > 0) {
			nc = np;
			prefix = 1;
		}
	}
	if (nc == 0)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "unknown option '%.*s' (see --help)",
				   (int)(len + 2), arg);
	list[0] = '\0';
	for (i = 0; i < nc && i < 4; i++) {
		size_t l = strlen(list);

		snprintf(list + l, sizeof(list) - l, "%s--%s",
			 i == 0 ? "" : i + 1 == nc ? " or " : ", ", cand[i]->name);
	}
	if (nc > 4) {
		size_t l = strlen(list);

		snprintf(list + l, sizeof(list) - l, ", ...");
	}
	return ktk_err_set(err, KTK_EXIT_USAGE,
			   "unknown option '%.*s' (did you mean %s?%s)",
			   (int)(len + 2), arg, list,
			   prefix ? " options are never abbreviated" : "");
}

/* The argv element getopt_long took the last long option from. */
static const char *long_elem(char **argv)
{
	if (optarg != NULL && optind >= 2 && optarg == argv[optind - 1])
		return argv[optind - 2];
	return argv[optind - 1];
}

static void add_note(struct ktk_common *c, const char *fmt, const char *a,
		     const char *b, const char *d)
{
	size_t n = strlen(c->notes);

	snprintf(c->notes + n, sizeof(c->notes) - n, fmt, a, b, d);
}

int ktk_opt_parse(const struct ktk_cmd_desc *cmd, int argc, char **argv,
		  struct ktk_common *common, ktk_opt_cb cb, void *ctx,
		  int *first_arg, struct ktk_err *err)
{
	size_t n = opt_count(cmd->opts), i, s = 0, nl;
	size_t nr = sizeof(renames) / sizeof(renames[0]);
	struct option *lopts = calloc(n + nr + 1, sizeof(*lopts));
	const struct ktk_opt *target[sizeof(renames) / sizeof(renames[0])];
	char *sopts = malloc(3 * n + 2);
	int rc = 0;

	memset(common, 0, sizeof(*common));
	ktk_conf_init(&common->client);
	common->verbosity = 1;
	/* no message of this binary shows a secret of its client properties */
	ktk_err_mask_set(ktk_conf_mask_cb, &common->client);
	if (lopts == NULL || sopts == NULL) {
		free(lopts);
		free(sopts);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	sopts[s++] = ':'; /* report a missing value as ':' */
	for (i = 0; i < n; i++) {
		const struct ktk_opt *o = &cmd->opts[i];

		lopts[i].name = o->name;
		lopts[i].has_arg = o->arg == KTK_ARG_NONE ? no_argument
							  : required_argument;
		lopts[i].val = 256 + (int)i;
		if (o->shortopt) {
			sopts[s++] = (char)o->shortopt;
			if (o->arg != KTK_ARG_NONE)
				sopts[s++] = ':';
		}
	}
	sopts[s] = '\0';
	/* Kafka's other names, as hidden long options after the table's */
	nl = n;
	for (i = 0; renames[i].old; i++) {
		const struct ktk_opt *t = find_long(cmd->opts, renames[i].new,
						    strlen(renames[i].new));

		if (t == NULL || find_long(cmd->opts, renames[i].old,
					   strlen(renames[i].old)) != NULL)
			continue;
		target[nl - n] = t;
		lopts[nl].name = renames[i].old;
		lopts[nl].has_arg = t->arg == KTK_ARG_NONE ? no_argument
							   : required_argument;
		lopts[nl].val = 256 + (int)nl;
		nl++;
	}

	opterr = 0;
	optind = 1;
	for (;;) {
		int li = -1, c = getopt_long(argc, argv, sopts, lopts, &li);
		const struct ktk_opt *o = NULL;

		if (c == -1)
			break;
		if (c == '?') {
			const char *el = argv[optind - 1];

			if ((optopt >= 256 || optopt == 0) &&
			    strncmp(el, "--", 2) == 0)
				rc = unknown_long(cmd, el, err);
			else if (optopt >= 256 || optopt == 0)
				rc = ktk_err_set(
					err, KTK_EXIT_USAGE,
					"unknown option '%s' (see --help)",
					el);
			else
				rc = ktk_err_set(
					err, KTK_EXIT_USAGE,
					"unknown option '-%c' (see --help)",
					optopt);
			break;
		}
		if (c == ':') {
			const char *what = argv[optind - 1];
			if (optopt >= 256 && strncmp(what, "--", 2) == 0 &&
			    strcmp(what + 2, lopts[optopt - 256].name) != 0)
				rc = unknown_long(cmd, what, err);
			else if (optopt > 0 && optopt < 256)
				rc = ktk_err_set(err, KTK_EXIT_USAGE,
						 "option '-%c' needs a value",
						 optopt);
			else
				rc = ktk_err_set(err, KTK_EXIT_USAGE,
						 "option '%s' needs a value",
						 what);
			break;
		}
		if (c >= 256) {
			const char *el = long_elem(argv);
			size_t len = strcspn(el + 2, "=");

			/* getopt_long takes a unique prefix: we take none */
			if (strncmp(el, "--", 2) != 0 ||
			    len != strlen(lopts[c - 256].name)) {
				rc = unknown_long(cmd, el, err);
				break;
			}
			if ((size_t)(c - 256) >= n) {
				size_t r;

				o = target[c - 256 - n];
				for (r = 0; renames[r].old; r++)
					if (strcmp(renames[r].old,
						   lopts[c - 256].name) == 0)
						break;
				if (renames[r].note)
					add_note(common,
						 "--%s is %s --%s\n",
						 renames[r].old,
						 renames[r].note,
						 o->name);
			} else {
				o = &cmd->opts[c - 256];
			}
		} else {
			for (i = 0; i < n; i++)
				if (cmd->opts[i].shortopt == c) {
					o = &cmd->opts[i];
					break;
				}
		}
		if (o == NULL) {
			rc = ktk_err_set(err, KTK_EXIT_SOFTWARE,
					 "option table has no entry for %d", c);
			break;
		}
		if (o->arg == KTK_ARG_ENUM && !choice_ok(o->choices, optarg)) {
			char list[256];

			choices_list(o->choices, ", ", list, sizeof(list));
			char q[64];

			ktk_record_quote(optarg, strlen(optarg), q, sizeof(q));
			rc = ktk_err_set(err, KTK_EXIT_USAGE,
					 "--%s: '%s' is not one of: %s", o->name,
					 q, list);
			break;
		}
		if (o->id >= KTK_OPT_BOOTSTRAP)
			rc = handle_common(cmd, common, o, optarg, err);
		else if (cb != NULL)
			rc = cb(ctx, o->id, optarg, err);
		else
			rc = ktk_err_set(err, KTK_EXIT_SOFTWARE,
					 "option --%s not handled", o->name);
		if (rc != 0)
			break;
	}
	*first_arg = optind;
	free(lopts);
	free(sopts);
	return rc;
}

int ktk_opt_main(const struct ktk_cmd_desc *cmd, int argc, char **argv,
		 struct ktk_common *common, ktk_opt_cb cb, void *ctx)
{
	struct ktk_err err = {0};
	int first, rc;

	ktk_prog_set(cmd->name);
	rc = ktk_opt_parse(cmd, argc, argv, common, cb, ctx, &first, &err);
	if (rc != -1)
		ktk_common_notes(common);
	if (rc == 1) {
		ktk_common_free(common);
		ktk_close_stdout(); /* a --help that did not arrive is no success */
		exit(0);
	}
	if (rc == -1)
		ktk_die_err(&err);
	return first;
}

const char *ktk_opt_take_optional(int *argc, char **argv, const char *name)
{
	const char *v = NULL;
	size_t l = strlen(name);
	int i, j;

	for (i = 1; i < *argc; i++) {
		char *w = argv[i];

		if (strcmp(w, "--") == 0)
			break;
		if (strncmp(w, "--", 2) != 0 || strncmp(w + 2, name, l) != 0)
			continue;
		if (w[2 + l] == '=') {
			v = w + 3 + l;
			w[2 + l] = '\0';
		} else if (w[2 + l] == '\0' && i + 1 < *argc &&
			   argv[i + 1][0] != '-') {
			v = argv[i + 1];
			for (j = i + 1; j + 1 < *argc; j++)
				argv[j] = argv[j + 1];
			(*argc)--;
		}
	}
	return v;
}

void ktk_common_notes(struct ktk_common *common)
{
	char *line = common->notes, *e;

	for (; (e = strchr(line, '\n')) != NULL; line = e + 1) {
		*e = '\0';
		if (common->verbosity > 0)
			ktk_warn("note: %s", line);
	}
	common->notes[0] = '\0';
}

void ktk_opt_dump_exit(struct ktk_common *common, const struct ktk_conf *conf)
{
	full_buffer();
	ktk_conf_dump(conf, stdout, "");
	ktk_common_free(common);
	ktk_close_stdout();
	exit(0);
}

void ktk_common_free(struct ktk_common *common)
{
	ktk_conf_free(&common->client);
}

/* ---- --help ---------------------------------------------------------- */

static void wrap(FILE *out, const char *text, int indent, int col, int width)
{
	const char *p = text;

	while (*p) {
		const char *line = p, *brk = NULL, *q;
		int len;

		for (q = p; *q && (q - line) < width - col; q++)
			if (*q == ' ')
				brk = q;
		if (*q == '\0')
			brk = q;
		else if (brk == NULL)
			brk = q;
		len = (int)(brk - line);
		fprintf(out, "%.*s\n", len, line);
		p = brk;
		while (*p == ' ')
			p++;
		if (*p)
			fprintf(out, "%*s", indent, "");
		col = indent;
	}
}

static void opt_left(const struct ktk_opt *o, char *buf, size_t size)
{
	const char *an = o->argname ? o->argname : "VALUE";

	if (o->shortopt && o->arg != KTK_ARG_NONE)
		snprintf(buf, size, "-%c, --%s %s", o->shortopt, o->name, an);
	else if (o->shortopt)
		snprintf(buf, size, "-%c, --%s", o->shortopt, o->name);
	else if (o->arg != KTK_ARG_NONE)
		snprintf(buf, size, "    --%s %s", o->name, an);
	else
		snprintf(buf, size, "    --%s", o->name);
}

static void help_text(const struct ktk_opt *o, char *buf, size_t size)
{
	if (o->arg == KTK_ARG_ENUM && o->choices) {
		char list[256];

		choices_list(o->choices, ", ", list, sizeof(list));
		snprintf(buf, size, "%s One of: %s.", o->help, list);
	} else {
		snprintf(buf, size, "%s", o->help);
	}
}

void ktk_opt_help(const struct ktk_cmd_desc *cmd, FILE *out)
{
	const struct ktk_opt *o;

	fprintf(out, "Usage: %s %s\n", cmd->name, cmd->usage);
	fprintf(out, "%c%s.\n\nOptions:\n",
		cmd->summary[0] >= 'a' && cmd->summary[0] <= 'z'
			? cmd->summary[0] - 'a' + 'A'
			: cmd->summary[0],
		cmd->summary + 1);
	for (o = cmd->opts; o->name; o++) {
		if (ferror(out)) /* stop at the first failed write */
			return;
		char left[128], help[1024];
		int w;

		if (o->flags & KTK_OPT_HIDDEN)
			continue;
		opt_left(o, left, sizeof(left));
		help_text(o, help, sizeof(help));
		w = fprintf(out, "  %s", left);
		if (w > 31) {
			fprintf(out, "\n%*s", 32, "");
			w = 32;
		} else {
			fprintf(out, "%*s", 32 - w, "");
			w = 32;
		}
		wrap(out, help, 32, w, 79);
	}
	fprintf(out, "\nExit status: 0 success, 1 operation failed, 64 bad "
		     "command line,\n65 corrupt data, 66 input not readable, "
		     "69 brokers unreachable,\n70 internal error, 78 bad "
		     "configuration. See %s(1).\n",
		cmd->name);
}

/* ---- man page sections --------------------------------------------- */

static void man_escape(FILE *out, const char *s)
{
	int bol = 1, col = 0;

	for (; *s; s++, col++) {
		if (*s == ' ' && col > 64) { /* keep source lines short */
			fputc('\n', out);
			bol = 1;
			col = -1;
			continue;
		}
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else if (bol && (*s == '.' || *s == '\''))
			fprintf(out, "\\&%c", *s);
		else
			fputc(*s, out);
		bol = 0;
	}
}

static void emit_man_options(const struct ktk_cmd_desc *cmd, FILE *out)
{
	const struct ktk_opt *o;

	for (o = cmd->opts; o->name; o++) {
		if (ferror(out)) /* stop at the first failed write */
			return;
		char help[1024];

		if (o->flags & KTK_OPT_HIDDEN)
			continue;
		fputs(".TP\n", out);
		if (o->shortopt)
			fprintf(out, "\\fB\\-%c\\fR, ", o->shortopt);
		fputs("\\fB", out);
		man_escape(out, "--");
		man_escape(out, o->name);
		fputs("\\fR", out);
		if (o->arg != KTK_ARG_NONE) {
			fputs(" \\fI", out);
			man_escape(out, o->argname ? o->argname : "VALUE");
			fputs("\\fR", out);
		}
		fputc('\n', out);
		help_text(o, help, sizeof(help));
		man_escape(out, help);
		fputc('\n', out);
	}
}

static void emit_man_exit(FILE *out)
{
	const struct ktk_exit_desc *d;

	for (d = ktk_exit_table; d->name; d++) {
		fprintf(out, ".TP\n.B %d\n", d->code);
		man_escape(out, d->meaning);
		fputc('\n', out);
	}
}

/* ---- completions ----------------------------------------------------- */

static void func_name(const char *name, char *buf, size_t size)
{
	size_t i;

	snprintf(buf, size, "_%s", name);
	for (i = 0; buf[i]; i++)
		if (buf[i] == '-')
			buf[i] = '_';
}

/* How an option's value completes. */
enum vkind {
	V_NONE,    /* a flag */
	V_CHOICES, /* one of .choices (KTK_ARG_ENUM) */
	V_OFFERED, /* .choices of another kind: offered, not checked */
	V_FILE,
	V_TOPIC, /* from the cluster */
	V_GROUP, /* from the cluster */
	V_FREE,  /* anything */
	V_NKINDS
};

static enum vkind value_kind(const struct ktk_opt *o)
{
	switch (o->arg) {
	case KTK_ARG_NONE:
		return V_NONE;
	case KTK_ARG_ENUM:
		return V_CHOICES;
	case KTK_ARG_FILE:
		return V_FILE;
	case KTK_ARG_TOPIC:
		return V_TOPIC;
	case KTK_ARG_GROUP:
		return V_GROUP;
	default:
		return o->choices ? V_OFFERED : V_FREE;
	}
}

/* Whether any option's value is of kind @p k. */
static int has_kind(const struct ktk_cmd_desc *cmd, enum vkind k)
{
	const struct ktk_opt *o;

	for (o = cmd->opts; o->name; o++)
		if (value_kind(o) == k && !(o->flags & KTK_OPT_HIDDEN))
			return 1;
	return 0;
}

/* @s with a backslash before each character of @backslashed and, if @quote
 * is set, each ' written as @quote instead */
static void put_escaped(FILE *out, const char *s, const char *backslashed,
			const char *quote)
{
	for (; *s; s++) {
		if (strchr(backslashed, *s))
			fputc('\\', out);
		if (*s == '\'' && quote)
			fputs(quote, out);
		else
			fputc(*s, out);
	}
}

/* zsh _arguments wants [ ] : \ escaped in descriptions */
static void zsh_escape(FILE *out, const char *s)
{
	put_escaped(out, s, "[]:\\", "'\\''");
}

static void fish_escape(FILE *out, const char *s)
{
	put_escaped(out, s, "'\\", NULL);
}

/* A value offered that only starts one (print.key=, s@, @-) is completed
 * without a space after it. */
static int is_start(const char *w, size_t n)
{
	return n > 0 && strchr("=@-", w[n - 1]) != NULL;
}

/* The words of @p choices, space-separated: all (@p which 0), only whole
 * values (1) or only starts (2). */
static void put_words(FILE *out, const char *choices, int which)
{
	const char *p = choices;
	int first = 1;

	while (p && *p) {
		size_t n = strcspn(p, ",");

		if (which == 0 || (which == 2) == is_start(p, n)) {
			fprintf(out, "%s%.*s", first ? "" : " ", (int)n, p);
			first = 0;
		}
		p += n + (p[n] == ',');
	}
}

static void put_zsh_offered(FILE *out, const char *choices)
{
	const char *p;
	int whole = 0, start = 0;

	for (p = choices; *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ','))
		if (is_start(p, strcspn(p, ",")))
			start = 1;
		else
			whole = 1;
	if (whole) {
		fputs("compadd -- ", out);
		put_words(out, choices, 1);
	}
	if (whole && start)
		fputs("; ", out);
	if (start) {
		fputs("compadd -S \"\" -- ", out);
		put_words(out, choices, 2);
	}
}

/* One shell's completion script, as templates. In them @N is the binary's
 * name, @E its completion function, @O every option (bash's list), and,
 * for an option, @S its short and @L its long name, @R '*' when it may be
 * repeated, @H its help and @A its value's name (escaped for the shell),
 * @W its choices and @Z zsh's compadd calls for them (whole values, then
 * those that only start one, without a space after). */
struct shell {
	const char *name;
	void (*escape)(FILE *out, const char *s); /* NULL: as it is */
	const char *begin[2]; /* [1]: the binary takes file arguments */
	const char *head_short, *head_long;
	const char *value[V_NKINDS]; /* NULL: the option has no line */
	const char *tail;
	const char *end[2];
};

static const struct shell shells[] = {
	{"bash",
	 NULL,
	 {"@E()\n{\n"
	  "    local cur=${COMP_WORDS[COMP_CWORD]}"
	  " prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
	  "    case $prev in\n",
	  NULL},
	 "    -@S | --@L)\n",
	 "    --@L)\n",
	 {NULL,
	  "        COMPREPLY=($(compgen -W \"@W\" -- \"$cur\"))\n",
	  "        COMPREPLY=($(compgen -W \"@W\" -- \"$cur\"))\n"
	  "        _ktk_offered\n",
	  "        COMPREPLY=($(compgen -f -- \"$cur\"))\n",
	  "        COMPREPLY=($(compgen -W \"$(_ktk_topic_names)\" -- "
	  "\"$cur\"))\n",
	  "        COMPREPLY=($(compgen -W \"$(_ktk_group_names)\" -- "
	  "\"$cur\"))\n",
	  "        COMPREPLY=()\n"},
	 "        return\n        ;;\n",
	 {"    esac\n    if [[ $cur == -* ]]; then\n"
	  "        COMPREPLY=($(compgen -W \"@O\" -- \"$cur\"))\n"
	  "        return\n    fi\n"
	  "    COMPREPLY=()\n"
	  "}\ncomplete -o filenames -F @E @N\n",
	  "    esac\n    if [[ $cur == -* ]]; then\n"
	  "        COMPREPLY=($(compgen -W \"@O\" -- \"$cur\"))\n"
	  "        return\n    fi\n"
	  "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
	  "}\ncomplete -o filenames -F @E @N\n"}},
	{"zsh",
	 zsh_escape,
	 {"_arguments -s -S \\\n", NULL},
	 "  '@R(-@S --@L)'{-@S,--@L}'[@H]",
	 "  '@R--@L[@H]",
	 {"", ":@A:(@W)",
	  ":@A:{@Z}", ":@A:_files",
	  ":@A:_ktk_topic_names", ":@A:_ktk_group_names", ":@A: "},
	 "' \\\n",
	 {"  && return 0\n", "  '*:file:_files'\n"}},
	{"fish",
	 fish_escape,
	 {"complete -c @N -f\n", ""},
	 "complete -c @N -s @S -l @L",
	 "complete -c @N -l @L",
	 {"", " -x -a '@W'", " -x -a '@W'", " -r -F",
	  " -x -a '(__ktk_topic_names)'", " -x -a '(__ktk_group_names)'",
	  " -x"},
	 " -d '@H'\n",
	 {"", ""}},
};

static void put_text(FILE *out, const struct shell *sh, const char *s)
{
	if (sh->escape)
		sh->escape(out, s);
	else
		fputs(s, out);
}

/* bash's list of every option: --name -c --name2 ... */
static void put_all_opts(FILE *out, const struct ktk_cmd_desc *cmd)
{
	const struct ktk_opt *o;
	int first = 1;

	for (o = cmd->opts; o->name; o++) {
		if (o->flags & KTK_OPT_HIDDEN)
			continue;
		fprintf(out, "%s--%s", first ? "" : " ", o->name);
		if (o->shortopt)
			fprintf(out, " -%c", o->shortopt);
		first = 0;
	}
}

/* Write template @p t for @p cmd and option @p o (NULL outside one). */
static void put_tmpl(FILE *out, const struct shell *sh, const char *t,
		     const struct ktk_cmd_desc *cmd, const struct ktk_opt *o)
{
	char fn[64];

	for (; *t; t++) {
		if (t[0] != '@' || t[1] == '\0' ||
		    strchr(o ? "NEOSLRHAWZ" : "NEO", t[1]) == NULL) {
			fputc(*t, out);
			continue;
		}
		switch (*++t) {
		case 'N':
			fputs(cmd->name, out);
			break;
		case 'E':
			func_name(cmd->name, fn, sizeof(fn));
			fputs(fn, out);
			break;
		case 'O':
			put_all_opts(out, cmd);
			break;
		case 'S':
			fputc(o->shortopt, out);
			break;
		case 'L':
			fputs(o->name, out);
			break;
		case 'R':
			if (o->flags & KTK_OPT_REPEAT)
				fputc('*', out);
			break;
		case 'H':
			put_text(out, sh, o->help);
			break;
		case 'A':
			put_text(out, sh, o->argname ? o->argname : "value");
			break;
		case 'Z': /* zsh: whole values, then starts without a space */
			put_zsh_offered(out, o->choices);
			break;
		default: /* W */
			put_words(out, o->choices, 0);
			break;
		}
	}
}

/* Names the cluster has, live: topics from ktk-topics --list, groups from
 * ktk-groups --list, asked with the connection the command line has so
 * far: -b, --bootstrap-server[=]ADDR (and --broker-list), --cluster, -F
 * (--config, --ktk-config; not ktk-topics' --config KEY=VALUE),
 * --command-config and -X KEY=VALUE, so that a cluster that needs SASL or
 * TLS answers too. One shell function gathers those words
 * (_ktk_conn_args; __ktk_conn_args in fish), one per kind and shell
 * lists: _ktk_topic_names / _ktk_group_names (bash, zsh),
 * __ktk_topic_names / __ktk_group_names (fish). bash splits
 * COMP_WORDS at '=' and ':', so its words are split again from
 * COMP_LINE, at blanks only. */
static const char *const conn_args[] = {
	/* bash */
	"_ktk_conn_args()\n{\n"
	"    local i n w v\n"
	"    local -a words\n"
	"    read -ra words <<<\"${COMP_LINE:0:COMP_POINT}\"\n"
	"    n=${#words[@]}\n"
	"    [[ ${COMP_LINE:0:COMP_POINT} == *[[:blank:]] ]] || n=$((n - 1))\n"
	"    _ktk_conn=()\n"
	"    for ((i = 1; i < n; i++)); do\n"
	"        w=${words[i]} v=\n"
	"        ((i + 1 < n)) && v=${words[i + 1]}\n"
	"        case $w in\n"
	"        -b | --bootstrap-server | --broker-list) _ktk_conn+=(-b \"$v\") ;;\n"
	"        --bootstrap-server=* | --broker-list=*) _ktk_conn+=(-b \"${w#*=}\") ;;\n"
	"        --cluster | --command-config) _ktk_conn+=(\"$w\" \"$v\") ;;\n"
	"        --cluster=* | --command-config=*) _ktk_conn+=(\"$w\") ;;\n"
	"        -F | --ktk-config) _ktk_conn+=(-F \"$v\") ;;\n"
	"        --ktk-config=*) _ktk_conn+=(-F \"${w#*=}\") ;;\n"
	"        --config) [[ $v == *=* ]] || _ktk_conn+=(-F \"$v\") ;;\n"
	"        --config=*) [[ ${w#*=} == *=* ]] || _ktk_conn+=(-F \"${w#*=}\") ;;\n"
	"        -X | --command-property) [[ $v == *=* ]] && _ktk_conn+=(-X \"$v\") ;;\n"
	"        --command-property=*=*) _ktk_conn+=(-X \"${w#*=}\") ;;\n"
	"        esac\n"
	"    done\n"
	"}\n\n",
	/* zsh */
	"(( $+functions[_ktk_conn_args] )) ||\n"
	"_ktk_conn_args() {\n"
	"  local i w v\n"
	"  reply=()\n"
	"  for (( i = 2; i < CURRENT; i++ )); do\n"
	"    w=$words[i] v=\n"
	"    (( i + 1 < CURRENT )) && v=$words[i+1]\n"
	"    case $w in\n"
	"      -b|--bootstrap-server|--broker-list) reply+=(-b \"$v\") ;;\n"
	"      --bootstrap-server=*|--broker-list=*) reply+=(-b \"${w#*=}\") ;;\n"
	"      --cluster|--command-config) reply+=(\"$w\" \"$v\") ;;\n"
	"      --cluster=*|--command-config=*) reply+=(\"$w\") ;;\n"
	"      -F|--ktk-config) reply+=(-F \"$v\") ;;\n"
	"      --ktk-config=*) reply+=(-F \"${w#*=}\") ;;\n"
	"      --config) [[ $v == *=* ]] || reply+=(-F \"$v\") ;;\n"
	"      --config=*) [[ ${w#*=} == *=* ]] || reply+=(-F \"${w#*=}\") ;;\n"
	"      -X|--command-property) [[ $v == *=* ]] && reply+=(-X \"$v\") ;;\n"
	"      --command-property=*=*) reply+=(-X \"${w#*=}\") ;;\n"
	"    esac\n"
	"  done\n"
	"  return 0\n"
	"}\n\n",
	/* fish */
	"function __ktk_conn_args\n"
	"    set -l words (commandline -opc)\n"
	"    set -l n (count $words)\n"
	"    for i in (seq 2 $n)\n"
	"        set -l w $words[$i]\n"
	"        set -l v ''\n"
	"        test $i -lt $n; and set v $words[(math $i + 1)]\n"
	"        set -l e (string replace -r '^[^=]*=' '' -- $w)\n"
	"        switch $w\n"
	"            case -b --bootstrap-server --broker-list\n"
	"                printf '%s\\n' -b $v\n"
	"            case '--bootstrap-server=*' '--broker-list=*'\n"
	"                printf '%s\\n' -b $e\n"
	"            case --cluster --command-config\n"
	"                printf '%s\\n' $w $v\n"
	"            case '--cluster=*' '--command-config=*'\n"
	"                printf '%s\\n' $w\n"
	"            case -F --ktk-config\n"
	"                printf '%s\\n' -F $v\n"
	"            case '--ktk-config=*'\n"
	"                printf '%s\\n' -F $e\n"
	"            case --config\n"
	"                string match -q -- '*=*' $v; or printf '%s\\n' -F $v\n"
	"            case '--config=*'\n"
	"                string match -q -- '*=*' $e; or printf '%s\\n' -F $e\n"
	"            case -X --command-property\n"
	"                string match -q -- '*=*' $v; and printf '%s\\n' -X $v\n"
	"            case '--command-property=*=*'\n"
	"                printf '%s\\n' -X $e\n"
	"        end\n"
	"    end\n"
	"end\n\n",
};

/* The lister of one kind (@K the kind, @P the program), per shell. */
static const char *const names_fn[] = {
	"_ktk_@K_names()\n{\n"
	"    command -v @P >/dev/null 2>&1 || return 0\n"
	"    _ktk_conn_args\n"
	"    timeout 3 @P \"${_ktk_conn[@]}\" --list -q 2>/dev/null\n"
	"}\n\n",
	"(( $+functions[_ktk_@K_names] )) ||\n"
	"_ktk_@K_names() {\n"
	"  local -a @Ks reply\n"
	"  (( $+commands[@P] )) || return 1\n"
	"  _ktk_conn_args\n"
	"  @Ks=(${(f)\"$(timeout 3 @P \"${reply[@]}\" --list -q "
	"2>/dev/null)\"})\n"
	"  _describe @K @Ks\n"
	"}\n\n",
	"function __ktk_@K_names\n"
	"    command -q @P; or return 0\n"
	"    timeout 3 @P (__ktk_conn_args) --list -q 2>/dev/null\n"
	"end\n\n",
};

/* bash: after the values offered, no space after a start (print.key=)
 * and no file-name quoting of = and @ */
static const char bash_offered[] =
	"_ktk_offered()\n{\n"
	"    compopt +o filenames 2>/dev/null\n"
	"    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *[=@-] ]] &&\n"
	"        compopt -o nospace 2>/dev/null\n"
	"    return 0\n"
	"}\n\n";

static void put_names_fn(FILE *out, const char *t, const char *kind,
			 const char *prog)
{
	for (; *t; t++) {
		if (t[0] == '@' && t[1] == 'K')
			fputs(kind, out), t++;
		else if (t[0] == '@' && t[1] == 'P')
			fputs(prog, out), t++;
		else
			fputc(*t, out);
	}
}

static void emit_shell(const struct ktk_cmd_desc *cmd, const struct shell *sh,
		       size_t which, FILE *out)
{
	int files = cmd->positional && strcmp(cmd->positional, "file") == 0;
	int topics = has_kind(cmd, V_TOPIC), groups = has_kind(cmd, V_GROUP);
	const struct ktk_opt *o;

	if (which == 1)
		fprintf(out, "#compdef %s\n", cmd->name);
	fprintf(out,
		"# %s completion for %s -- generated by `%s --ktk-emit=%s`"
		"; do not edit.\n\n",
		sh->name, cmd->name, cmd->name, sh->name);
	if (topics || groups)
		fputs(conn_args[which], out);
	if (topics)
		put_names_fn(out, names_fn[which], "topic", "ktk-topics");
	if (groups)
		put_names_fn(out, names_fn[which], "group", "ktk-groups");
	if (which == 0 && has_kind(cmd, V_OFFERED))
		fputs(bash_offered, out);
	if (sh->begin[files] != NULL)
		put_tmpl(out, sh, sh->begin[files], cmd, NULL);
	else
		put_tmpl(out, sh, sh->begin[0], cmd, NULL);
	for (o = cmd->opts; o->name; o++) {
		const char *v = sh->value[value_kind(o)];

		if (ferror(out)) /* stop at the first failed write */
			return;
		if (o->flags & KTK_OPT_HIDDEN || v == NULL)
			continue;
		put_tmpl(out, sh, o->shortopt ? sh->head_short : sh->head_long,
			 cmd, o);
		put_tmpl(out, sh, v, cmd, o);
		put_tmpl(out, sh, sh->tail, cmd, o);
	}
	put_tmpl(out, sh, sh->end[files], cmd, NULL);
}

int ktk_opt_emit(const struct ktk_cmd_desc *cmd, const char *what, FILE *out)
{
	if (strcmp(what, "help") == 0)
		ktk_opt_help(cmd, out);
	else if (strcmp(what, "man-options") == 0)
		emit_man_options(cmd, out);
	else if (strcmp(what, "man-exit") == 0)
		emit_man_exit(out);
	else {
		size_t i;

		for (i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
			if (strcmp(what, shells[i].name) == 0)
				break;
		if (i == sizeof(shells) / sizeof(shells[0]))
			return -1;
		emit_shell(cmd, &shells[i], i, out);
	}
	return 0;
}
