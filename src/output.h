/* output.h — a report folder written whole or not at all: files go into a
 * hidden temporary folder beside the target, which replaces the target
 * only when every file is complete. An ae_outdir handle owns its paths. */
#ifndef AE_OUTPUT_H
#define AE_OUTPUT_H
#include "util.h"
#include <stdio.h>

typedef struct ae_outdir ae_outdir;

int ae_outdir_begin(ae_outdir **out, const char *target, ae_error *err);
/* The temporary folder (for writers that make their own files there). */
const char *ae_outdir_path(const ae_outdir *o);
/* Opens a file inside the temporary folder for writing. */
FILE *ae_outdir_open(ae_outdir *o, const char *name, ae_error *err);
/* Closes f, checking that every byte reached the disk. */
int ae_outdir_close(ae_outdir *o, FILE *f, const char *name, ae_error *err);
/* Writes a whole file into the temporary folder: open, write, close, checked. */
int ae_outdir_write(ae_outdir *o, const char *name, const void *data, size_t len, ae_error *err);
/* Moves the finished folder into place (a previous one is replaced). */
int ae_outdir_commit(ae_outdir *o, ae_error *err);
/* Removes the temporary folder if not committed, and frees the handle. */
void ae_outdir_free(ae_outdir *o);
/* Removes a folder and the files directly in it (no deeper). */
int ae_remove_flat_dir(const char *path);
#endif
