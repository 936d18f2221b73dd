# accuracy.R — the R side of build-aux/accuracy-benchmark.sh
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:
#   Rscript accuracy.R export DIR SMDATA   write the public series as DIR/NAME.csv
#                                          (SMDATA: statsmodels' datasets directory)
#   Rscript accuracy.R score MANIFEST DIR [BASELINES]
#                                          score R's methods and Elman's forecasts
#
# MANIFEST is tab-separated: name, csv path, frequency m, horizon K, kind. For
# each series, DIR/elman-NAME.csv holds elman-cli's --test-forecasts-out
# (origin,h,yhat) and DIR/elman-times.tsv its wall times (name, --auto, one net).
# BASELINES is a table of R's scores and times written by an earlier run
# (DIR/accuracy-baselines.tsv); the rows that still fit are reused.
#
# The protocol (docs/accuracy.md): n values, n_test = max(ceil(0.2 n), 2K),
# n_train = n - n_test. Each R model is fitted once on y[0..n_train-1]; at every
# origin o = n_train ... n-K (0-based) it is applied without re-estimation to the
# true history y[0..o-1] and forecasts y[o..o+K-1], exactly what Elman's network
# does. Errors are pooled over all origins and steps; MASE divides the MAE by
# the in-sample seasonal-naive MAE, mean |y[t] - y[t-m]| for t = m..n_train-1,
# with m the series' frequency (1 for yearly data: the naive forecast), the
# same scale for every method.

suppressPackageStartupMessages(library(forecast))
suppressPackageStartupMessages(library(modeldata))
suppressPackageStartupMessages(library(AER))

args <- commandArgs(trailingOnly = TRUE)

write_series <- function(x, path) {
  tt <- time(x)
  f <- frequency(x)
  year <- floor(tt + 1e-6)
  if (f == 1) {
    date <- sprintf("%d", as.integer(year))
  } else if (f %in% c(4, 12)) {
    month <- 1 + round((tt - year) * 12)
    date <- sprintf("%04d-%02d-01", as.integer(year), as.integer(month))
  } else {
    # Weekly and other frequencies have no calendar in a ts: number the steps.
    date <- sprintf("%d", seq_along(x))
  }
  write.csv(data.frame(date = date, value = as.numeric(x)), path, row.names = FALSE, quote = FALSE)
}

# Daily series kept by zoo (trading days): their own dates, the value column alone.
write_daily <- function(z, path) {
  write.csv(data.frame(date = format(zoo::index(z)), value = as.numeric(zoo::coredata(z))),
            path, row.names = FALSE, quote = FALSE)
}

aer <- function(name) {
  e <- new.env()
  data(list = name, package = "AER", envir = e)
  get(name, envir = e)
}

