/* main.c — elman, the desktop app
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-app"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "elman-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ElmanApplication) app = NULL;

  /* ELMAN_LOCALEDIR: the build tree's po/ when running uninstalled. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ELMAN_LOCALEDIR") ? g_getenv ("ELMAN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Elman"));

  app = elman_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
