/* test-session.c — the app's document without any widget: load, train,
 * result, stale and cleared results, notifications, cancellation
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "elman-session.h"
#include "window-test-util.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* How often each property of a session notified. */
typedef struct
{
  GHashTable *counts;   /* property name → count */
} Notifications;

static void
on_notify (GObject       *object,
           GParamSpec    *pspec,
           Notifications *n)
{
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (n->counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n->counts, name)) + 1));
}

static guint
count (Notifications *n,
       const char    *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (n->counts, name));
}

static void
watch (ElmanSession  *session,
       Notifications *n)
{
  n->counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (session, "notify", G_CALLBACK (on_notify), n);
}

static void
reset_counts (Notifications *n)
{
  g_hash_table_remove_all (n->counts);
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

/* Polls the run as a window's frame clock would. */
static gboolean
poll_run (gpointer data)
{
  elman_session_poll (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
session_not_loading (gpointer data)
{
  return !elman_session_get_loading (data);
}

static gboolean
session_not_training (gpointer data)
{
  return !elman_session_get_training (data);
}

static gboolean
session_evaluated (gpointer data)
{
  return !elman_session_get_evaluating (data) && elman_session_get_evaluation (data) != NULL;
}

static gboolean
session_has_epochs (gpointer data)
{
  const double *train, *valid;
  gsize n;

  elman_session_get_losses (data, &train, &valid, &n);
  return n >= 2;
}

static gboolean
no_thread_running (gpointer data)
{
  return elman_training_worker_count_running () == 0;
}

/* A session with the sample series open. */
static ElmanSession *
new_session_with_sample (GSettings *settings)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ElmanSession *session = elman_session_new (settings);

  elman_session_open_file (session, file, NULL);
  g_assert_true (elman_session_get_loading (session));
  g_assert_true (wait_for (session_not_loading, session, 30000));
  g_assert_nonnull (elman_session_get_series (session));
  return session;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

/* Load → train → result → stale → cleared, each notification once per
 * real change. */
static void
test_session_lifecycle (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ElmanSession) session = NULL;
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Notifications n;
  guint poll_id;
  guint config_changes = 0;
  guint hidden;
  const double *train, *valid;
  gsize n_losses;

  reset_settings ();
  settings = g_settings_new (APP_ID);
  session = elman_session_new (settings);
  watch (session, &n);
  g_signal_connect_swapped (session, "config-changed", G_CALLBACK (count_signal), &config_changes);

  g_assert_null (elman_session_get_series (session));
  g_assert_false (elman_session_can_train (session));
  g_assert_cmpstr (elman_session_get_status (session), ==, "Open a series to train");

  /* Loading: "loading" goes on and off, the series arrives once. */
  elman_session_open_file (session, file, NULL);
  g_assert_true (elman_session_get_loading (session));
  g_assert_true (wait_for (session_not_loading, session, 30000));
  g_assert_cmpuint (count (&n, "loading"), ==, 2);
  g_assert_cmpuint (count (&n, "series"), ==, 1);
  g_assert_cmpuint (count (&n, "file"), ==, 1);
  g_assert_cmpuint (count (&n, "result"), ==, 0);
  g_assert_cmpuint (elman_session_get_series (session)->n, ==, 144);
  g_assert_nonnull (elman_session_get_info (session));
  g_assert_true (elman_session_can_train (session));
  g_assert_cmpstr (elman_session_get_status (session), ==, "Ready to train");
  /* The split marker follows the test part (20 % of 144 held out). */
  g_assert_cmpuint (elman_session_get_n_train (session), ==, 115);

  /* A parameter that stays valid changes no problem, and no status. */
  reset_counts (&n);
  config_changes = 0;
  hidden = g_settings_get_uint (settings, "hidden");
  g_assert_false (elman_session_get_modified (session));
  g_settings_set_uint (settings, "hidden", hidden + 1);
  g_assert_cmpuint (config_changes, ==, 1);
  g_assert_cmpuint (count (&n, "parameter-problem"), ==, 0);
  g_assert_cmpuint (count (&n, "status"), ==, 0);
  g_assert_cmpuint (count (&n, "modified"), ==, 1);
  g_assert_true (elman_session_get_modified (session));
  g_settings_set_uint (settings, "hidden", hidden + 2);
  g_assert_cmpuint (count (&n, "modified"), ==, 1);
  g_settings_set_uint (settings, "hidden", hidden);
  g_assert_cmpuint (count (&n, "modified"), ==, 2);
  g_assert_false (elman_session_get_modified (session));

  /* Train, briefly. */
  g_settings_set_uint (settings, "epochs", 40);
  reset_counts (&n);
  poll_id = g_timeout_add (10, poll_run, session);
  g_assert_true (elman_session_start_training (session));
  g_assert_true (elman_session_get_training (session));
  g_assert_false (elman_session_can_train (session));
  g_assert_nonnull (elman_session_get_worker (session));
  g_assert_cmpuint (count (&n, "training"), ==, 1);
  g_assert_true (wait_for (session_not_training, session, 120000));
  g_source_remove (poll_id);
  g_test_message ("status: %s; loss: %s", elman_session_get_status (session), elman_session_get_loss_text (session));

  /* The result, announced once. */
  g_assert_cmpuint (count (&n, "training"), ==, 2);
  g_assert_cmpuint (count (&n, "result"), ==, 1);
  g_assert_cmpuint (count (&n, "n-runs"), ==, 1);
  g_assert_cmpuint (elman_session_get_n_runs (session), ==, 1);
  g_assert_nonnull (elman_session_get_result (session));
  g_assert_nonnull (elman_session_get_model (session));
  g_assert_cmpuint (elman_session_get_n_models (session), ==, 1);
  g_assert_nonnull (elman_session_get_predictions (session, NULL));
  g_assert_nonnull (elman_session_get_forecast (session, NULL));
  g_assert_null (elman_session_get_worker (session));
  g_assert_cmpfloat (elman_session_get_fraction (session), ==, 1);
  g_assert_true (g_str_has_prefix (elman_session_get_status (session), "Trained 40 epochs") ||
                 g_str_has_prefix (elman_session_get_status (session), "Stopped early at epoch"));
  g_assert_true (g_str_has_prefix (elman_session_get_loss_text (session), "Training loss "));
  elman_session_get_losses (session, &train, &valid, &n_losses);
  g_assert_cmpuint (n_losses, >=, 1);
  g_assert_cmpuint (n_losses, <=, 40);
  g_assert_false (elman_session_get_stale (session));

  /* The evaluation follows, once. */
  g_assert_true (wait_for (session_evaluated, session, 120000));
  g_assert_cmpuint (count (&n, "evaluation"), ==, 1);
  g_assert_cmpuint (elman_session_get_evaluation (session)->n_models, ==, 1);

  /* Other parameters: the result is out of date; back again: it is not. */
  reset_counts (&n);
  g_settings_set_uint (settings, "epochs", 41);
  g_assert_true (elman_session_get_stale (session));
  g_settings_set_uint (settings, "window-size", 13);
  g_assert_true (elman_session_get_stale (session));
  g_assert_cmpuint (count (&n, "stale"), ==, 1);
  g_settings_set_uint (settings, "epochs", 40);
  g_settings_set_uint (settings, "window-size", 12);
  g_assert_false (elman_session_get_stale (session));
  g_assert_cmpuint (count (&n, "stale"), ==, 2);
  g_assert_nonnull (elman_session_get_result (session));

  /* Another series clears the result and its evaluation. */
  reset_counts (&n);
  elman_session_open_file (session, file, NULL);
  g_assert_true (wait_for (session_not_loading, session, 30000));
  g_assert_null (elman_session_get_result (session));
  g_assert_null (elman_session_get_model (session));
  g_assert_null (elman_session_get_evaluation (session));
  g_assert_cmpuint (count (&n, "result"), ==, 1);
  g_assert_cmpuint (count (&n, "evaluation"), ==, 1);
  g_assert_cmpuint (count (&n, "series"), ==, 1);
  g_assert_cmpstr (elman_session_get_status (session), ==, "Ready to train");

  g_hash_table_unref (n.counts);
}

/* A parameter problem appears, changes and goes, notified once each
 * time; Train is refused meanwhile. */
static void
test_session_parameter_problem (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ElmanSession) session = NULL;
  Notifications n;
  const char *problem;

  reset_settings ();
  settings = g_settings_new (APP_ID);
  session = new_session_with_sample (settings);
  watch (session, &n);

  g_assert_null (elman_session_get_parameter_problem (session));
  g_settings_set_uint (settings, "window-size", 500);
  problem = elman_session_get_parameter_problem (session);
  g_assert_nonnull (problem);
  g_test_message ("%s", problem);
  g_assert_cmpuint (count (&n, "parameter-problem"), ==, 1);
  g_assert_false (elman_session_can_train (session));
  g_assert_false (elman_session_start_training (session));
  g_assert_false (elman_session_get_training (session));
  g_assert_cmpstr (elman_session_get_status (session), ==, "Cannot train with these parameters");

  /* The same problem again: nothing to notify. */
  g_settings_set_uint (settings, "epochs", 300);
  g_assert_cmpuint (count (&n, "parameter-problem"), ==, 1);

  g_settings_set_uint (settings, "window-size", 12);
  g_assert_null (elman_session_get_parameter_problem (session));
  g_assert_cmpuint (count (&n, "parameter-problem"), ==, 2);
  g_assert_true (elman_session_can_train (session));
  g_assert_cmpstr (elman_session_get_status (session), ==, "Ready to train");

  g_hash_table_unref (n.counts);
}

/* Stop: the run ends within an epoch and keeps its model. */
static void
test_session_stop (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ElmanSession) session = NULL;
  Notifications n;
  guint poll_id;

  reset_settings ();
  settings = g_settings_new (APP_ID);
  /* The Seed preset has no early stopping: only Stop ends the run. */
  g_settings_set_enum (settings, "preset", 1);
  g_settings_set_uint (settings, "epochs", 10000000);
  session = new_session_with_sample (settings);
  watch (session, &n);

  poll_id = g_timeout_add (10, poll_run, session);
  g_assert_true (elman_session_start_training (session));
  g_assert_true (wait_for (session_has_epochs, session, 60000));
  g_assert_cmpuint (elman_session_get_phase (session), ==, ELMAN_TRAINING_PHASE_SINGLE);
  g_assert_true (g_str_has_prefix (elman_session_get_status (session), "Epoch "));
  elman_session_stop_training (session);
  g_assert_true (elman_session_get_stopping (session));
  g_assert_cmpstr (elman_session_get_status (session), ==, "Stopping…");
  g_assert_true (wait_for (session_not_training, session, 60000));
  g_source_remove (poll_id);

  g_assert_false (elman_session_get_stopping (session));
  g_assert_cmpuint (count (&n, "stopping"), ==, 2);
  g_assert_true (g_str_has_prefix (elman_session_get_status (session), "Stopped at epoch "));
  g_assert_nonnull (elman_session_get_model (session));
  g_assert_cmpuint (elman_session_get_n_runs (session), ==, 1);

  g_hash_table_unref (n.counts);
}