if (length(args) >= 3 && args[1] == "export") {
  dir <- args[2]
  # statsmodels' datasets directory (python3-statsmodels), holding NAME/NAME.csv
  smdir <- args[3]
  sm <- function(file) read.csv(file.path(smdir, file))
  dir.create(dir, showWarnings = FALSE, recursive = TRUE)
  write_series(datasets::AirPassengers, file.path(dir, "airpassengers.csv"))
  write_series(datasets::sunspot.year, file.path(dir, "sunspot_year.csv"))
  write_series(datasets::nottem, file.path(dir, "nottem.csv"))
  write_series(datasets::UKgas, file.path(dir, "ukgas.csv"))
  write_series(datasets::co2, file.path(dir, "co2.csv"))
  write_series(datasets::lynx, file.path(dir, "lynx.csv"))
  write_series(datasets::Nile, file.path(dir, "nile.csv"))
  write_series(datasets::USAccDeaths, file.path(dir, "usaccdeaths.csv"))
  write_series(forecast::wineind, file.path(dir, "wineind.csv"))
  write_series(datasets::UKDriverDeaths, file.path(dir, "ukdriverdeaths.csv"))
  write_series(datasets::JohnsonJohnson, file.path(dir, "johnsonjohnson.csv"))
  write_series(datasets::LakeHuron, file.path(dir, "lakehuron.csv"))
  write_series(ts(modeldata::drinks[[2]], start = c(1992, 1), frequency = 12), file.path(dir, "drinks.csv"))
  # Weekly: mean daily boardings (thousands) at Chicago's Clark/Lake "L"
  # station, Monday to Sunday, complete weeks only.
  chicago <- modeldata::Chicago
  day <- as.numeric(chicago$date - chicago$date[1])
  week <- day %/% 7
  complete <- tapply(chicago$Clark_Lake, week, length) == 7
  boardings <- tapply(chicago$Clark_Lake, week, mean)[complete]
  monday <- chicago$date[1] + 7 * as.integer(names(boardings))
  write.csv(data.frame(date = format(monday), value = round(as.numeric(boardings), 4)),
            file.path(dir, "chicago_weekly.csv"), row.names = FALSE, quote = FALSE)

  # The extended set. Trending without a season:
  write_series(aer("MotorCycles2"), file.path(dir, "motorcycles2.csv"))
  write_series(aer("USConsump1993")[, "expenditure"], file.path(dir, "usconsump_exp.csv"))
  macro <- sm("macrodata/macrodata.csv")
  write_series(ts(macro$pop, start = c(1959, 1), frequency = 4), file.path(dir, "macro_pop.csv"))
  write_series(ts(macro$cpi, start = c(1959, 1), frequency = 4), file.path(dir, "macro_cpi.csv"))
  write_series(ts(macro$m1, start = c(1959, 1), frequency = 4), file.path(dir, "macro_m1.csv"))
  swm <- aer("USMacroSWM")[, "cpi"]
  write_series(na.omit(swm), file.path(dir, "usmacro_cpi.csv"))
  # Random-walk like: prices, indices, interest rates.
  write_series(ts(as.numeric(aer("DJFranses")), frequency = 1), file.path(dir, "djfranses.csv"))
  write_series(aer("PepperPrice")[, "black"], file.path(dir, "pepper_black.csv"))
  write_series(aer("FrozenJuice")[, "price"], file.path(dir, "frozenjuice.csv"))
  write_series(ts(macro$tbilrate, start = c(1959, 1), frequency = 4), file.path(dir, "macro_tbilrate.csv"))
  write_daily(aer("DJIA8012"), file.path(dir, "djia8012.csv"))
  write_daily(aer("GoldSilver")[, "silver"], file.path(dir, "silver.csv"))
  # Seasons, cycles and the rest.
  write_series(datasets::sunspot.month, file.path(dir, "sunspot_month.csv"))
  write_series(datasets::nhtemp, file.path(dir, "nhtemp.csv"))
  write_series(aer("USProdIndex")[, "unadjusted"], file.path(dir, "usprodindex.csv"))
  write_series(aer("GermanUnemployment")[, "unadjusted"], file.path(dir, "germanunemp.csv"))
  elnino <- sm("elnino/elnino.csv")
  write_series(ts(as.numeric(t(as.matrix(elnino[, -1]))), start = c(elnino[1, 1], 1), frequency = 12),
               file.path(dir, "elnino.csv"))
  elec <- sm("elec_equip/elec_equip.csv")
  write_series(ts(elec[[2]], start = c(1995, 1), frequency = 12), file.path(dir, "elec_equip.csv"))
  quit(status = 0)
}

if (length(args) < 3 || args[1] != "score")
  stop("usage: Rscript accuracy.R export DIR STATSMODELS_DATASETS | score MANIFEST DIR [BASELINES]")

manifest <- read.delim(args[2], header = FALSE, col.names = c("name", "path", "m", "K", "kind"),
                       stringsAsFactors = FALSE)
dir <- args[3]

# R's scores and wall times per series, reused when the series, m and K are
# the same (checked with n and the sum of the values), so a rerun only trains
# Elman. The complete set is written back to DIR/accuracy-baselines.tsv; each
# series fitted here is also appended to DIR/accuracy-baselines-partial.tsv at
# once (pass that file as BASELINES to resume an interrupted run).
baseline_cols <- c("series", "n", "m", "K", "checksum", "snaive", "ets", "arima", "nnetar",
                   "t_snaive", "t_ets", "t_arima", "t_nnetar")
baselines <- if (length(args) >= 4 && file.exists(args[4])) {
  read.delim(args[4], stringsAsFactors = FALSE, colClasses = c(checksum = "character"))
} else {
  NULL
}
elman_times <- if (file.exists(file.path(dir, "elman-times.tsv"))) {
  read.delim(file.path(dir, "elman-times.tsv"), header = FALSE,
             col.names = c("series", "t_elman", "t_elman_rec"), stringsAsFactors = FALSE)
} else {
  NULL
}
scores <- function(y, n_train, K, fc, scale) {
  # fc: matrix origins x K, row i = origin n_train + i - 1 (0-based)
  n <- length(y)
  origins <- n_train:(n - K)
  e <- c()
  for (i in seq_along(origins)) {
    o <- origins[i]
    e <- c(e, y[(o + 1):(o + K)] - fc[i, ])
  }
  mean(abs(e)) / scale
}

