// The 8 x 8 grid of digits generated from the fixed latent batch: each cell shows the same latent
// vector as training moves it. Drawn crisp (nearest-neighbour, whole-number scale) with the
// iteration it was drawn at. Clicking a cell reports its index (the latent explorer loads that
// vector). A conditional run's grid has a row per class, named at its left. D's verdict on each
// cell can show as a coloured frame and badge (red: D calls it fake, green: real), with a legend
// in the caption.
#pragma once

#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include "model/core/grid.h"

namespace ui {

class SampleGridView : public QWidget {
  Q_OBJECT

 public:
  explicit SampleGridView(QWidget* parent = nullptr);

  // `grid`: the cells tiled without gaps, `columns` per row, each cell square.
  void setGrid(const QImage& grid, int columns, qint64 iteration);
  void clear();
  // Replaces the "Generated at iteration N" caption (a grid from a checkpoint).
  void setCaption(const QString& caption);
  // The class of each row, drawn at the left of the grid when there are as many as rows (a
  // conditional run's grid); empty: none.
  void setRowLabels(const QStringList& labels);
  const QStringList& rowLabels() const { return rowLabels_; }
  // Where a row's label is drawn (empty when labels are not shown), for tests.
  QRect rowLabelRect(int row) const;
  // D's output on each cell of the grid shown (a new grid drops them): probabilities, or a
  // critic's scores (then coloured from the grid's lowest to its highest). Shown while
  // setShowVerdicts(true).
  void setVerdicts(const QVector<float>& scores);
  const QVector<float>& verdicts() const { return verdicts_; }
  void setShowVerdicts(bool show);
  bool showsVerdicts() const {
    return showVerdicts_ && !grid_.isNull() && !verdicts_.isEmpty() &&
           verdicts_.size() == cellCount();
  }
  // A cell's verdict colour (tests): red for fake, green for real; invalid when none is shown.
  QColor verdictColor(int index) const;
  // What the empty grid says ("" : "No samples yet: start training").
  void setPlaceholder(const QString& text);
  // The caption under the grid as it reads now, and where it is drawn (tests).
  QString captionText() const;
  QRect captionRect() const;

  const QImage& grid() const { return grid_; }
  qint64 iteration() const { return iteration_; }
  int cellCount() const;
  int rows() const;      // a conditional run's grid has a row per class
  int cellSide() const;  // pixels of a cell's image (28, 32 or 64)
  // The cell image at `index` (row-major), or a null image.
  QImage cell(int index) const;
  // The cell under a point in widget coordinates, or -1.
  int cellAt(const QPoint& point) const;
  int selectedCell() const { return selected_; }
  void setSelectedCell(int index);

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 Q_SIGNALS:
  void cellClicked(int index);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Geometry {
    double scale = 1;  // logical pixels per image pixel (whole device pixels)
    int gap = 2;
    QPointF origin;
  };
  Geometry geometry() const;
  // The room the row labels take at the left (0 when they are not shown).
  int labelWidth() const;
  bool showsRowLabels() const;
  bool probabilitiesShown() const;  // every verdict within 0..1

  QImage grid_;
  int columns_ = gs::kGridColumns;
  qint64 iteration_ = -1;
  QString caption_;
  QString placeholder_;
  QStringList rowLabels_;
  int selected_ = -1;
  int hovered_ = -1;
  QVector<float> verdicts_;
  bool showVerdicts_ = false;
};

}  // namespace ui
