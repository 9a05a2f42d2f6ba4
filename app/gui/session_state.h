// What the window shows of a run, held as data that the controllers share: filled from the
// worker's and the generator's signals, never read back from a widget.
#pragma once

#include <QImage>
#include <QString>
#include <QVector>
#include <optional>

#include "model/config/config.h"
#include "model/io/images.h"

namespace app {

struct SessionState {
  QString runFolder;  // the run the window shows ("" before any)
  // Its effective configuration (none before a run, a watched run or a checkpoint is shown).
  std::optional<gs::RunConfig> config;
  // The fixed latent batch behind the grid, a vector of noiseDim values per cell (z, and for a
  // conditional model the cell's class one-hot: what the explorer takes).
  QVector<float> gridLatents;
  int noiseDim = 0;
  gs::ImageBatch grid;    // the newest grid's cells
  QImage digit;           // the explorer's newest preview
  QVector<QImage> strip;  // the explorer's newest interpolation strip

  // The latent vector behind grid cell `index` (empty when there is none).
  QVector<float> gridLatent(int index) const {
    const qsizetype start = qsizetype{index} * noiseDim;
    if (noiseDim <= 0 || index < 0 || start + noiseDim > gridLatents.size()) return {};
    return gridLatents.mid(start, noiseDim);
  }
};

}  // namespace app