rolling <- function(y, m, n_train, K, apply_fn) {
  n <- length(y)
  origins <- n_train:(n - K)
  fc <- matrix(NA_real_, length(origins), K)
  for (i in seq_along(origins)) {
    o <- origins[i]
    fc[i, ] <- apply_fn(ts(y[1:o], frequency = m))
  }
  fc
}

results <- data.frame()
all_baselines <- data.frame()
for (r in seq_len(nrow(manifest))) {
  name <- manifest$name[r]
  m <- manifest$m[r]
  K <- manifest$K[r]
  d <- read.csv(manifest$path[r])
  y <- as.numeric(d[[ncol(d)]])
  n <- length(y)
  n_test <- max(ceiling(0.2 * n - 1e-9), 2 * K)
  n_train <- n - n_test
  train <- ts(y[1:n_train], frequency = m)
  scale <- mean(abs(y[(m + 1):n_train] - y[1:(n_train - m)]))

  checksum <- sprintf("%.12g", sum(y))
  cached <- if (is.null(baselines)) NULL else
    baselines[baselines$series == name & baselines$n == n & baselines$m == m &
              baselines$K == K & baselines$checksum == checksum, , drop = FALSE]
  if (!is.null(cached) && nrow(cached) == 1) {
    base <- cached[, baseline_cols]
  } else {
    timed <- function(expr) {
      t <- system.time(v <- expr)[["elapsed"]]
      list(v = v, t = t)
    }
    snaive_fc <- timed(rolling(y, m, n_train, K, function(h) {
      o <- length(h)
      sapply(1:K, function(k) h[o + k - m * ((k - 1) %/% m + 1)])
    }))

    # ets() has no season beyond 24 (weekly data): it warns and fits
    # the non-seasonal model, which is what the table shows.
    ets_fc <- timed({
      fit_ets <- suppressWarnings(ets(train))
      suppressMessages(rolling(y, m, n_train, K, function(h) forecast(ets(h, model = fit_ets), h = K)$mean))
    })

    arima_fc <- timed({
      set.seed(42)
      fit_arima <- auto.arima(train)
      rolling(y, m, n_train, K, function(h) forecast(Arima(h, model = fit_arima), h = K)$mean)
    })

    nnet_fc <- timed({
      set.seed(42)
      fit_nnet <- nnetar(train)
      rolling(y, m, n_train, K, function(h) forecast(nnetar(h, model = fit_nnet), h = K)$mean)
    })
    base <- data.frame(series = name, n = n, m = m, K = K, checksum = checksum,
                       snaive = scores(y, n_train, K, snaive_fc$v, scale),
                       ets = scores(y, n_train, K, ets_fc$v, scale),
                       arima = scores(y, n_train, K, arima_fc$v, scale),
                       nnetar = scores(y, n_train, K, nnet_fc$v, scale),
                       t_snaive = snaive_fc$t, t_ets = ets_fc$t, t_arima = arima_fc$t,
                       t_nnetar = nnet_fc$t, stringsAsFactors = FALSE)
    # Kept as soon as it is known: an interrupted run loses no series.
    partial <- file.path(dir, "accuracy-baselines-partial.tsv")
    write.table(base[, baseline_cols], partial, sep = "\t", quote = FALSE, row.names = FALSE,
                append = file.exists(partial), col.names = !file.exists(partial))
    cat(sprintf("  %-16s R's methods fitted in %.0f s\n", name,
                sum(base$t_snaive, base$t_ets, base$t_arima, base$t_nnetar)))
  }
  all_baselines <- rbind(all_baselines, base)

  read_elman <- function(path) {
    if (!file.exists(path))
      return(NA_real_)
    ef <- read.csv(path)
    origins <- n_train:(n - K)
    fc <- matrix(NA_real_, length(origins), K)
    fc[cbind(ef$origin - n_train + 1, ef$h)] <- ef$yhat
    if (nrow(ef) != length(origins) * K || min(ef$origin) != n_train || anyNA(fc))
      stop(sprintf("%s: Elman's test forecasts do not cover origins %d..%d with K = %d",
                   path, n_train, n - K, K))
    scores(y, n_train, K, fc, scale)
  }
  elman_mase <- read_elman(file.path(dir, paste0("elman-", name, ".csv")))
  elman_rec_mase <- read_elman(file.path(dir, paste0("elman-rec-", name, ".csv")))

  et <- if (is.null(elman_times)) NULL else elman_times[elman_times$series == name, , drop = FALSE]
  results <- rbind(results, data.frame(
    series = name, kind = manifest$kind[r], n = n, m = m, K = K,
    snaive = base$snaive, ets = base$ets, arima = base$arima, nnetar = base$nnetar,
    elman_rec = elman_rec_mase,
    elman = elman_mase,
    t_ets = base$t_ets, t_arima = base$t_arima, t_nnetar = base$t_nnetar,
    t_elman_rec = if (!is.null(et) && nrow(et) == 1) et$t_elman_rec else NA_real_,
    t_elman = if (!is.null(et) && nrow(et) == 1) et$t_elman else NA_real_,
    stringsAsFactors = FALSE))
}
write.table(all_baselines, file.path(dir, "accuracy-baselines.tsv"), sep = "\t", quote = FALSE,
            row.names = FALSE)

