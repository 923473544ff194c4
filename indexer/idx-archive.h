/* SPDX-License-Identifier: MIT */
/* idx-archive.h - (named so as not to hide libarchive's <archive.h>) tar, zip, cpio... archives and gzip, zstd, xz, bzip2
 * compressed files read in-process through libarchive, member by member
 * (never the whole archive in memory). A member is named
 * "ARCHIVE!member/path" in messages and ids; a single compressed file is
 * one member named after the file without its compression suffix. */
#ifndef IDX_ARCHIVE_H
#define IDX_ARCHIVE_H
#include <stddef.h>
#include "reader.h"

/* Whether a file is one to open with libarchive: by name (.tar, .tgz,
 * .zip, .gz, .zst, .xz, .bz2 ...) or by the magic bytes of its start
 * 'head' (at least 512 bytes when the file has them). */
int idx_archive_detect(const char *path, const unsigned char *head, size_t n);

/* Reads every regular member (hidden ones skipped, like in directories)
 * through the reader's usual dispatch. A broken archive is a reject with
 * libarchive's message; members read before it stay indexed. Returns
 * CN_OK or CN_E_NOMEM. */
cn_status_t idx_archive_read(idx_reader_t *rd, const char *path);

#endif
