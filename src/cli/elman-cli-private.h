/* elman-cli-private.h
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "elman-plot.h"
#include "elman-series.h"

G_BEGIN_DECLS

/* Exit statuses, documented in --help and the man page. */
enum
{
  ELMAN_CLI_EXIT_OK = 0,
  ELMAN_CLI_EXIT_FAILURE = 1,   /* bad input file, model file or I/O error */
  ELMAN_CLI_EXIT_USAGE = 2,     /* bad command line */
  ELMAN_CLI_EXIT_DIVERGED = 3,  /* training diverged */
};

/* Each subcommand gets argv with argv[0] = "elman-cli <command>". */
int elman_cli_train    (int    argc,
                        char **argv);
int elman_cli_forecast (int    argc,
                        char **argv);
int elman_cli_inspect  (int    argc,
                        char **argv);

/* Shared helpers of the subcommands (elman-cli-train.c). */
gboolean elman_cli_write_text  (const char         *path,
                                GString            *text,
                                GError            **error);

/* Standard output (elman-cli-stdout.c): every write goes through these,
 * and main() ends with elman_cli_stdout_close(). */
void     elman_cli_stdout_init  (void);
gboolean elman_cli_print        (const char         *text,
                                 gsize               length);
gboolean elman_cli_printf       (const char         *format,
                                 ...) G_GNUC_PRINTF (1, 2);
int      elman_cli_stdout_close (int                 status);

/* The network picture's data (elman-cli-plot.c). */
void     elman_cli_plot_set_network (ElmanPlot        *plot,
                                     const ElmanModel *model,
                                     ElmanSeries      *series,
                                     GBytes           *grad_norms);

G_END_DECLS
