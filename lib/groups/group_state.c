/* SPDX-License-Identifier: Apache-2.0 */
/* group_state.c -- --state lists; see group_state.h. */
#include "lib/groups/group_state.h"

#include <string.h>
#include <strings.h>

/* Kafka's consumer group states (GroupState.groupStatesForType(CONSUMER)) */
static const char *const states[] = {
	"PreparingRebalance", "CompletingRebalance", "Stable", "Dead",
	"Empty", "Assigning", "Reconciling", NULL
};

static int state_valid(const char *s, size_t len)
{
	int i;

	for (i = 0; states[i]; i++)
		if (strlen(states[i]) == len && strncasecmp(states[i], s, len) == 0)
			return 1;
	return 0;
}

int ktk_group_state_list_valid(const char *list)
{
	const char *p = list;

	for (;;) {
		const char *e = strchr(p, ','), *s = p;
		size_t l = e ? (size_t)(e - p) : strlen(p);

		while (l && *s == ' ')
			s++, l--;
		while (l && s[l - 1] == ' ')
			l--;
		if (!state_valid(s, l))
			return 0;
		if (e == NULL)
			return 1;
		p = e + 1;
	}
}

int ktk_group_state_matches(const char *list, const char *state)
{
	const char *p = list;

	while (*p) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		while (l && *p == ' ')
			p++, l--;
		while (l && p[l - 1] == ' ')
			l--;
		if (strlen(state) == l && strncasecmp(state, p, l) == 0)
			return 1;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return 0;
}

int ktk_group_type_list_valid(const char *list)
{
	return ktk_group_state_matches("classic,consumer", list) ||
	       strcasecmp(list, "classic,consumer") == 0 ||
	       strcasecmp(list, "consumer,classic") == 0;
}
