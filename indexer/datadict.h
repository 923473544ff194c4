/* SPDX-License-Identifier: MIT */
/* datadict.h - the zstd dictionary the stored passages of an index are
 * compressed with (xapc_writer_set_dictionary): trained once, on the
 * first passages a new index is given, in input order, so that the same
 * input gives the same dictionary whatever the number of workers.
 * docs/index-schema.md, "Document data". */
#ifndef IDX_DATADICT_H
#define IDX_DATADICT_H
#include <stddef.h>
#include "status.h"

typedef struct idx_zdict idx_zdict_t;

/** A sampler that wants 'sample_bytes' bytes of records (> 0). */
cn_status_t idx_zdict_create(size_t sample_bytes, idx_zdict_t **out);

/** Frees 'z'; NULL is a no-op. */
void idx_zdict_destroy(idx_zdict_t *z);

/** Adds one stored record as a sample. Returns 1 once the sample is
 * full (time for idx_zdict_train), else 0; CN_E_NOMEM is reported by
 * idx_zdict_train. */
int idx_zdict_add(idx_zdict_t *z, const char *rec, size_t len);

/** Bytes sampled so far. */
size_t idx_zdict_sampled(const idx_zdict_t *z);

/** Trains a dictionary on the samples. *dict (owned by 'z', valid until
 * it is destroyed) and *len; *len is 0 when the samples are too few or
 * too alike to train on, which is not an error (the passages are then
 * stored without one). Returns CN_OK or CN_E_NOMEM. */
cn_status_t idx_zdict_train(idx_zdict_t *z, const void **dict, size_t *len);

#endif
