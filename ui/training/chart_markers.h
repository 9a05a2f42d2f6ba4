// Marks on every chart at an iteration (a settings change, a health warning): a dashed line and
// a label, the labels laid out in rows so that none covers another or a legend; a label without
// room is hidden (the read-out names it when the pointer is near its line).
#pragma once

#include <QColor>
#include <QList>
#include <QPalette>
#include <QString>
#include <functional>

class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;

namespace ui {

class ChartMarkers {
 public:
  // Marks on `plots`, at the horizontal position `xOf` gives for an iteration.
  ChartMarkers(QList<QCustomPlot*> plots, std::function<double(qint64)> xOf);

  // A mark on every chart; returns its index.
  int add(qint64 iteration, const QString& label, const QColor& color, const QPalette& palette);
  void setLabel(int index, const QString& label);
  // The lines to where their iterations are now (the horizontal axis changed meaning).
  void reposition();
  void layOutLabels();
  // How many labels a chart shows (after the last layout).
  int visibleLabels(QCustomPlot* plot) const;
  // The labels of the marks within a few pixels of `pixelX` on `plot`, joined.
  QString near(QCustomPlot* plot, double pixelX) const;
  // Forgets every mark (their items go when the charts clear theirs).
  void forget() { marks_.clear(); }
  bool isEmpty() const { return marks_.isEmpty(); }

 private:
  struct Mark {
    qint64 iteration = 0;
    QString label;
    QList<QCPItemText*> texts;  // one per chart
    QList<QCPItemStraightLine*> lines;
  };

  QList<QCustomPlot*> plots_;
  std::function<double(qint64)> xOf_;
  QList<Mark> marks_;
};

}  // namespace ui
