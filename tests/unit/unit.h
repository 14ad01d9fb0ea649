/* SPDX-License-Identifier: Apache-2.0 */
/* unit.h -- a tiny TAP-producing unit test harness for lib/.
 *
 *   static void t_something(void) { CHECK(x == 1); CHECK_STR(a, "b"); }
 *   int main(void) { RUN(t_something); return unit_done(); }
 *
 * Each RUN prints "ok N - name" or "not ok N - name" (with the failed
 * checks as "# file:line: expr" lines before it); tests/run counts them.
 */
#ifndef KTK_UNIT_H
#define KTK_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_n, unit_failed_cases, unit_case_failed;

#define CHECK(e)                                                              \
	do {                                                                  \
		if (!(e)) {                                                   \
			printf("# %s:%d: CHECK(%s) failed\n", __FILE__,       \
			       __LINE__, #e);                                 \
			unit_case_failed = 1;                                 \
		}                                                             \
	} while (0)

#define CHECK_STR(a, b)                                                       \
	do {                                                                  \
		const char *a_ = (a), *b_ = (b);                              \
		if (a_ == NULL || b_ == NULL ? a_ != b_ : strcmp(a_, b_)) {   \
			printf("# %s:%d: \"%s\" != \"%s\"\n", __FILE__,       \
			       __LINE__, a_ ? a_ : "(null)",                  \
			       b_ ? b_ : "(null)");                           \
			unit_case_failed = 1;                                 \
		}                                                             \
	} while (0)

#define CHECK_INT(a, b)                                                       \
	do {                                                                  \
		long long a_ = (long long)(a), b_ = (long long)(b);           \
		if (a_ != b_) {                                               \
			printf("# %s:%d: %s == %lld, expected %lld\n",        \
			       __FILE__, __LINE__, #a, a_, b_);               \
			unit_case_failed = 1;                                 \
		}                                                             \
	} while (0)

#define RUN(fn)                                                               \
	do {                                                                  \
		unit_case_failed = 0;                                         \
		fn();                                                         \
		unit_n++;                                                     \
		printf("%sok %d - %s\n", unit_case_failed ? "not " : "",      \
		       unit_n, #fn);                                          \
		unit_failed_cases += unit_case_failed;                        \
		fflush(stdout);                                               \
	} while (0)

static inline int unit_done(void)
{
	printf("1..%d\n", unit_n);
	return unit_failed_cases ? 1 : 0;
}

#endif
