# accuracy.R — the R side of build-aux/accuracy-benchmark.sh
#
# Copyright 2026 The Elman developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:
#   Rscript accuracy.R export DIR          write the public series as DIR/NAME.csv
#   Rscript accuracy.R score MANIFEST DIR  score R's methods and Elman's forecasts
#
# MANIFEST is tab-separated: name, csv path, frequency m, horizon K. For each
# series, DIR/elman-NAME.csv holds elman-cli's --test-forecasts-out
# (origin,h,yhat).
#
# The protocol (issue 7, docs/accuracy.md): n values, n_test = max(ceil(0.2 n), 2K),
# n_train = n - n_test. Each R model is fitted once on y[0..n_train-1]; at every
# origin o = n_train ... n-K (0-based) it is applied without re-estimation to the
# true history y[0..o-1] and forecasts y[o..o+K-1], exactly what Elman's network
# does. Errors are pooled over all origins and steps; MASE divides the MAE by
# the in-sample seasonal-naive MAE, mean |y[t] - y[t-m]| for t = m..n_train-1,
# with m the series' frequency (1 for yearly data: the naive forecast), the
# same scale for every method.

suppressPackageStartupMessages(library(forecast))
suppressPackageStartupMessages(library(modeldata))

args <- commandArgs(trailingOnly = TRUE)

write_series <- function(x, path) {
  tt <- time(x)
  f <- frequency(x)
  year <- floor(tt + 1e-6)
  if (f == 1) {
    date <- sprintf("%d", as.integer(year))
  } else {
    month <- 1 + round((tt - year) * 12)
    date <- sprintf("%04d-%02d-01", as.integer(year), as.integer(month))
  }
  write.csv(data.frame(date = date, value = as.numeric(x)), path, row.names = FALSE, quote = FALSE)
}

if (length(args) >= 2 && args[1] == "export") {
  dir <- args[2]
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
  quit(status = 0)
}

if (length(args) < 3 || args[1] != "score")
  stop("usage: Rscript accuracy.R export DIR | score MANIFEST DIR")

manifest <- read.delim(args[2], header = FALSE, col.names = c("name", "path", "m", "K"),
                       stringsAsFactors = FALSE)
dir <- args[3]

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

  # R's forecasts are cached per series in DIR (rerunning only Elman is cheap).
  cache <- file.path(dir, paste0("r-", name, ".rds"))
  if (file.exists(cache)) {
    fcs <- readRDS(cache)
  } else {
    snaive_fc <- rolling(y, m, n_train, K, function(h) {
      o <- length(h)
      sapply(1:K, function(k) h[o + k - m * ((k - 1) %/% m + 1)])
    })

    set.seed(42)
    fit_arima <- auto.arima(train)
    arima_fc <- rolling(y, m, n_train, K, function(h) forecast(Arima(h, model = fit_arima), h = K)$mean)

    # ets() has no season beyond 24 (weekly data): it warns and fits
    # the non-seasonal model, which is what the table shows.
    fit_ets <- suppressWarnings(ets(train))
    ets_fc <- suppressMessages(rolling(y, m, n_train, K,
                                       function(h) forecast(ets(h, model = fit_ets), h = K)$mean))

    set.seed(42)
    fit_nnet <- nnetar(train)
    nnet_fc <- rolling(y, m, n_train, K, function(h) forecast(nnetar(h, model = fit_nnet), h = K)$mean)
    fcs <- list(snaive = snaive_fc, ets = ets_fc, arima = arima_fc, nnetar = nnet_fc)
    saveRDS(fcs, cache)
  }

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

  results <- rbind(results, data.frame(
    series = name, n = n, m = m, K = K,
    snaive = scores(y, n_train, K, fcs$snaive, scale),
    ets = scores(y, n_train, K, fcs$ets, scale),
    arima = scores(y, n_train, K, fcs$arima, scale),
    nnetar = scores(y, n_train, K, fcs$nnetar, scale),
    elman_rec = elman_rec_mase,
    elman = elman_mase))
}

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
beats <- results$elman < results$snaive
cat(sprintf("\nElman --auto beats seasonal naive on %d of %d series%s\n", sum(beats, na.rm = TRUE), nrow(results),
            if (all(beats, na.rm = TRUE)) "" else paste0(" (not: ", paste(results$series[!beats], collapse = ", "), ")")))
write.csv(results, file.path(dir, "accuracy.csv"), row.names = FALSE)
g <- sapply(cols, function(c) gmean(results[[c]]))
cat(sprintf("Geometric mean of test MASE: Elman --auto %.3f, auto.arima %.3f, nnetar %.3f (%s)\n",
            g[["elman"]], g[["arima"]], g[["nnetar"]],
            if (g[["elman"]] <= min(g[["arima"]], g[["nnetar"]])) "Elman matches or beats both" else "Elman is behind"))
