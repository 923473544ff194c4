/* SPDX-License-Identifier: MIT */
/* entlist.h - cjkindex --entities: what people and organisations an index
 * holds, and the candidates it discovered, for curation (docs/entities.md,
 * "Discovery of new names"). */
#ifndef IDX_ENTLIST_H
#define IDX_ENTLIST_H
#include "aliases.h"

/** Prints to stdout the P and O terms of the index at 'db_path' (type,
 * id, live passages, the name 'dict' gives, tab-separated), then the
 * discovered candidates ("candidate", type, name, live passages,
 * aliases); with 'yaml', only the candidates, as YAML entries to curate.
 * A candidate written in both Chinese scripts or with other name dots is
 * one line, under its commoner form, its other forms among its aliases.
 * Returns a cjkindex exit status; errors are reported on stderr. */
int idx_list_entities(const char *db_path, const ent_dict_t *dict, int yaml);

#endif
