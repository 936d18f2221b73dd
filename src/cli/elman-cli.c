/* elman-cli.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "elman-cli-private.h"

static void
print_usage (gboolean to_stdout)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf ("%s\n\n%s\n  %s\n  %s\n  %s\n\n%s\n",
                          _("Usage: elman-cli COMMAND [OPTIONS] …"),
                          _("Commands:"),
                          _("train     Train an Elman network on a series (elman-cli train --help)"),
                          _("forecast  Forecast a series with a saved model (elman-cli forecast --help)"),
                          _("inspect   Show what the loader detects in a file (elman-cli inspect --help)"),
                          _("Exit status: 0 success, 1 bad input or I/O error, 2 bad command line, "
                            "3 training diverged."));

  if (to_stdout)
    elman_cli_print (text, strlen (text));
  else
    fputs (text, stderr);
}

static int
run_command (int    argc,
             char **argv)
{
  const char *command;
  g_autofree char *name = NULL;

  if (argc < 2)
    {
      print_usage (FALSE);
      return ELMAN_CLI_EXIT_USAGE;
    }

  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "help"))
    {
      print_usage (TRUE);
      return ELMAN_CLI_EXIT_OK;
    }
  if (g_str_equal (command, "--version"))
    {
      elman_cli_printf ("elman-cli %s\n", PACKAGE_VERSION);
      return ELMAN_CLI_EXIT_OK;
    }

  /* The subcommand sees "elman-cli COMMAND" as its program name. */
  name = g_strdup_printf ("elman-cli %s", command);
  argv[1] = name;
  g_set_prgname (name);

  if (g_str_equal (command, "train"))
    return elman_cli_train (argc - 1, argv + 1);
  if (g_str_equal (command, "forecast"))
    return elman_cli_forecast (argc - 1, argv + 1);
  if (g_str_equal (command, "inspect"))
    return elman_cli_inspect (argc - 1, argv + 1);

  fprintf (stderr, _("elman-cli: unknown command “%s”\n"), command);
  print_usage (FALSE);
  return ELMAN_CLI_EXIT_USAGE;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ELMAN_LOCALEDIR") ? g_getenv ("ELMAN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("elman-cli");
  elman_cli_stdout_init ();

  return elman_cli_stdout_close (run_command (argc, argv));
}
