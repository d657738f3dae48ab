/*
 * Runs one TA-Lib function on a series read from a file, for the indicator tests (outside reference)
 * and the benchmarks (speed reference). Built from the TA-Lib C sources shipped in the talib npm package.
 *
 * usage: talib-harness FUNC n in.bin out.bin reps [params...]
 *   in.bin:  5*n doubles: open[n] high[n] low[n] close[n] volume[n]
 *   out.bin: outputs*n doubles, NaN before the first output
 *   stdout:  "begIdx nbElement outputs bestNanosecondsPerRun"
 * Run time is this process's CPU time, so other programs on a shared machine do not inflate it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ta_libc.h"

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage: FUNC n in out reps [params]\n"); return 2; }
  const char *fn = argv[1];
  int n = atoi(argv[2]);
  int reps = atoi(argv[5]);
  double p[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4 && 6 + i < argc; i++) p[i] = atof(argv[6 + i]);
  double *in = malloc(sizeof(double) * 5 * (size_t)n);
  FILE *f = fopen(argv[3], "rb");
  if (!f || fread(in, sizeof(double), 5 * (size_t)n, f) != 5 * (size_t)n) { fprintf(stderr, "bad input\n"); return 2; }
  fclose(f);
  const double *o = in, *h = in + n, *l = in + 2 * n, *c = in + 3 * n, *v = in + 4 * n;
  (void)o;
  double *out[3];
  for (int k = 0; k < 3; k++) out[k] = malloc(sizeof(double) * (size_t)n);
  TA_Initialize();
  int beg = 0, nb = 0, outs = 1;
  TA_RetCode rc = TA_SUCCESS;
  double best = 1e300;
  int ip0 = (int)p[0], ip1 = (int)p[1], ip2 = (int)p[2];
  for (int r = 0; r < (reps < 1 ? 1 : reps); r++) {
    double t0 = now_ns();
    if (!strcmp(fn, "SMA")) rc = TA_SMA(0, n - 1, c, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "EMA")) rc = TA_EMA(0, n - 1, c, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "WMA")) rc = TA_WMA(0, n - 1, c, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "RSI")) rc = TA_RSI(0, n - 1, c, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "ROC")) rc = TA_ROC(0, n - 1, c, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "STDDEV")) rc = TA_STDDEV(0, n - 1, c, ip0, 1.0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "VOLSMA")) rc = TA_SMA(0, n - 1, v, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "MACD")) { outs = 3; rc = TA_MACD(0, n - 1, c, ip0, ip1, ip2, &beg, &nb, out[0], out[1], out[2]); }
    else if (!strcmp(fn, "BBANDS")) { outs = 3; rc = TA_BBANDS(0, n - 1, c, ip0, p[1], p[1], TA_MAType_SMA, &beg, &nb, out[0], out[1], out[2]); }
    else if (!strcmp(fn, "ATR")) rc = TA_ATR(0, n - 1, h, l, c, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "TRANGE")) rc = TA_TRANGE(0, n - 1, h, l, c, &beg, &nb, out[0]);
    else if (!strcmp(fn, "ADX")) rc = TA_ADX(0, n - 1, h, l, c, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "PLUS_DI")) rc = TA_PLUS_DI(0, n - 1, h, l, c, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "MINUS_DI")) rc = TA_MINUS_DI(0, n - 1, h, l, c, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "WILLR")) rc = TA_WILLR(0, n - 1, h, l, c, ip0, &beg, &nb, out[0]);
    else if (!strcmp(fn, "TYPPRICE")) rc = TA_TYPPRICE(0, n - 1, h, l, c, &beg, &nb, out[0]);
    else if (!strcmp(fn, "STOCH")) { outs = 2; rc = TA_STOCH(0, n - 1, h, l, c, ip0, ip1, TA_MAType_SMA, ip2, TA_MAType_SMA, &beg, &nb, out[0], out[1]); }
    else if (!strcmp(fn, "STOCHF")) { outs = 2; rc = TA_STOCHF(0, n - 1, h, l, c, ip0, ip1, TA_MAType_SMA, &beg, &nb, out[0], out[1]); }
    else if (!strcmp(fn, "OBV")) rc = TA_OBV(0, n - 1, c, v, &beg, &nb, out[0]);
    else if (!strcmp(fn, "MFI")) rc = TA_MFI(0, n - 1, h, l, c, v, ip0, &beg, &nb, out[0]);
    else { fprintf(stderr, "unknown function %s\n", fn); return 2; }
    double dt = now_ns() - t0;
    if (dt < best) best = dt;
  }
  if (rc != TA_SUCCESS) { fprintf(stderr, "TA-Lib returned %d\n", (int)rc); return 3; }
  f = fopen(argv[4], "wb");
  for (int k = 0; k < outs; k++) {
    double *full = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++) full[i] = NAN;
    for (int i = 0; i < nb; i++) full[beg + i] = out[k][i];
    fwrite(full, sizeof(double), (size_t)n, f);
    free(full);
  }
  fclose(f);
  printf("%d %d %d %.0f\n", beg, nb, outs, best);
  return 0;
}
