/* cli-test-util.h — running the built elman-cli from a test
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A scratch directory per test, removed with its files afterwards. */
typedef struct
{
  char *dir;
} CliFixture;

/* Finds elman-cli: argv[1] (meson passes the built target), else
 * $ELMAN_CLI. Call after g_test_init(). */
void    cli_test_init          (int            argc,
                                char         **argv);
void    cli_fixture_set_up     (CliFixture    *f,
                                gconstpointer  data);
void    cli_fixture_tear_down  (CliFixture    *f,
                                gconstpointer  data);
/* Writes @contents to a file of the fixture; returns its path. */
char   *cli_fixture_write      (CliFixture    *f,
                                const char    *name,
                                const char    *contents);
/* Runs elman-cli with the NULL-terminated arguments; returns the exit
 * status (−1 when it did not exit normally). */
int     cli_run                (char         **out,
                                char         **err,
                                ...) G_GNUC_NULL_TERMINATED;
char  **cli_read_lines         (const char    *path);

#define CLI_TEST_ADD(path, fn) \
  g_test_add (path, CliFixture, NULL, cli_fixture_set_up, fn, cli_fixture_tear_down)

G_END_DECLS
