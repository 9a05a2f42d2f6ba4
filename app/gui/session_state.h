// What the window shows of a run, held as data that the controllers share: filled from the
// worker's and the generator's signals, never read back from a widget.
#pragma once

#include <QImage>
#include <QString>
#include <QVector>

namespace app {

struct SessionState {
  QString runFolder;   // the run the window shows ("" before any)
  QString configYaml;  // its effective configuration
  // The fixed latent batch behind the grid, a vector of noiseDim values per cell (z, and for a
  // conditional model the cell's class one-hot: what the explorer takes).
  QVector<float> gridLatents;
  int noiseDim = 0;
  QImage grid;            // the newest grid: cells without gaps, kGridColumns per row
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
