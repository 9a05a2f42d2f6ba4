// D's verdicts for the window and the run folder (internal: includes LibTorch): what D says of
// real images, of G's fakes and of the grid shown, measured without changing the run.
#pragma once

#include "model/io/images.h"
#include "model/metrics/discriminator_scores.h"
#include "model/training/training_state.h"

namespace gs {

// The latent vectors of the fakes come from this seed, so measurements at different iterations
// judge the same z.
inline constexpr uint64_t kScoreSeed = 20261204;

// D's outputs on `count` real images evenly spread over the data set (with their labels), on
// `count` fakes of G (in inference mode) from kScoreSeed, and on `grid`'s images (with the grid's
// labels), each set a batch judged as training judges one: BatchNorm with the batch's own
// statistics, no dropout, no power iteration. Draws no random numbers from the run's generator and
// changes no weight or statistic (BatchNorm's running ones are put back): training goes on bit for
// bit as without it. `iteration` is left 0.
DiscriminatorScores score_discriminator(TrainingState& state, int count, const ImageBatch& grid);

}  // namespace gs
