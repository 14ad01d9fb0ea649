/* SPDX-License-Identifier: Apache-2.0 */
/* group_state.h -- the group states of kafka-consumer-groups --state: a
 * comma-separated list (spaces around names ignored, case ignored). */
#ifndef KTK_GROUPS_GROUP_STATE_H
#define KTK_GROUPS_GROUP_STATE_H

/** @brief Whether every name of @p list is a group state Kafka knows. */
int ktk_group_state_list_valid(const char *list);

/** @brief Whether @p state is one of the names of @p list. */
int ktk_group_state_matches(const char *list, const char *state);

/** @brief Whether @p list is a --type list Kafka's tool takes: "classic",
 *  "consumer" or both (comma-separated, case ignored). */
int ktk_group_type_list_valid(const char *list);

#endif
