/* SPDX-License-Identifier: MIT */
/* hash.h - FNV-1a, 64-bit: stable across runs and machines, which is what
 * ids, shard placement and duplicate keys need (not collision resistance
 * against an adversary). */
#ifndef CN_HASH_H
#define CN_HASH_H
#include <stddef.h>
#include <stdint.h>

#define CN_FNV1A_INIT 0xcbf29ce484222325ULL

/* Continues the hash 'h' (start with CN_FNV1A_INIT) over data[0..len). */
uint64_t cn_fnv1a(uint64_t h, const void *data, size_t len);

#endif
