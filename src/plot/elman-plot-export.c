/* elman-plot-export.c
 *
 * Copyright 2026 The Elman developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "elman-plot"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "elman-file.h"
#include "elman-plot-private.h"

/* Cairo's image surfaces stop at 32767 pixels a side. */
#define MAX_PIXELS 32767

typedef struct
{
  int fd;
  int error;      /* errno of the first failed write, 0 if none */
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != 0)
    return CAIRO_STATUS_WRITE_ERROR;

  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          sink->error = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      if (n == 0)
        {
          sink->error = EIO;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
fail_write (GError     **error,
            const char  *display_name,
            const Sink  *sink,
            cairo_status_t status)
{
  g_set_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_WRITE,
               _("Cannot write plot “%s”: %s"), display_name,
               sink->error ? g_strerror (sink->error) : cairo_status_to_string (status));
  return FALSE;
}

/* Which format a file name asks for, or NULL. */
static const char *
format_for_path (const char *path)
{
  const char *dot = strrchr (path, '.');

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return NULL;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return "png";
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return "svg";
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return "pdf";
  return NULL;
}

/**
 * elman_plot_export_to_fd:
 * @format: "png", "svg" or "pdf"
 * @display_name: the name to put in error messages
 *
 * Draws into a new surface of @format streamed to @fd. Does not close @fd.
 */
gboolean
elman_plot_export_to_fd (ElmanPlot       *plot,
                         int              fd,
                         const char      *format,
                         const char      *display_name,
                         int              width,
                         int              height,
                         double           scale,
                         ElmanPlotPanel   panels,
                         GError         **error)
{
  Sink sink = { fd, 0 };
  /* The export's own layout: the on-screen frame that hover, zoom and
   * pan map pixels with stays as it is. Its surface tells Cairo every
   * scale, so the widget's pixel scale hint does not apply either. */
  ElmanPlotLayout layout;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (strcmp (format, "png") == 0)
    {
      int pw = (int) ceil (width * scale), ph = (int) ceil (height * scale);

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      elman_plot_draw_layout (plot, cr, width, height, panels, 1.0, &layout);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
      cairo_surface_destroy (surface);
    }
  else
    {
      /* Vector formats: sizes in points, one user unit = one point. */
      if (strcmp (format, "svg") == 0)
        {
          surface = cairo_svg_surface_create_for_stream (sink_write, &sink, width, height);
          cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
        }
      else
        {
          surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, width, height);
          /* The title where file managers and readers look for it. */
          if (plot->title != NULL)
            cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, plot->title);
          if (plot->subtitle != NULL)
            cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, plot->subtitle);
        }

      cr = cairo_create (surface);
      elman_plot_draw_layout (plot, cr, width, height, panels, 1.0, &layout);
      cairo_show_page (cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
    }

  if (status != CAIRO_STATUS_SUCCESS || sink.error != 0)
    return fail_write (error, display_name, &sink, status);

  return TRUE;
}

gboolean
elman_plot_export (ElmanPlot       *plot,
                   const char      *path,
                   int              width,
                   int              height,
                   double           scale,
                   ElmanPlotPanel   panels,
                   GError         **error)
{
  const char *format;
  g_autofree char *display = NULL;
  ElmanFileWriter *writer = NULL;
  int fd, saved_errno;

  g_return_val_if_fail (plot != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);

  format = format_for_path (path);
  if (format == NULL)
    {
      g_set_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_FORMAT,
                   _("Cannot write plot “%s”: unknown format; use a name ending in .png, .svg or .pdf"),
                   display);
      return FALSE;
    }

  if (!(scale > 0.0) || !isfinite (scale))
    scale = 1.0;
  if (width < 1 || height < 1 || width > MAX_PIXELS || height > MAX_PIXELS
      || (strcmp (format, "png") == 0
          && (ceil (width * scale) > MAX_PIXELS || ceil (height * scale) > MAX_PIXELS)))
    {
      g_set_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_FORMAT,
                   _("Cannot write plot “%s”: size %d×%d at scale %g is outside 1…%d pixels"),
                   display, width, height, scale, MAX_PIXELS);
      return FALSE;
    }

  /* Atomic for files, in place for devices (/dev/full must fail as a
   * full disk does): elman-file.h. */
  saved_errno = elman_file_writer_open (path, &writer);
  if (saved_errno == 0)
    {
      fd = elman_file_writer_get_fd (writer);
      if (!elman_plot_export_to_fd (plot, fd, format, display, width, height, scale, panels, error))
        {
          elman_file_writer_abort (writer);
          return FALSE;
        }
      saved_errno = elman_file_writer_commit (writer);
    }
  if (saved_errno != 0)
    {
      g_set_error (error, ELMAN_PLOT_ERROR, ELMAN_PLOT_ERROR_WRITE,
                   _("Cannot write plot “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