gmean <- function(x) exp(mean(log(x)))
cols <- c("snaive", "ets", "arima", "nnetar", "elman_rec", "elman")
labels <- c("seasonal naive", "ETS", "auto.arima", "nnetar", "Elman (1 net)", "Elman --auto")
cat("Test MASE (rolling origin, fitted once on the training part; scale: in-sample seasonal naive)\n\n")
cat(sprintf("| %-14s | %4s | %2s | %2s | %s |\n", "series", "n", "m", "K",
            paste(sprintf("%14s", labels), collapse = " | ")))
cat(sprintf("| %s |\n", paste(c(strrep("-", 14), "---:", "--:", "--:", rep(paste0(strrep("-", 13), ":"), length(cols))),
                               collapse = " | ")))
for (r in seq_len(nrow(results))) {
  x <- results[r, ]
  cat(sprintf("| %-14s | %4d | %2d | %2d | %s |\n", x$series, x$n, x$m, x$K,
              paste(sprintf("%14.3f", as.numeric(x[cols])), collapse = " | ")))
}
cat(sprintf("| %-14s | %4s | %2s | %2s | %s |\n", "geom. mean", "", "", "",
            paste(sprintf("%14.3f", sapply(cols, function(c) gmean(results[[c]]))), collapse = " | ")))
tcols <- c("t_ets", "t_arima", "t_nnetar", "t_elman_rec", "t_elman")
cat("\nWall time in seconds (fit on the training part and forecasts from every test origin)\n\n")
cat(sprintf("| %-16s | %4s | %s |\n", "series", "n", paste(sprintf("%13s", labels[-1]), collapse = " | ")))
cat(sprintf("| %s |\n", paste(c(strrep("-", 16), "---:", rep(paste0(strrep("-", 12), ":"), length(tcols))),
                               collapse = " | ")))
for (r in seq_len(nrow(results))) {
  x <- results[r, ]
  cat(sprintf("| %-16s | %4d | %s |\n", x$series, x$n,
              paste(sprintf("%13.1f", as.numeric(x[tcols])), collapse = " | ")))
}
cat(sprintf("| %-16s | %4s | %s |\n", "total", "",
            paste(sprintf("%13.1f", sapply(tcols, function(c) sum(results[[c]]))), collapse = " | ")))

kinds <- unique(results$kind)
cat("\nGeometric mean of test MASE by kind of series\n\n")
cat(sprintf("| %-10s | %2s | %s |\n", "kind", "#", paste(sprintf("%14s", labels), collapse = " | ")))
cat(sprintf("| %s |\n", paste(c(strrep("-", 10), "--:", rep(paste0(strrep("-", 13), ":"), length(cols))),
                               collapse = " | ")))
for (k in c(kinds, "all")) {
  sel <- if (k == "all") rep(TRUE, nrow(results)) else results$kind == k
  cat(sprintf("| %-10s | %2d | %s |\n", k, sum(sel),
              paste(sprintf("%14.3f", sapply(cols, function(c) gmean(results[[c]][sel]))), collapse = " | ")))
}

beats <- results$elman < results$snaive
cat(sprintf("\nElman --auto beats seasonal naive on %d of %d series%s\n", sum(beats, na.rm = TRUE), nrow(results),
            if (all(beats, na.rm = TRUE)) "" else paste0(" (not: ", paste(results$series[!beats], collapse = ", "), ")")))
write.csv(results, file.path(dir, "accuracy.csv"), row.names = FALSE)
g <- sapply(cols, function(c) gmean(results[[c]]))
cat(sprintf("Geometric mean of test MASE: Elman --auto %.3f, auto.arima %.3f, ETS %.3f, nnetar %.3f, seasonal naive %.3f\n",
            g[["elman"]], g[["arima"]], g[["ets"]], g[["nnetar"]], g[["snaive"]]))
cat(sprintf("Elman --auto / auto.arima = %.3f (target <= 0.9), Elman --auto / ETS = %.3f (target <= 1)\n",
            g[["elman"]] / g[["arima"]], g[["elman"]] / g[["ets"]]))
cat(sprintf("Elman --auto behind seasonal naive on %d series (target <= 2)\n", sum(!beats, na.rm = TRUE)))