/* Dropping the session while it trains cancels the run, and its thread
 * ends (is joined) without anyone left to show it. */
static void
test_session_dispose_cancels (void)
{
  g_autoptr(GSettings) settings = NULL;
  ElmanSession *session;
  gpointer weak;
  guint poll_id;

  reset_settings ();
  settings = g_settings_new (APP_ID);
  g_settings_set_enum (settings, "preset", 1);
  g_settings_set_uint (settings, "epochs", 10000000);
  session = new_session_with_sample (settings);
  weak = session;
  g_object_add_weak_pointer (G_OBJECT (session), &weak);

  poll_id = g_timeout_add (10, poll_run, session);
  g_assert_true (elman_session_start_training (session));
  g_assert_true (wait_for (session_has_epochs, session, 60000));
  g_assert_cmpuint (elman_training_worker_count_running (), ==, 1);
  g_source_remove (poll_id);

  /* Nothing else holds it: it is finalized at once. */
  g_object_unref (session);
  g_assert_null (weak);
  g_assert_true (wait_for (no_thread_running, NULL, 60000));
  /* The run's callback found no session, and did nothing. */
  iterate_for (100);
  g_assert_cmpuint (elman_training_worker_count_running (), ==, 0);
}

/* An automatic search: the session keeps what it chose. */
static void
test_session_search (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ElmanSession) session = NULL;
  ElmanConfig chosen;
  guint candidates = 0, kept = 0, seeds = 0;
  guint poll_id;

  reset_settings ();
  settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "auto-search", TRUE);
  session = new_session_with_sample (settings);
  poll_id = g_timeout_add (10, poll_run, session);
  g_assert_true (elman_session_start_training (session));
  g_assert_cmpuint (elman_session_get_phase (session), ==, ELMAN_TRAINING_PHASE_SEARCH);
  g_assert_true (wait_for (session_not_training, session, 600000));
  g_source_remove (poll_id);

  g_assert_true (elman_session_get_search (session, &chosen, &candidates, &kept, &seeds));
  g_assert_cmpuint (candidates, >, 1);
  g_assert_cmpuint (elman_session_get_n_models (session), ==, kept * seeds);
  g_assert_cmpuint (chosen.window, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elman/session/lifecycle", test_session_lifecycle);
  g_test_add_func ("/elman/session/parameter-problem", test_session_parameter_problem);
  g_test_add_func ("/elman/session/stop", test_session_stop);
  g_test_add_func ("/elman/session/dispose-cancels", test_session_dispose_cancels);
  g_test_add_func ("/elman/session/search", test_session_search);

  return g_test_run ();
}
