// D's verdicts, measured with each sample grid (outputs.score_samples): its outputs on a fixed set
// of real images, on fakes of G from fixed latent vectors, and on the grid's own images (G's
// average: what the window shows). A plain value: scores.csv, the TensorBoard histograms and the
// window's score chart read it without the trainer.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace gs {

// D's output per image as d_real and d_fake report it: a probability for bce and hinge (sigmoid),
// the clamped output for lsgan, a critic's raw score for wgan-gp.
struct DiscriminatorScores {
  int64_t iteration = 0;
  std::vector<float> real;  // the fixed real images, evenly spread over the data set
  std::vector<float> fake;  // as many fakes of G (the network in training, in inference mode)
  std::vector<float> grid;  // the sample grid's images, in grid order
};

// A distribution summarised for a CSV row and a chart's bands.
struct ScoreSummary {
  double mean = NAN;
  double p05 = NAN;
  double p25 = NAN;
  double median = NAN;
  double p75 = NAN;
  double p95 = NAN;
};

// The mean and the 5, 25, 50, 75 and 95% quantiles (linear between order statistics); NaN when
// `values` is empty.
inline ScoreSummary summarize(std::vector<float> values) {
  ScoreSummary s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  double total = 0;
  for (const float v : values) total += v;
  s.mean = total / static_cast<double>(values.size());
  const auto at = [&](double q) {
    const double position = q * static_cast<double>(values.size() - 1);
    const auto low = static_cast<size_t>(std::floor(position));
    const size_t high = std::min(low + 1, values.size() - 1);
    const double t = position - static_cast<double>(low);
    return values[low] * (1 - t) + values[high] * t;
  };
  s.p05 = at(0.05);
  s.p25 = at(0.25);
  s.median = at(0.5);
  s.p75 = at(0.75);
  s.p95 = at(0.95);
  return s;
}

// A row of scores.csv: the real and fake distributions summarised, and the grid's mean.
struct ScoreRow {
  int64_t iteration = 0;
  ScoreSummary real;
  ScoreSummary fake;
  double grid_mean = NAN;
};

inline ScoreRow score_row(const DiscriminatorScores& scores) {
  ScoreRow row;
  row.iteration = scores.iteration;
  row.real = summarize(scores.real);
  row.fake = summarize(scores.fake);
  row.grid_mean = summarize(scores.grid).mean;
  return row;
}

}  // namespace gs
